package io.kvconnector.stats.nixl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;

import io.kvconnector.stats.contract.AbstractKvConnectorRecorderTests;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;
import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.IntervalRotator;
import io.kvconnector.stats.recording.KvConnectorIngest;

import static io.kvconnector.stats.nixl.NixlTransfers.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NixlStatsRecorder}.
 *
 * @author kvconnector-stats
 */
class NixlStatsRecorderTests
		extends AbstractKvConnectorRecorderTests<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> {

	private static final long MAX_DESCRIPTORS = (1L << 32) - 1;

	@Override
	protected ConnectorUnderTest<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> connector() {
		return new NixlConnectorUnderTest();
	}

	@Test
	void recordingUpdatesIntervalAndMeters() {
		NixlStatsRecorder recorder = recorder(List.of(0), 100);
		recorder.recordTransfer(transfer(2000, 500, 1048576, 4));
		recorder.recordTransfer(transfer(4000, 1500, 3145728, MAX_DESCRIPTORS));
		NixlKvConnectorStats current = current(recorder, 0);
		assertThat(current.data()).containsEntry("transfer_duration", List.of(0.002, 0.004))
			.containsEntry("post_duration", List.of(0.0005, 0.0015))
			.containsEntry("bytes_transferred", List.of(1048576L, 3145728L))
			.containsEntry("num_descriptors", List.of(4L, MAX_DESCRIPTORS));
		Timer transferTime = registry().get("vllm:nixl_xfer_time").tag("engine", "0").timer();
		assertThat(transferTime.count()).isEqualTo(2);
		assertThat(transferTime.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(6000);
		assertThat(registry().get("vllm:nixl_post_time").timer().totalTime(TimeUnit.MICROSECONDS)).isEqualTo(2000);
		DistributionSummary bytes = registry().get("vllm:nixl_bytes_transferred").summary();
		assertThat(bytes.count()).isEqualTo(2);
		assertThat(bytes.totalAmount()).isEqualTo(4194304);
		assertThat(registry().get("vllm:nixl_num_descriptors").summary().totalAmount())
			.isEqualTo(4 + (double) MAX_DESCRIPTORS);
		assertThat(rejected("invalid_duration") + rejected("negative_count") + rejected("descriptors_out_of_range")
				+ rejected("unknown_engine"))
			.isZero();
	}

	@Test
	void failuresUpdateIntervalAndCounters() {
		NixlStatsRecorder recorder = recorder(List.of(0), 100);
		recorder.recordFailedTransfer();
		recorder.recordFailedTransfer();
		recorder.recordFailedNotification();
		recorder.recordKvExpiredReq(0);
		NixlKvConnectorStats current = current(recorder, 0);
		assertThat(current.failureTotals()).containsExactly(Map.entry("num_failed_transfers", 2L),
				Map.entry("num_failed_notifications", 1L), Map.entry("num_kv_expired_reqs", 1L));
		assertThat(recorder.engines().get(0).interval().snapshot().current().failures())
			.isEqualTo(current.failureTotals());
		assertThat(registry().get("vllm:nixl_num_failed_transfers").counter().count()).isEqualTo(2);
		assertThat(registry().get("vllm:nixl_num_failed_notifications").counter().count()).isEqualTo(1);
		assertThat(registry().get("vllm:nixl_num_kv_expired_reqs").counter().count()).isEqualTo(1);
	}

	@Test
	void invalidSamplesAreDroppedAndCountedByReason() {
		NixlStatsRecorder recorder = recorder(List.of(0), 100);
		recorder.recordTransfer(transfer(-1, 0, 0, 0));
		recorder.recordTransfer(transfer(0, -1, 0, 0));
		recorder.recordTransfer(transfer(0, 0, -1, 0));
		recorder.recordTransfer(transfer(0, 0, 0, -1));
		recorder.recordTransfer(transfer(0, 0, 0, MAX_DESCRIPTORS + 1));
		recorder.recordTransfer(1, transfer(10, 10, 10, 10));
		recorder.recordFailedTransfer(1);
		recorder.recordFailedNotification(-1);
		recorder.recordKvExpiredReq(2);
		assertThat(current(recorder, 0).isEmpty()).isTrue();
		assertThat(rejected("invalid_duration")).isEqualTo(2);
		assertThat(rejected("negative_count")).isEqualTo(1);
		assertThat(rejected("descriptors_out_of_range")).isEqualTo(2);
		assertThat(rejected("unknown_engine")).isEqualTo(4);
		assertThat(rejected(SampleHealthMeters.INVALID_PAYLOAD)).isZero();
		assertThat(registry().get("vllm:nixl_xfer_time").timer().count()).isZero();
		assertThat(registry().get("vllm:nixl_num_failed_transfers").counter().count()).isZero();
		assertThat(registry().get("vllm:nixl_num_failed_notifications").counter().count()).isZero();
		assertThat(registry().get("vllm:nixl_num_kv_expired_reqs").counter().count()).isZero();
	}

	@Test
	void invalidSamplesAreWarnedAboutOncePerReasonPerInterval(CapturedOutput output) {
		NixlStatsRecorder recorder = recorder(List.of(0), 100);
		for (int i = 0; i < 3; i++) {
			recorder.recordTransfer(transfer(-1, 0, 0, 0));
			recorder.recordTransfer(transfer(0, 0, -5, 0));
			recorder.recordFailedTransfer(9);
		}
		assertThat(warnings(output, "invalid_duration")).isOne();
		assertThat(warnings(output, "negative_count")).isOne();
		assertThat(warnings(output, "unknown_engine")).isOne();
		assertThat(warnings(output, "descriptors_out_of_range")).isZero();
		assertThat(output.getOut()).contains("Dropped an invalid nixl sample (unknown_engine): engine 9");
		new IntervalRotator(List.of(recorder)).rotate();
		recorder.recordTransfer(transfer(-1, 0, 0, 0));
		recorder.recordTransfer(transfer(-1, 0, 0, 0));
		assertThat(warnings(output, "invalid_duration")).isEqualTo(2);
		assertThat(warnings(output, "negative_count")).isOne();
		assertThat(rejected("invalid_duration")).isEqualTo(5);
	}

	@Test
	void transfersBeyondMaxPerIntervalStillReachEveryHistogram() {
		NixlStatsRecorder recorder = recorder(List.of(0), 2);
		for (int i = 0; i < 5; i++) {
			recorder.recordTransfer(transfer(1000, 10, 4096, 2));
		}
		assertThat(current(recorder, 0).droppedSamples()).isEqualTo(3);
		assertThat(registry().get("vllm:nixl_xfer_time").timer().count()).isEqualTo(5);
		assertThat(registry().get("vllm:nixl_post_time").timer().count()).isEqualTo(5);
		assertThat(registry().get("vllm:nixl_bytes_transferred").summary().count()).isEqualTo(5);
		assertThat(registry().get("vllm:nixl_num_descriptors").summary().count()).isEqualTo(5);
	}

	@Test
	void ingestedFailureListsAddTheValuesOfTheirEntriesToTheCounters() {
		NixlStatsRecorder recorder = recorder(List.of(0, 3), 100);
		IngestResult result = new KvConnectorIngest(List.of(recorder)).ingest("nixl",
				request(3, Map.of("num_failed_notifications", List.of(1, 3), "num_kv_expired_reqs", List.of(2))));
		assertThat(result.isApplied()).isTrue();
		assertThat(current(recorder, 1).failureTotals()).containsEntry("num_failed_notifications", 4L)
			.containsEntry("num_kv_expired_reqs", 2L);
		assertThat(registry().get("vllm:nixl_num_failed_notifications").tag("engine", "3").counter().count())
			.isEqualTo(4);
		assertThat(registry().get("vllm:nixl_num_kv_expired_reqs").tag("engine", "3").counter().count()).isEqualTo(2);
	}

	@Test
	void recordFailureCountsTheKindOnTheEngine() {
		NixlStatsRecorder recorder = recorder(List.of(0, 1), 100);
		for (NixlFailure kind : NixlSchema.V1.failures()) {
			recorder.recordFailure(kind);
			recorder.recordFailure(1, kind);
			recorder.recordFailure(1, kind);
		}
		recorder.recordFailure(2, NixlFailure.FAILED_TRANSFERS);
		for (NixlFailure kind : NixlSchema.V1.failures()) {
			assertThat(current(recorder, 0).failureTotals()).containsEntry(kind.wireKey(), 1L);
			assertThat(current(recorder, 1).failureTotals()).containsEntry(kind.wireKey(), 2L);
			assertThat(registry().get(kind.meterName()).tag("engine", "0").counter().count()).isOne();
			assertThat(registry().get(kind.meterName()).tag("engine", "1").counter().count()).isEqualTo(2);
		}
		assertThat(rejected("unknown_engine")).isOne();
	}

	@Test
	void v1RecordsHandshakeFailuresAsFailedTransfersAndNoLateNotifications() {
		NixlStatsRecorder recorder = recorder(List.of(0, 1), 100);
		assertThat(recorder.schema()).isEqualTo(NixlSchema.V1);
		recorder.recordNotificationAfterExpiry();
		recorder.recordNotificationAfterExpiry(1);
		assertThat(current(recorder, 0).isEmpty()).isTrue();
		assertThat(current(recorder, 1).isEmpty()).isTrue();
		recorder.recordFailedHandshake();
		recorder.recordFailedHandshake(1);
		recorder.recordFailedHandshake(1);
		assertThat(current(recorder, 0).failureTotals()).containsEntry("num_failed_transfers", 1L);
		assertThat(current(recorder, 1).failureTotals()).containsEntry("num_failed_transfers", 2L);
		assertThat(counter(NixlFailure.FAILED_TRANSFERS, "0")).isOne();
		assertThat(counter(NixlFailure.FAILED_TRANSFERS, "1")).isEqualTo(2);
		assertThat(registry().find(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY.meterName()).meters()).isEmpty();
	}

	@Test
	void v2RecordsHandshakesAndLateNotificationsPerEngineAndCountsThemAsVllmDoes() {
		NixlStatsRecorder recorder = v2Recorder();
		recorder.recordFailedTransfer();
		recorder.recordFailedHandshake();
		recorder.recordFailedHandshake(1);
		recorder.recordFailedNotification(1);
		recorder.recordNotificationAfterExpiry(1);
		recorder.recordNotificationAfterExpiry(1);
		recorder.recordNotificationAfterExpiry(7);
		assertThat(current(recorder, 0).failureTotals()).containsExactly(Map.entry("num_failed_transfers", 1L),
				Map.entry("num_failed_notifications", 0L), Map.entry("num_failed_handshakes", 1L),
				Map.entry("num_kv_expired_reqs", 0L), Map.entry("num_notifications_after_expiry", 0L));
		assertThat(current(recorder, 1).failureTotals()).containsExactly(Map.entry("num_failed_transfers", 0L),
				Map.entry("num_failed_notifications", 1L), Map.entry("num_failed_handshakes", 1L),
				Map.entry("num_kv_expired_reqs", 0L), Map.entry("num_notifications_after_expiry", 2L));
		assertThat(counter(NixlFailure.FAILED_TRANSFERS, "0")).isEqualTo(2);
		assertThat(counter(NixlFailure.FAILED_TRANSFERS, "1")).isEqualTo(2);
		assertThat(counter(NixlFailure.FAILED_NOTIFICATIONS, "1")).isOne();
		assertThat(counter(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY, "0")).isZero();
		assertThat(counter(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY, "1")).isEqualTo(2);
		assertThat(rejected("unknown_engine")).isOne();
	}

	@Test
	void v2IngestAddsHandshakeAndNotificationValuesToFailedTransfers() {
		NixlStatsRecorder recorder = v2Recorder();
		assertThat(new KvConnectorIngest(List.of(recorder))
			.ingest("nixl",
					request(1, Map.of("num_failed_transfers", List.of(1), "num_failed_handshakes", List.of(2, 3),
							"num_failed_notifications", List.of(4), "num_notifications_after_expiry", List.of(5, 1))))
			.isApplied()).isTrue();
		assertThat(current(recorder, 1).failureTotals()).containsEntry("num_failed_handshakes", 5L)
			.containsEntry("num_notifications_after_expiry", 6L);
		assertThat(counter(NixlFailure.FAILED_TRANSFERS, "1")).isEqualTo(10);
		assertThat(counter(NixlFailure.FAILED_NOTIFICATIONS, "1")).isEqualTo(4);
		assertThat(counter(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY, "1")).isEqualTo(6);
	}

	@Test
	void v1IngestAddsHandshakeValuesToFailedTransfersAndIgnoresLateNotifications() {
		NixlStatsRecorder recorder = recorder(List.of(0), 100);
		// handshakes listed first: the failed transfers still come first, as vLLM lists
		// them
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("num_failed_handshakes", List.of(2, 3));
		data.put("num_notifications_after_expiry", List.of(5));
		data.put("num_failed_transfers", List.of(1));
		assertThat(new KvConnectorIngest(List.of(recorder)).ingest("nixl", request(0, data)).isApplied()).isTrue();
		assertThat(current(recorder, 0).data()).containsEntry("num_failed_transfers", List.of(1L, 2L, 3L))
			.doesNotContainKeys("num_failed_handshakes", "num_notifications_after_expiry");
		assertThat(counter(NixlFailure.FAILED_TRANSFERS, "0")).isEqualTo(6);
		assertThat(registry().find(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY.meterName()).meters()).isEmpty();
	}

	private NixlStatsRecorder v2Recorder() {
		return new NixlConnectorUnderTest(NixlSchema.V2).recorder(List.of(0, 1), 100, "model", registry());
	}

	private double counter(NixlFailure kind, String engine) {
		return registry().get(kind.meterName()).tag("engine", engine).counter().count();
	}

	private static NixlKvConnectorStats current(NixlStatsRecorder recorder, int position) {
		return recorder.engines().get(position).interval().current();
	}

	private static String request(int engine, Map<String, ?> data) {
		return JsonMapper.shared().writeValueAsString(Map.of("engine", engine, "data", data));
	}

}
