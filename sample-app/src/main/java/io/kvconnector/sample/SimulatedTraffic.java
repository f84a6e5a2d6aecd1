package io.kvconnector.sample;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.NixlXferTelemetry;

/**
 * Records made-up NIXL transfers and Mooncake store operations a few hundred times a
 * second, so that the sample shows live meters, endpoint output and log lines.
 *
 * @author kvconnector-stats
 */
class SimulatedTraffic implements SmartLifecycle {

	private static final String[] OPERATIONS = { "save_exists", "save_put", "load_get", "lookup_exists" };

	private final NixlStatsRecorder nixl;

	private final MooncakeStatsRecorder mooncake;

	private final long periodMillis;

	private @Nullable ScheduledExecutorService executor;

	SimulatedTraffic(NixlStatsRecorder nixl, MooncakeStatsRecorder mooncake, long periodMillis) {
		this.nixl = nixl;
		this.mooncake = mooncake;
		this.periodMillis = periodMillis;
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "simulated-kv-traffic");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleAtFixedRate(this::tick, 0, this.periodMillis, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	private void tick() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long blocks = random.nextLong(1, 256);
		long transferMicros = (long) (blocks * 40 * (0.5 + random.nextDouble()));
		this.nixl.recordTransfer(NixlXferTelemetry.builder()
			.xferDurationMicros(transferMicros)
			.postDurationMicros(random.nextLong(20, 400))
			.totalBytes(blocks * 256 * 1024)
			.descCount(blocks * 2)
			.build());
		if (random.nextInt(200) == 0) {
			this.nixl.recordFailedTransfer();
		}
		String operation = OPERATIONS[random.nextInt(OPERATIONS.length)];
		boolean failed = random.nextInt(100) == 0;
		this.mooncake.recordOperation(MooncakeOperation.builder(operation)
			.durationSeconds(random.nextDouble(0.0002, 0.02))
			.keys(blocks)
			.bytes(blocks * 256 * 1024)
			.status(failed ? "error" : "ok")
			.failedKeys(failed ? blocks : 0)
			.build());
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
