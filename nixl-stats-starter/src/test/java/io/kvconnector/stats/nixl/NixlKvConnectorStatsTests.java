package io.kvconnector.stats.nixl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.StatsJson;
import org.junit.jupiter.api.Test;

import static io.kvconnector.stats.nixl.NixlTransfers.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NixlKvConnectorStats}.
 *
 * @author kvconnector-stats
 */
class NixlKvConnectorStatsTests {

	@Test
	void recordTransferStoresSecondsDividedBy1e6() {
		NixlKvConnectorStats stats = new NixlKvConnectorStats();
		assertThat(stats.recordTransfer(transfer(5, 7, 4096, 12))).isEqualTo(RecordOutcome.RECORDED);
		Map<String, List<Number>> data = stats.data();
		// 5 / 1e6 is 5e-06 but 5 * 1e-6 is 4.9999999999999996e-06; vLLM divides
		assertThat(data.get("transfer_duration")).containsExactly(5e-06);
		assertThat(5 * 1e-6).isNotEqualTo(5e-06);
		assertThat(data.get("post_duration")).containsExactly(7 / 1e6);
		assertThat(data.get("bytes_transferred")).containsExactly(4096L);
		assertThat(data.get("num_descriptors")).containsExactly(12L);
	}

	@Test
	void dataHasVllmKeysInOrder() {
		assertThat(new NixlKvConnectorStats().data().keySet()).containsExactly("transfer_duration", "post_duration",
				"bytes_transferred", "num_descriptors", "num_failed_transfers", "num_failed_notifications",
				"num_kv_expired_reqs");
	}

	@Test
	void failureRecordsAppendOneAndMakeStatsNonEmpty() {
		NixlKvConnectorStats stats = new NixlKvConnectorStats();
		assertThat(stats.isEmpty()).isTrue();
		stats.recordFailedTransfer();
		stats.recordFailedTransfer();
		stats.recordFailedNotification();
		stats.recordKvExpiredReq();
		assertThat(stats.isEmpty()).isFalse();
		assertThat(stats.data().get("num_failed_transfers")).containsExactly(1L, 1L);
		assertThat(stats.failureTotals()).containsExactly(Map.entry("num_failed_transfers", 2L),
				Map.entry("num_failed_notifications", 1L), Map.entry("num_kv_expired_reqs", 1L));
		assertThat(stats.reduce()).containsEntry("Num successful transfers", 0).hasSize(8);
	}

	@Test
	void invalidSamplesAreRejectedWithoutThrowingOrRecording() {
		NixlKvConnectorStats stats = new NixlKvConnectorStats();
		assertThat(stats.recordTransfer(transfer(-1, 0, 0, 0))).isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordTransfer(transfer(0, -1, 0, 0))).isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordTransfer(transfer(0, 0, -1, 0))).isEqualTo(RecordOutcome.NEGATIVE_COUNT);
		assertThat(stats.recordTransfer(transfer(0, 0, 0, -1))).isEqualTo(RecordOutcome.DESCRIPTORS_OUT_OF_RANGE);
		assertThat(stats.recordTransfer(transfer(0, 0, 0, 1L << 32))).isEqualTo(RecordOutcome.DESCRIPTORS_OUT_OF_RANGE);
		assertThat(stats.recordTransfer(transfer(0, 0, 0, (1L << 32) - 1))).isEqualTo(RecordOutcome.RECORDED);
		assertThat(stats.numSuccessfulTransfers()).isEqualTo(1);
	}

	@Test
	void transfersBeyondCapacityAreDroppedAndCounted() {
		NixlKvConnectorStats stats = new NixlKvConnectorStats(2);
		assertThat(stats.recordTransfer(transfer(1, 1, 1, 1))).isEqualTo(RecordOutcome.RECORDED);
		assertThat(stats.recordTransfer(transfer(1, 1, 1, 1))).isEqualTo(RecordOutcome.RECORDED);
		assertThat(stats.recordTransfer(transfer(1, 1, 1, 1))).isEqualTo(RecordOutcome.DROPPED);
		stats.aggregate(transfers(3));
		assertThat(stats.numSuccessfulTransfers()).isEqualTo(2);
		assertThat(stats.droppedSamples()).isEqualTo(4);
		NixlKvConnectorStats closed = stats.cloneAndReset();
		assertThat(closed.droppedSamples()).isEqualTo(4);
		assertThat(stats.droppedSamples()).isZero();
		assertThat(stats.recordTransfer(transfer(1, 1, 1, 1))).isEqualTo(RecordOutcome.RECORDED);
	}

	@Test
	void dropsAreReportedToTheListenerWhetherRecordedOrAggregated() {
		AtomicLong reported = new AtomicLong();
		NixlKvConnectorStats stats = new NixlKvConnectorStats(2, reported::addAndGet);
		for (int i = 0; i < 3; i++) {
			stats.recordTransfer(transfer(1, 1, 1, 1));
		}
		assertThat(reported).hasValue(1);
		stats.aggregate(transfers(3));
		assertThat(reported).hasValue(4);
		assertThat(stats.droppedSamples()).isEqualTo(4);
		NixlKvConnectorStats failures = new NixlKvConnectorStats();
		failures.recordFailedTransfer();
		stats.aggregate(failures);
		assertThat(reported).hasValue(4);
		stats.cloneAndReset().aggregate(transfers(1));
		assertThat(reported).as("the closed interval keeps the listener").hasValue(5);
		stats.aggregate(transfers(2));
		assertThat(reported).hasValue(5);
	}

	@Test
	void recordFailureAppendsOneToTheListOfItsKind() {
		for (NixlFailure kind : NixlFailure.values()) {
			NixlKvConnectorStats stats = new NixlKvConnectorStats();
			stats.recordFailure(kind);
			assertThat(stats.isEmpty()).isFalse();
			for (NixlFailure other : NixlFailure.values()) {
				assertThat(stats.data().get(other.wireKey())).as(other.wireKey())
					.isEqualTo((other == kind) ? List.of(1L) : List.of());
				assertThat(stats.failureTotals()).containsEntry(other.wireKey(), (other == kind) ? 1L : 0L);
			}
		}
	}

	@Test
	void aggregateAppendsOtherAfterOursAndIgnoresEmptyStats() {
		NixlKvConnectorStats ours = transfers(2);
		NixlKvConnectorStats theirs = new NixlKvConnectorStats();
		theirs.recordTransfer(transfer(99, 98, 97, 96));
		theirs.recordKvExpiredReq();
		assertThat(ours.aggregate(theirs)).isSameAs(ours);
		assertThat(ours.data().get("bytes_transferred")).containsExactly(0L, 1L, 97L);
		assertThat(ours.data().get("num_kv_expired_reqs")).containsExactly(1L);
		assertThat(theirs.numSuccessfulTransfers()).isEqualTo(1);
		ours.aggregate(new NixlKvConnectorStats());
		assertThat(ours.numSuccessfulTransfers()).isEqualTo(3);
	}

	@Test
	void aggregateWithItselfDoublesLikeListExtend() {
		NixlKvConnectorStats stats = transfers(2);
		stats.aggregate(stats);
		assertThat(stats.data().get("bytes_transferred")).containsExactly(0L, 1L, 0L, 1L);
	}

	@Test
	void cloneAndResetMovesEverythingIntoTheClone() {
		NixlKvConnectorStats stats = transfers(3);
		stats.recordFailedNotification();
		Map<String, List<Number>> before = stats.data();
		NixlKvConnectorStats closed = stats.cloneAndReset();
		assertThat(closed.data()).isEqualTo(before);
		assertThat(stats.isEmpty()).isTrue();
		assertThat(stats.data().values()).allMatch(List::isEmpty);
		stats.reset();
		closed.reset();
		assertThat(closed.isEmpty()).isTrue();
	}

	@Test
	void cloneAndResetIntoASpareMovesEverythingIntoTheSpareAndDiscardsWhatItHeld() {
		NixlKvConnectorStats stats = new NixlKvConnectorStats(4);
		stats.recordTransfer(transfer(1000, 100, 1, 1));
		NixlKvConnectorStats spare = stats.cloneAndReset();
		for (int i = 0; i < 5; i++) {
			stats.recordTransfer(transfer(2000, 200, 2, 2));
		}
		stats.recordKvExpiredReq();
		Map<String, List<Number>> before = stats.data();
		assertThat(stats.cloneAndResetInto(spare)).isSameAs(spare);
		assertThat(spare.data()).isEqualTo(before);
		assertThat(spare.droppedSamples()).isEqualTo(1);
		assertThat(stats.isEmpty()).isTrue();
		assertThat(stats.droppedSamples()).isZero();
		for (int i = 0; i < 4; i++) {
			assertThat(stats.recordTransfer(transfer(3000, 300, 3, 3))).isEqualTo(RecordOutcome.RECORDED);
		}
		assertThat(spare.data()).isEqualTo(before);
	}

	@Test
	void cloneAndResetIntoStatsOfAnotherFamilyOrItselfClosesIntoANewInstance() {
		NixlKvConnectorStats stats = transfers(2);
		NixlKvConnectorStats stranger = transfers(3);
		Map<String, List<Number>> before = stats.data();
		NixlKvConnectorStats closed = stats.cloneAndResetInto(stranger);
		assertThat(closed).isNotSameAs(stranger);
		assertThat(closed.data()).isEqualTo(before);
		assertThat(stranger.isEmpty()).isTrue();
		assertThat(stats.isEmpty()).isTrue();
		NixlKvConnectorStats itself = transfers(1);
		Map<String, List<Number>> held = itself.data();
		assertThat(itself.cloneAndResetInto(itself)).isNotSameAs(itself)
			.satisfies((clone) -> assertThat(clone.data()).isEqualTo(held));
		assertThat(itself.isEmpty()).isTrue();
	}

	@Test
	void everySampleLandsInExactlyOneIntervalWhileRecordingConcurrently() throws Exception {
		NixlKvConnectorStats stats = new NixlKvConnectorStats();
		int threads = 4;
		int perThread = 200_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean recording = new AtomicBoolean(true);
		try {
			List<Future<?>> recorders = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				long id = t;
				recorders.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						stats.recordTransfer(transfer(i, i, id, 1));
						if (i % 1000 == 0) {
							stats.recordFailedTransfer();
						}
					}
					return null;
				}));
			}
			Future<long[]> rotator = pool.submit(() -> {
				start.await();
				long[] totals = new long[3];
				while (recording.get()) {
					add(totals, stats.cloneAndReset());
				}
				return totals;
			});
			start.countDown();
			for (Future<?> recorder : recorders) {
				recorder.get(60, TimeUnit.SECONDS);
			}
			recording.set(false);
			long[] totals = rotator.get(60, TimeUnit.SECONDS);
			add(totals, stats.cloneAndReset());
			assertThat(totals[0]).isEqualTo((long) threads * perThread);
			assertThat(totals[1]).isEqualTo((long) threads * (perThread / 1000));
			assertThat(totals[2]).as("intervals that saw samples").isGreaterThan(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void add(long[] totals, NixlKvConnectorStats interval) {
		int transfers = interval.numSuccessfulTransfers();
		totals[0] += transfers;
		totals[1] += interval.failureTotals().get("num_failed_transfers");
		totals[2] += (transfers > 0) ? 1 : 0;
	}

	@Test
	void fromDataTreatsMissingListsAsEmptyAndIgnoresExtraNumberLists() {
		NixlKvConnectorStats stats = NixlKvConnectorStats.fromData(
				StatsJson.read("{\"transfer_duration\":[0.5],\"post_duration\":[0.25],\"bytes_transferred\":[2.0],"
						+ "\"num_descriptors\":[3],\"future_metric\":[1,2.5]}"));
		assertThat(stats.data().get("bytes_transferred")).containsExactly(2L);
		assertThat(stats.data().get("num_failed_transfers")).isEmpty();
		assertThat(stats.data()).doesNotContainKey("future_metric");
	}

	@Test
	void fromDataRejectsMalformedDataNamingThePath() {
		assertRejected("{\"transfer_duration\":[0.1,0.2,0.3,-1],\"post_duration\":[0,0,0,0],"
				+ "\"bytes_transferred\":[1,1,1,1],\"num_descriptors\":[1,1,1,1]}", "transfer_duration[3]");
		assertRejected("{\"transfer_duration\":[0.1],\"post_duration\":[0.1],\"bytes_transferred\":[1.5],"
				+ "\"num_descriptors\":[1]}", "bytes_transferred[0]");
		assertRejected("{\"transfer_duration\":[0.1],\"post_duration\":[],\"bytes_transferred\":[1],"
				+ "\"num_descriptors\":[1]}", "post_duration");
		assertRejected("{\"num_descriptors\":[4294967296],\"transfer_duration\":[0],\"post_duration\":[0],"
				+ "\"bytes_transferred\":[0]}", "num_descriptors[0]");
		assertRejected("{\"num_failed_transfers\":[1,\"1\"]}", "num_failed_transfers[1]");
		assertRejected("{\"num_failed_notifications\":{}}", "num_failed_notifications");
		assertRejected("{\"future_metric\":[\"x\"]}", "future_metric[0]");
		assertRejected("{\"transfer_duration\":[null],\"post_duration\":[0],\"bytes_transferred\":[0],"
				+ "\"num_descriptors\":[0]}", "transfer_duration[0]");
	}

	@Test
	void dataRoundTripsThroughJson() {
		NixlKvConnectorStats stats = transfers(5);
		stats.recordFailedNotification();
		NixlKvConnectorStats copy = NixlKvConnectorStats.fromData(StatsJson.read(StatsJson.write(stats)));
		assertThat(copy.data()).isEqualTo(stats.data());
		assertThat(copy.reduce()).isEqualTo(stats.reduce());
	}

	private static void assertRejected(String json, String path) {
		assertThatExceptionOfType(InvalidStatsDataException.class)
			.isThrownBy(() -> NixlKvConnectorStats.fromData(StatsJson.read(json)))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo(path));
	}

	private static NixlKvConnectorStats transfers(int count) {
		NixlKvConnectorStats stats = new NixlKvConnectorStats();
		for (int i = 0; i < count; i++) {
			stats.recordTransfer(transfer(1000 + i, 10 + i, i, 4));
		}
		return stats;
	}

}
