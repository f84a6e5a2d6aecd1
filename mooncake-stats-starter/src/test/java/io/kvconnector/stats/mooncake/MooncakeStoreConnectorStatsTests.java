package io.kvconnector.stats.mooncake;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.StatsJson;
import io.kvconnector.stats.contract.AbstractKvConnectorStatsTests;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MooncakeStoreConnectorStats}.
 *
 * @author kvconnector-stats
 */
class MooncakeStoreConnectorStatsTests extends AbstractKvConnectorStatsTests<MooncakeStoreConnectorStats> {

	private static final MooncakeOperation SAVE_PUT_ERROR = MooncakeOperation.builder("save_put")
		.durationSeconds(0.2)
		.keys(2)
		.bytes(10)
		.status("error")
		.failedKeys(1)
		.build();

	@Override
	protected ConnectorUnderTest<MooncakeStoreConnectorStats, ?, ?> connector() {
		return new MooncakeConnectorUnderTest();
	}

	@Test
	void recordOperationUsesVllmDefaults() {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats();
		assertThat(stats.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.25).keys(3).build()))
			.isEqualTo(RecordOutcome.RECORDED);
		assertThat(stats.data()).containsExactly(Map.entry("load_get", List.of(Map.of("duration_seconds", 0.25,
				"num_keys", 3L, "num_bytes", 0L, "status", "ok", "num_failed_keys", 0L))));
		assertThat(stats.data().get("load_get").get(0).keySet()).containsExactly("duration_seconds", "num_keys",
				"num_bytes", "status", "num_failed_keys");
	}

	@Test
	void reduceOrdersOperationsByCodePointAndSkipsEmptyOnes() {
		// U+FF5E sorts before U+1F600 by code point but after it in UTF-16 order
		MooncakeStoreConnectorStats stats = MooncakeStoreConnectorStats
			.fromData(StatsJson.read("{\"\\ud83d\\ude00\":[{\"duration_seconds\":0.001,\"num_keys\":1}],"
					+ "\"idle\":[],\"\\uff5e\":[{\"duration_seconds\":0.002,\"num_keys\":2}]}"));
		assertThat(stats.isEmpty()).isFalse();
		assertThat(new ArrayList<>(stats.reduce().keySet()).stream().map((key) -> key.substring(0, 2)).distinct())
			.containsExactly("\uff5e_", "\ud83d\ude00");
		assertThat(MooncakeStoreConnectorStats.fromData(Map.of("idle", List.of())).reduce()).isEmpty();
	}

	@Test
	void reduceCountsErrorsAndSumsExactlyPastLongRange() {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats();
		stats.recordOperation(MooncakeOperation.builder("save_put")
			.durationSeconds(0.5)
			.keys(Long.MAX_VALUE)
			.bytes(1)
			.status("error")
			.failedKeys(2)
			.build());
		stats.recordOperation(MooncakeOperation.builder("save_put")
			.durationSeconds(0.25)
			.keys(Long.MAX_VALUE)
			.bytes(1)
			.failedKeys(3)
			.build());
		stats.recordOperation(
				MooncakeOperation.builder("save_put").durationSeconds(0.25).keys(1).bytes(1).status("Error").build());
		Map<String, Number> reduced = stats.reduce();
		assertThat(reduced).containsEntry("save_put_count", 3)
			.containsEntry("save_put_total_keys",
					BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TWO).add(BigInteger.ONE))
			.containsEntry("save_put_total_bytes", 3L)
			.containsEntry("save_put_failed_keys", 5L)
			.containsEntry("save_put_error_count", 1);
	}

	@Test
	void invalidSamplesAreRejectedWithoutThrowingOrRecording() {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats();
		assertThat(stats.recordOperation(MooncakeOperation.builder("op").durationSeconds(-0.1).keys(1).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordOperation(MooncakeOperation.builder("op").durationSeconds(Double.NaN).keys(1).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats
			.recordOperation(MooncakeOperation.builder("op").durationSeconds(Double.POSITIVE_INFINITY).keys(1).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordOperation(MooncakeOperation.builder("op").durationSeconds(0.1).keys(-1).build()))
			.isEqualTo(RecordOutcome.NEGATIVE_COUNT);
		assertThat(
				stats.recordOperation(MooncakeOperation.builder("op").durationSeconds(0.1).keys(1).bytes(-1).build()))
			.isEqualTo(RecordOutcome.NEGATIVE_COUNT);
		assertThat(stats.recordOperation(MooncakeOperation.builder(null).durationSeconds(0.1).keys(1).build()))
			.isEqualTo(RecordOutcome.INVALID_OPERATION);
		assertThat(stats.recordOperation(MooncakeOperation.builder(" ").durationSeconds(0.1).keys(1).build()))
			.isEqualTo(RecordOutcome.INVALID_OPERATION);
		assertThat(stats.recordOperation(MooncakeOperation.builder("a\nb").durationSeconds(0.1).keys(1).build()))
			.isEqualTo(RecordOutcome.INVALID_OPERATION);
		assertThat(
				stats.recordOperation(MooncakeOperation.builder("x".repeat(129)).durationSeconds(0.1).keys(1).build()))
			.isEqualTo(RecordOutcome.INVALID_OPERATION);
		assertThat(stats
			.recordOperation(MooncakeOperation.builder("op").durationSeconds(0.1).keys(1).status(null).build()))
			.isEqualTo(RecordOutcome.INVALID_STATUS);
		assertThat(
				stats.recordOperation(MooncakeOperation.builder("op").durationSeconds(0.1).keys(1).status("").build()))
			.isEqualTo(RecordOutcome.INVALID_STATUS);
		assertThat(stats.isEmpty()).isTrue();
		assertThat(
				stats.recordOperation(MooncakeOperation.builder("x".repeat(128)).durationSeconds(0.1).keys(1).build()))
			.isEqualTo(RecordOutcome.RECORDED);
	}

	@Test
	void operationsWhoseAggregatedRecordsWereAllDroppedStayAsEmptyOperations() {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats(2);
		stats.recordOperation(MooncakeOperation.builder("a").durationSeconds(0.1).keys(1).build());
		stats.recordOperation(MooncakeOperation.builder("b").durationSeconds(0.1).keys(1).build());
		stats.aggregate(MooncakeStoreConnectorStats.fromData(StatsJson
			.read("{\"c\":[{\"duration_seconds\":1,\"num_keys\":1},{\"duration_seconds\":1,\"num_keys\":1}]}")));
		assertThat(stats.droppedSamples()).isEqualTo(2);
		assertThat(stats.data().keySet()).containsExactly("a", "b", "c");
		assertThat(stats.reduce()).containsEntry("a_count", 1).containsEntry("b_count", 1).doesNotContainKey("c_count");
	}

	@Test
	void threadsRecordingAtOnceFillTheCapacityExactlyAndDropTheRest() throws Exception {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats(10_000);
		int threads = 4;
		int perThread = 50_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Long>> recorders = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				recorders.add(pool.submit(() -> {
					start.await();
					long dropped = 0;
					for (int i = 0; i < perThread; i++) {
						if (stats.recordOperation(MooncakeOperation.builder("save_put")
							.durationSeconds(0.001)
							.keys(1)
							.build()) == RecordOutcome.DROPPED) {
							dropped++;
						}
					}
					return dropped;
				}));
			}
			start.countDown();
			long dropped = 0;
			for (Future<Long> recorder : recorders) {
				dropped += recorder.get(60, TimeUnit.SECONDS);
			}
			assertThat(stats.reduce()).containsEntry("save_put_count", 10_000);
			assertThat(stats.droppedSamples()).isEqualTo(dropped).isEqualTo((long) threads * perThread - 10_000);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void threadsThatRecordAtOnceGetStripesOfTheirOwnAndStillFillTheCapacity() throws Exception {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats(1000);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		AtomicBoolean recording = new AtomicBoolean(true);
		LongAdder attempts = new LongAdder();
		LongAdder recorded = new LongAdder();
		try {
			for (int t = 0; t < 4; t++) {
				pool.submit(() -> {
					while (recording.get()) {
						if (stats.recordOperation(MooncakeOperation.builder("save_put")
							.durationSeconds(0.001)
							.keys(1)
							.build()) == RecordOutcome.RECORDED) {
							recorded.increment();
						}
						attempts.increment();
					}
				});
			}
			// past the capacity many times over, so that every reservation has been used
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while ((stats.stripeCount() == 1 || attempts.sum() < 100_000) && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			assertThat(stats.stripeCount()).isGreaterThan(1);
		}
		finally {
			recording.set(false);
			pool.shutdown();
			assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(attempts.sum()).isGreaterThanOrEqualTo(100_000);
		assertThat(recorded.sum()).isEqualTo(1000);
		assertThat(stats.reduce()).containsEntry("save_put_count", 1000);
		assertThat(stats.droppedSamples()).isEqualTo(attempts.sum() - 1000);
	}

	@Test
	void readsAndRotationsDoNotAddStripesForASingleRecordingThread() throws Exception {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats();
		ExecutorService pool = Executors.newSingleThreadExecutor();
		AtomicBoolean recording = new AtomicBoolean(true);
		long[] kept = new long[2];
		try {
			Future<?> reader = pool.submit(() -> {
				while (recording.get()) {
					stats.reduce();
					add(kept, stats.cloneAndReset());
				}
			});
			for (int i = 0; i < 200_000; i++) {
				stats.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.001).keys(1).build());
			}
			recording.set(false);
			reader.get(30, TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		add(kept, stats);
		assertThat(kept[0]).isEqualTo(200_000);
		assertThat(stats.stripeCount()).isEqualTo(1);
	}

	@Test
	void capacityReservedByAThreadThatStoppedRecordingGoesToAnother() throws Exception {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats(100, 2);
		int[] firstStripe = new int[1];
		Thread first = new Thread(() -> {
			firstStripe[0] = stats.stripeIndex();
			stats.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).build());
		});
		first.start();
		first.join();
		AtomicBoolean recorded = new AtomicBoolean();
		for (int attempt = 0; attempt < 100 && !recorded.get(); attempt++) {
			Thread second = new Thread(() -> {
				if (stats.stripeIndex() != firstStripe[0]) {
					for (int i = 0; i < 100; i++) {
						stats.recordOperation(
								MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).build());
					}
					recorded.set(true);
				}
			});
			second.start();
			second.join();
		}
		assertThat(recorded).isTrue();
		assertThat(stats.reduce()).containsEntry("load_get_count", 100);
		assertThat(stats.droppedSamples()).isEqualTo(1);
	}

	@Test
	void aggregateFillsCapacityThatRecordingHasReservedButNotUsed() {
		LongAdder drops = new LongAdder();
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats(100, drops::add);
		for (int i = 0; i < 10; i++) {
			stats.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).build());
		}
		MooncakeStoreConnectorStats incoming = new MooncakeStoreConnectorStats();
		for (int i = 0; i < 95; i++) {
			incoming.recordOperation(MooncakeOperation.builder("save_put").durationSeconds(0.2).keys(2).build());
		}
		assertThat(stats.aggregate(incoming)).isSameAs(stats);
		assertThat(drops.sum()).isEqualTo(5);
		assertThat(stats.reduce()).containsEntry("load_get_count", 10).containsEntry("save_put_count", 90);
		assertThat(stats.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).build()))
			.isEqualTo(RecordOutcome.DROPPED);
		assertThat(stats.droppedSamples()).isEqualTo(6);
		assertThat(drops.sum()).isEqualTo(6);
		stats.cloneAndReset();
		assertThat(stats.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).build()))
			.isEqualTo(RecordOutcome.RECORDED);
	}

	@Test
	void aggregateAppendsPerOperationCreatingMissingOnes() {
		MooncakeStoreConnectorStats ours = new MooncakeStoreConnectorStats();
		ours.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).build());
		MooncakeStoreConnectorStats theirs = new MooncakeStoreConnectorStats();
		theirs.recordOperation(SAVE_PUT_ERROR);
		theirs.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.3).keys(3).build());
		ours.aggregate(theirs).aggregate(new MooncakeStoreConnectorStats());
		assertThat(ours.data().keySet()).containsExactly("load_get", "save_put");
		assertThat(ours.data().get("load_get")).extracting((r) -> r.get("num_keys")).containsExactly(1L, 3L);
		assertThat(ours.data().get("save_put").get(0)).containsEntry("status", "error");
		assertThat(theirs.data().get("load_get")).hasSize(1);
	}

	@Test
	void cloneAndResetIntoASpareOfSeveralStripesKeepsEveryOperationAndStatusApart() {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats(4, 2);
		stats.recordOperation(
				MooncakeOperation.builder("lookup_exists").durationSeconds(0.1).keys(1).status("timeout").build());
		MooncakeStoreConnectorStats spare = stats.cloneAndReset();
		stats.recordOperation(SAVE_PUT_ERROR);
		stats.recordOperation(MooncakeOperation.builder("load_get")
			.durationSeconds(0.3)
			.keys(3)
			.status("partial")
			.failedKeys(1)
			.build());
		Map<String, List<Map<String, Object>>> before = stats.data();
		assertThat(stats.cloneAndResetInto(spare)).isSameAs(spare);
		stats.recordOperation(
				MooncakeOperation.builder("lookup_exists").durationSeconds(0.7).keys(7).status("partial").build());
		assertThat(stats.data()).containsOnlyKeys("lookup_exists");
		assertThat(stats.data().get("lookup_exists")).extracting((r) -> r.get("status")).containsOnly("partial");
		assertThat(spare.data()).isEqualTo(before);
		assertThat(spare.reduce()).containsEntry("save_put_error_count", 1).containsEntry("load_get_failed_keys", 1L);
	}

	private static void add(long[] totals, MooncakeStoreConnectorStats interval) {
		interval.reduce().forEach((key, value) -> {
			if (key.endsWith("_count") && !key.endsWith("_error_count")) {
				totals[0] += value.longValue();
			}
			if (key.endsWith("_error_count")) {
				totals[1] += value.longValue();
			}
		});
	}

	@Test
	void fromDataAppliesDefaultsAndIgnoresExtraFields() {
		MooncakeStoreConnectorStats stats = MooncakeStoreConnectorStats
			.fromData(StatsJson.read("{\"load_get\":[{\"duration_seconds\":1,\"num_keys\":2.0,\"trace_id\":\"x\"}]}"));
		assertThat(stats.data().get("load_get").get(0)).containsEntry("duration_seconds", 1.0)
			.containsEntry("num_keys", 2L)
			.containsEntry("num_bytes", 0L)
			.containsEntry("status", "ok")
			.containsEntry("num_failed_keys", 0L)
			.doesNotContainKey("trace_id");
	}

	@Test
	void fromDataRejectsMalformedDataNamingThePath() {
		assertRejected("{\"load_get\":[{\"duration_seconds\":0.1,\"num_keys\":1},{\"num_keys\":1}]}",
				"load_get[1].duration_seconds");
		assertRejected("{\"load_get\":[{\"duration_seconds\":0.1,\"num_keys\":1.5}]}", "load_get[0].num_keys");
		assertRejected("{\"load_get\":[{\"duration_seconds\":0.1,\"num_keys\":1,\"status\":7}]}", "load_get[0].status");
		assertRejected("{\"load_get\":[{\"duration_seconds\":-1,\"num_keys\":1}]}", "load_get[0].duration_seconds");
		assertRejected("{\"load_get\":[{\"duration_seconds\":1,\"num_keys\":1,\"num_failed_keys\":-1}]}",
				"load_get[0].num_failed_keys");
		assertRejected("{\"load_get\":[[]]}", "load_get[0]");
		assertRejected("{\"load_get\":{}}", "load_get");
		assertRejected("{\"" + "x".repeat(129) + "\":[]}", "x".repeat(129));
	}

	private static void assertRejected(String json, String path) {
		assertThatExceptionOfType(InvalidStatsDataException.class)
			.isThrownBy(() -> MooncakeStoreConnectorStats.fromData(StatsJson.read(json)))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo(path));
	}

}
