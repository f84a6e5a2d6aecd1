package io.kvconnector.sample.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.nixl.NixlFailure;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.NixlXferTelemetry;
import io.kvconnector.stats.recording.KvConnectorEngine;

/**
 * Records simulated requests on every configured engine at a steady rate, only through
 * the recorders' public API, from one thread that starts and stops with the application
 * context.
 *
 * @author kvconnector-stats
 */
public final class SimulatedTraffic implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SimulatedTraffic.class);

	private final TrafficModel model;

	private final RandomGenerator random;

	private final long periodNanos;

	private final @Nullable NixlStatsRecorder nixl;

	private final @Nullable MooncakeStatsRecorder mooncake;

	private final List<Integer> engines;

	private @Nullable ScheduledExecutorService executor;

	SimulatedTraffic(TrafficModel model, RandomGenerator random, Duration period, @Nullable NixlStatsRecorder nixl,
			@Nullable MooncakeStatsRecorder mooncake) {
		this.model = model;
		this.random = random;
		this.periodNanos = Math.max(1, period.toNanos());
		this.nixl = nixl;
		this.mooncake = mooncake;
		this.engines = engines(nixl, mooncake);
	}

	private static List<Integer> engines(@Nullable NixlStatsRecorder nixl, @Nullable MooncakeStatsRecorder mooncake) {
		Set<Integer> engines = new LinkedHashSet<>();
		if (nixl != null) {
			addEngines(engines, nixl.engines());
		}
		if (mooncake != null) {
			addEngines(engines, mooncake.engines());
		}
		return List.copyOf(new ArrayList<>(engines));
	}

	private static void addEngines(Set<Integer> engines, List<? extends KvConnectorEngine<?>> configured) {
		for (KvConnectorEngine<?> engine : configured) {
			engines.add(engine.engine());
		}
	}

	/**
	 * Return the engines that get traffic: every engine a recorder has.
	 * @return the engine indexes, in configured order
	 */
	public List<Integer> engines() {
		return this.engines;
	}

	/**
	 * Record one request on each engine.
	 */
	void tick() {
		for (int engine : this.engines) {
			record(engine, this.model.next(this.random));
		}
	}

	private void record(int engine, SimulatedRequest request) {
		recordStoreCalls(engine, request.prefill());
		NixlStatsRecorder nixl = this.nixl;
		if (nixl != null) {
			NixlXferTelemetry transfer = request.transfer();
			NixlFailure failure = request.failure();
			if (transfer != null) {
				nixl.recordTransfer(engine, transfer);
			}
			if (failure != null) {
				nixl.recordFailure(engine, failure);
			}
		}
		recordStoreCalls(engine, request.decode());
	}

	private void recordStoreCalls(int engine, List<MooncakeOperation> operations) {
		MooncakeStatsRecorder mooncake = this.mooncake;
		if (mooncake != null) {
			for (MooncakeOperation operation : operations) {
				mooncake.recordOperation(engine, operation);
			}
		}
	}

	private void safeTick() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			// a scheduled task that throws is never run again
			logger.warn("Simulated traffic failed; it goes on with the next request", ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "simulated-kv-traffic");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(this::safeTick, this.periodNanos, this.periodNanos, TimeUnit.NANOSECONDS);
		this.executor = executor;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.executor;
		if (executor == null) {
			return;
		}
		this.executor = null;
		executor.shutdownNow();
		try {
			// so that no request is recorded after the context closed its intervals
			if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("Simulated traffic did not stop within 5 seconds");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
