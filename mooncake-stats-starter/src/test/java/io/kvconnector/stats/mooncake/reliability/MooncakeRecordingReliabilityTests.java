package io.kvconnector.stats.mooncake.reliability;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.MooncakeStoreConnectorStats;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;
import io.kvconnector.stats.recording.ClosedInterval;
import io.kvconnector.stats.recording.KvConnectorEngine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Mooncake recording loses and invents nothing while intervals rotate every
 * millisecond under many recording threads, and that the per-interval bound holds.
 *
 * @author kvconnector-stats
 */
class MooncakeRecordingReliabilityTests {

	private static final int THREADS = 6;

	private static final int MAX_SAMPLES = 2_000;

	/**
	 * Rotations to see before the recording threads are stopped.
	 */
	private static final int ROTATIONS = 50;

	private static final String[] OPERATIONS = { "save_exists", "save_put", "load_get", "lookup_exists" };

	@Test
	void everySampleIsKeptInOneIntervalOrCountedAsDroppedAndMetersCountThemAll() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MooncakeMetrics metrics = new MooncakeMetrics("reliability", List.of(OPERATIONS), 32, 8);
		metrics.bindTo(registry);
		MooncakeStatsRecorder recorder = new MooncakeStatsRecorder(List.of(0), MAX_SAMPLES, metrics, Clock.systemUTC());
		Totals totals = new Totals();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean recording = new AtomicBoolean(true);
		long recorded = 0;
		long errors = 0;
		try {
			List<Future<long[]>> recorders = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				String operation = OPERATIONS[t % OPERATIONS.length];
				recorders.add(pool.submit(() -> {
					start.await();
					long done = 0;
					long failed = 0;
					while (recording.get()) {
						boolean error = done % 10 == 0;
						recorder.recordOperation(MooncakeOperation.builder(operation)
							.durationSeconds(0.002)
							.keys(2)
							.bytes(4096)
							.status(error ? "error" : "ok")
							.build());
						failed += error ? 1 : 0;
						done++;
					}
					return new long[] { done, failed };
				}));
			}
			Future<?> rotator = pool.submit(() -> {
				start.await();
				// until the load has both rotated and overflowed intervals, or a minute
				// passed
				long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
				while ((totals.rotations < ROTATIONS || totals.dropped == 0) && System.nanoTime() < deadline) {
					rotate(recorder, totals);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
				}
				recording.set(false);
				return null;
			});
			start.countDown();
			rotator.get(2, TimeUnit.MINUTES);
			for (Future<long[]> future : recorders) {
				long[] counts = future.get(1, TimeUnit.MINUTES);
				recorded += counts[0];
				errors += counts[1];
			}
			rotate(recorder, totals);
		}
		finally {
			recording.set(false);
			pool.shutdownNow();
		}
		assertThat(totals.rotations).isGreaterThan(ROTATIONS);
		assertThat(totals.dropped).as("drops under sustained load").isPositive();
		assertThat(totals.kept + totals.dropped).isEqualTo(recorded);
		assertThat(totals.largestInterval).isLessThanOrEqualTo(MAX_SAMPLES);
		assertThat(
				registry.get("vllm:mooncake_store_operation").counters().stream().mapToDouble((c) -> c.count()).sum())
			.isEqualTo(recorded);
		assertThat(registry.get("vllm:mooncake_store_operation")
			.tag("status", "error")
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum()).isEqualTo(errors);
		assertThat(registry.get("kvconnector.dropped.samples").counter().count()).isEqualTo(totals.dropped);
	}

	private static void rotate(MooncakeStatsRecorder recorder, Totals totals) {
		for (KvConnectorEngine<MooncakeStoreConnectorStats> engine : recorder.engines()) {
			ClosedInterval closed = engine.interval().rotate();
			long kept = closed.summary()
				.stats()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().endsWith("_count") && !entry.getKey().endsWith("_error_count"))
				.mapToLong((entry) -> entry.getValue().longValue())
				.sum();
			totals.kept += kept;
			totals.dropped += closed.summary().droppedSamples();
			totals.largestInterval = Math.max(totals.largestInterval, kept);
		}
		totals.rotations++;
	}

	private static final class Totals {

		long kept;

		long dropped;

		long largestInterval;

		int rotations;

	}

}
