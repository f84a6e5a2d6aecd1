package io.kvconnector.stats.nixl.reliability;

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

import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;
import io.kvconnector.stats.recording.IntervalSummary;
import io.kvconnector.stats.recording.KvConnectorEngine;

import static io.kvconnector.stats.nixl.NixlTransfers.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that NIXL recording loses and invents nothing while intervals rotate every
 * millisecond under many recording threads, and that the per-interval bound holds.
 *
 * @author kvconnector-stats
 */
class NixlRecordingReliabilityTests {

	private static final int THREADS = 6;

	private static final int MAX_SAMPLES = 2_000;

	/**
	 * Rotations to see, every one of which closes both engines' intervals, before the
	 * recording threads are stopped.
	 */
	private static final int ROTATIONS = 50;

	@Test
	void everySampleIsKeptInOneIntervalOrCountedAsDroppedAndMetersCountThemAll() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		NixlMetrics metrics = new NixlMetrics("reliability");
		metrics.bindTo(registry);
		NixlStatsRecorder recorder = new NixlStatsRecorder(List.of(0, 1), MAX_SAMPLES, metrics, Clock.systemUTC());
		Totals totals = new Totals();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean recording = new AtomicBoolean(true);
		long[] transfers = new long[2];
		long failedTransfers = 0;
		try {
			List<Future<long[]>> recorders = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int engine = t % 2;
				recorders.add(pool.submit(() -> {
					start.await();
					long done = 0;
					long failed = 0;
					while (recording.get()) {
						recorder.recordTransfer(engine, transfer(10 + done % 5000, 3, 4096, 8));
						if (done % 100 == 0) {
							recorder.recordFailedTransfer(engine);
							failed++;
						}
						done++;
					}
					return new long[] { engine, done, failed };
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
				transfers[(int) counts[0]] += counts[1];
				failedTransfers += counts[2];
			}
			rotate(recorder, totals);
		}
		finally {
			recording.set(false);
			pool.shutdownNow();
		}
		long recorded = transfers[0] + transfers[1];
		assertThat(totals.rotations).isGreaterThan(ROTATIONS);
		assertThat(totals.dropped).as("drops under sustained load").isPositive();
		assertThat(totals.kept + totals.dropped).isEqualTo(recorded);
		assertThat(totals.largestInterval).isLessThanOrEqualTo(MAX_SAMPLES);
		assertThat(totals.failedTransfers).isEqualTo(failedTransfers);
		assertThat(registry.get("vllm:nixl_xfer_time").timers()).extracting((timer) -> timer.count())
			.containsExactlyInAnyOrder(transfers[0], transfers[1]);
		assertThat(registry.get("kvconnector.dropped.samples").counters().stream().mapToDouble((c) -> c.count()).sum())
			.isEqualTo(totals.dropped);
		assertThat(
				registry.get("vllm:nixl_num_failed_transfers").counters().stream().mapToDouble((c) -> c.count()).sum())
			.isEqualTo(totals.failedTransfers);
	}

	private static void rotate(NixlStatsRecorder recorder, Totals totals) {
		for (KvConnectorEngine<NixlKvConnectorStats> engine : recorder.engines()) {
			IntervalSummary closed = engine.interval().rotate().summary();
			int kept = closed.stats().get("Num successful transfers").intValue();
			totals.kept += kept;
			totals.dropped += closed.droppedSamples();
			totals.failedTransfers += closed.failures().get("num_failed_transfers");
			totals.largestInterval = Math.max(totals.largestInterval, kept);
		}
		totals.rotations++;
	}

	private static final class Totals {

		long kept;

		long dropped;

		long failedTransfers;

		int largestInterval;

		int rotations;

	}

}
