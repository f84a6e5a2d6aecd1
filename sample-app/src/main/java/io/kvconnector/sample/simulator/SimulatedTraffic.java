package io.kvconnector.sample.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.random.RandomGenerator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.nixl.NixlFailure;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.NixlXferTelemetry;
import io.kvconnector.stats.recording.KvConnectorEngine;

/**
 * Records simulated requests on every configured engine at a steady rate, only through
 * the recorders' public API, on a task scheduler; starts and stops with the application
 * context, and records nothing once stopped.
 *
 * @author kvconnector-stats
 */
public final class SimulatedTraffic implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SimulatedTraffic.class);

	private final TrafficModel model;

	private final RandomGenerator random;

	private final Duration period;

	private final TaskScheduler scheduler;

	private final @Nullable NixlStatsRecorder nixl;

	private final @Nullable MooncakeStatsRecorder mooncake;

	private final List<Integer> engines;

	private final Object lifecycle = new Object();

	private @Nullable ScheduledFuture<?> scheduled;

	SimulatedTraffic(TrafficModel model, RandomGenerator random, Duration period, TaskScheduler scheduler,
			@Nullable NixlStatsRecorder nixl, @Nullable MooncakeStatsRecorder mooncake) {
		this.model = model;
		this.random = random;
		this.period = period;
		this.scheduler = scheduler;
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
		return List.copyOf(engines);
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
		synchronized (this.lifecycle) {
			// a tick that began before stop() records nothing after it
			if (this.scheduled == null) {
				return;
			}
			try {
				tick();
			}
			catch (RuntimeException ex) {
				logger.warn("Simulated traffic failed; it goes on with the next request", ex);
			}
		}
	}

	@Override
	public void start() {
		synchronized (this.lifecycle) {
			if (this.scheduled == null) {
				this.scheduled = this.scheduler.scheduleAtFixedRate(this::safeTick, Instant.now().plus(this.period),
						this.period);
			}
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycle) {
			ScheduledFuture<?> scheduled = this.scheduled;
			if (scheduled != null) {
				scheduled.cancel(false);
				this.scheduled = null;
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycle) {
			return this.scheduled != null;
		}
	}

}
