package io.kvconnector.stats.nixl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.StatsJson;
import io.kvconnector.stats.contract.AbstractKvConnectorStatsTests;
import io.kvconnector.stats.contract.ConnectorUnderTest;

import static io.kvconnector.stats.nixl.NixlTransfers.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link NixlKvConnectorStats}.
 *
 * @author kvconnector-stats
 */
class NixlKvConnectorStatsTests extends AbstractKvConnectorStatsTests<NixlKvConnectorStats> {

	@Override
	protected ConnectorUnderTest<NixlKvConnectorStats, ?, ?> connector() {
		return new NixlConnectorUnderTest();
	}

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

	@ParameterizedTest
	@EnumSource(NixlSchema.class)
	void recordFailureAppendsOneToTheListOfItsKind(NixlSchema schema) {
		for (NixlFailure kind : schema.failures()) {
			NixlKvConnectorStats stats = new NixlKvConnectorStats(schema);
			stats.recordFailure(kind);
			assertThat(stats.isEmpty()).isEqualTo(kind == NixlFailure.NOTIFICATIONS_AFTER_EXPIRY);
			for (NixlFailure other : schema.failures()) {
				assertThat(stats.data().get(other.wireKey())).as(other.wireKey())
					.isEqualTo((other == kind) ? List.of(1L) : List.of());
				assertThat(stats.failureTotals()).containsEntry(other.wireKey(), (other == kind) ? 1L : 0L);
			}
		}
	}

	@Test
	void v2DataHasVllmKeysInOrder() {
		assertThat(new NixlKvConnectorStats(NixlSchema.V2).data().keySet()).containsExactly("transfer_duration",
				"post_duration", "bytes_transferred", "num_descriptors", "num_failed_transfers",
				"num_failed_notifications", "num_failed_handshakes", "num_kv_expired_reqs",
				"num_notifications_after_expiry");
	}

	@Test
	void v1RecordsAFailedHandshakeAsAFailedTransferAndNoLateNotification() {
		NixlKvConnectorStats stats = new NixlKvConnectorStats();
		stats.recordNotificationAfterExpiry();
		assertThat(stats.isEmpty()).isTrue();
		stats.recordFailedHandshake();
		stats.recordFailedTransfer();
		assertThat(stats.schema()).isEqualTo(NixlSchema.V1);
		assertThat(stats.isEmpty()).isFalse();
		assertThat(stats.failureTotals()).containsExactly(Map.entry("num_failed_transfers", 2L),
				Map.entry("num_failed_notifications", 0L), Map.entry("num_kv_expired_reqs", 0L));
	}

	@Test
	void v2KeepsHandshakesAndLateNotificationsInTheirOwnLists() {
		NixlKvConnectorStats stats = new NixlKvConnectorStats(NixlSchema.V2);
		stats.recordFailedHandshake();
		stats.recordNotificationAfterExpiry();
		stats.recordNotificationAfterExpiry();
		assertThat(stats.data()).containsEntry("num_failed_transfers", List.of())
			.containsEntry("num_failed_handshakes", List.of(1L))
			.containsEntry("num_notifications_after_expiry", List.of(1L, 1L));
		assertThat(stats.failureTotals()).containsExactly(Map.entry("num_failed_transfers", 0L),
				Map.entry("num_failed_notifications", 0L), Map.entry("num_failed_handshakes", 1L),
				Map.entry("num_kv_expired_reqs", 0L), Map.entry("num_notifications_after_expiry", 2L));
	}

	@Test
	void lateNotificationsAloneLeaveV2StatsEmptyAndAreNotAggregated() {
		NixlKvConnectorStats late = new NixlKvConnectorStats(NixlSchema.V2);
		late.recordNotificationAfterExpiry();
		assertThat(late.isEmpty()).isTrue();
		NixlKvConnectorStats stats = new NixlKvConnectorStats(NixlSchema.V2);
		stats.recordNotificationAfterExpiry();
		assertThat(stats.aggregate(late).failureTotals()).containsEntry("num_notifications_after_expiry", 1L);
	}

	@Test
	void v2ReducesTheEntriesOfTheFailureListsInEveryInterval() {
		assertThat(new NixlKvConnectorStats(NixlSchema.V2).reduce()).hasSize(10)
			.containsEntry("Num failed transfers", 0L)
			.containsEntry("Num KV expired reqs", 0L)
			.allSatisfy((key, value) -> assertThat(value.longValue()).isZero());
		NixlKvConnectorStats stats = NixlKvConnectorStats.fromData(StatsJson.read("{\"num_failed_transfers\":[3],"
				+ "\"num_failed_handshakes\":[2,2],\"num_failed_notifications\":[7],\"num_kv_expired_reqs\":[5,1,1],"
				+ "\"num_notifications_after_expiry\":[4]}"), NixlSchema.V2);
		assertThat(stats.reduce().keySet()).containsExactlyElementsOf(NixlSchema.V2.reduceKeys());
		assertThat(stats.reduce()).containsEntry("Num successful transfers", 0)
			.containsEntry("Num failed transfers", 4L)
			.containsEntry("Num KV expired reqs", 3L);
	}

	@Test
	void v1IngestsHandshakeListsAsFailedTransfersAndIgnoresLateNotifications() {
		NixlKvConnectorStats stats = NixlKvConnectorStats.fromData(StatsJson.read(
				"{\"num_failed_transfers\":[1],\"num_failed_handshakes\":[2,3],\"num_notifications_after_expiry\":[4]}"));
		assertThat(stats.data()).containsEntry("num_failed_transfers", List.of(1L, 2L, 3L))
			.doesNotContainKeys("num_failed_handshakes", "num_notifications_after_expiry");
		assertThat(NixlKvConnectorStats.fromData(StatsJson.read("{\"num_notifications_after_expiry\":[4]}")).isEmpty())
			.isTrue();
	}

	@Test
	void v2IngestsV1DataAsIs() {
		Map<String, List<Number>> v1 = transfers(2).data();
		v1.put("num_kv_expired_reqs", List.of(1L));
		NixlKvConnectorStats stats = NixlKvConnectorStats.fromData(v1, NixlSchema.V2);
		assertThat(stats.data()).containsAllEntriesOf(v1)
			.containsEntry("num_failed_handshakes", List.of())
			.containsEntry("num_notifications_after_expiry", List.of());
		assertThat(stats.reduce()).containsAllEntriesOf(
				Map.of("Num successful transfers", 2, "Num failed transfers", 0L, "Num KV expired reqs", 1L));
	}

	@Test
	void aggregateKeepsFailuresWhereTheSchemaOfTheTargetKeepsThem() {
		NixlKvConnectorStats v2 = new NixlKvConnectorStats(NixlSchema.V2);
		v2.recordFailedHandshake();
		v2.recordNotificationAfterExpiry();
		v2.recordKvExpiredReq();
		NixlKvConnectorStats v1 = new NixlKvConnectorStats().aggregate(v2);
		assertThat(v1.failureTotals()).containsExactly(Map.entry("num_failed_transfers", 1L),
				Map.entry("num_failed_notifications", 0L), Map.entry("num_kv_expired_reqs", 1L));
		assertThat(new NixlKvConnectorStats(NixlSchema.V2).aggregate(v2).data()).isEqualTo(v2.data());
	}

	@ParameterizedTest
	@EnumSource(NixlSchema.class)
	void fromDataRejectsMalformedListsOfTheNewerKindsInEitherSchema(NixlSchema schema) {
		assertThatExceptionOfType(InvalidStatsDataException.class)
			.isThrownBy(
					() -> NixlKvConnectorStats.fromData(StatsJson.read("{\"num_failed_handshakes\":[1,1.5]}"), schema))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("num_failed_handshakes[1]"));
		assertThatExceptionOfType(InvalidStatsDataException.class)
			.isThrownBy(() -> NixlKvConnectorStats
				.fromData(StatsJson.read("{\"num_notifications_after_expiry\":[\"1\"]}"), schema))
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo("num_notifications_after_expiry[0]"));
	}

	@Test
	void aggregateWithItselfDoublesLikeListExtend() {
		NixlKvConnectorStats stats = transfers(2);
		stats.aggregate(stats);
		assertThat(stats.data().get("bytes_transferred")).containsExactly(0L, 1L, 0L, 1L);
	}

	@Test
	void failuresAreKeptApartFromTheCapacityAndNeverReportedAsDrops() {
		AtomicLong reported = new AtomicLong();
		NixlKvConnectorStats stats = new NixlKvConnectorStats(2, reported::addAndGet);
		for (int i = 0; i < 3; i++) {
			stats.recordTransfer(transfer(1, 1, 1, 1));
		}
		stats.recordFailedNotification();
		NixlKvConnectorStats failures = new NixlKvConnectorStats();
		failures.recordFailedTransfer();
		failures.recordKvExpiredReq();
		stats.aggregate(failures);
		assertThat(reported).hasValue(1);
		assertThat(stats.droppedSamples()).isOne();
		assertThat(stats.failureTotals()).containsExactly(Map.entry("num_failed_transfers", 1L),
				Map.entry("num_failed_notifications", 1L), Map.entry("num_kv_expired_reqs", 1L));
	}

	@Test
	void cloneAndResetIntoItselfClosesIntoANewInstance() {
		NixlKvConnectorStats itself = transfers(1);
		Map<String, List<Number>> held = itself.data();
		assertThat(itself.cloneAndResetInto(itself)).isNotSameAs(itself)
			.satisfies((clone) -> assertThat(clone.data()).isEqualTo(held));
		assertThat(itself.isEmpty()).isTrue();
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
