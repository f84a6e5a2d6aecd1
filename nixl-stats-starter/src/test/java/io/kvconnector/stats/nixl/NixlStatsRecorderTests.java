package io.kvconnector.stats.nixl;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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
@ExtendWith(OutputCaptureExtension.class)
class NixlStatsRecorderTests {

	private static final long MAX_DESCRIPTORS = (1L << 32) - 1;

	private final MeterRegistry registry = new SimpleMeterRegistry();

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
		Timer transferTime = this.registry.get("vllm:nixl_xfer_time").tag("engine", "0").timer();
		assertThat(transferTime.count()).isEqualTo(2);
		assertThat(transferTime.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(6000);
		assertThat(this.registry.get("vllm:nixl_post_time").timer().totalTime(TimeUnit.MICROSECONDS)).isEqualTo(2000);
		DistributionSummary bytes = this.registry.get("vllm:nixl_bytes_transferred").summary();
		assertThat(bytes.count()).isEqualTo(2);
		assertThat(bytes.totalAmount()).isEqualTo(4194304);
		assertThat(this.registry.get("vllm:nixl_num_descriptors").summary().totalAmount())
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
		assertThat(this.registry.get("vllm:nixl_num_failed_transfers").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("vllm:nixl_num_failed_notifications").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("vllm:nixl_num_kv_expired_reqs").counter().count()).isEqualTo(1);
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
		assertThat(this.registry.get("vllm:nixl_xfer_time").timer().count()).isZero();
		assertThat(this.registry.get("vllm:nixl_num_failed_transfers").counter().count()).isZero();
		assertThat(this.registry.get("vllm:nixl_num_failed_notifications").counter().count()).isZero();
		assertThat(this.registry.get("vllm:nixl_num_kv_expired_reqs").counter().count()).isZero();
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
	void samplesBeyondMaxPerIntervalAreDroppedButStillMetered() {
		NixlStatsRecorder recorder = recorder(List.of(0), 2);
		for (int i = 0; i < 5; i++) {
			recorder.recordTransfer(transfer(1000, 10, 4096, 2));
		}
		NixlKvConnectorStats current = current(recorder, 0);
		assertThat(current.numSuccessfulTransfers()).isEqualTo(2);
		assertThat(current.droppedSamples()).isEqualTo(3);
		assertThat(dropped("0")).isEqualTo(3);
		assertThat(this.registry.get("vllm:nixl_xfer_time").timer().count()).isEqualTo(5);
		assertThat(this.registry.get("vllm:nixl_bytes_transferred").summary().count()).isEqualTo(5);
		assertThat(rejected("invalid_duration")).isZero();
	}

	@Test
	void droppedSamplesAreCountedAgainAfterRotation() {
		NixlStatsRecorder recorder = recorder(List.of(0), 1);
		recorder.recordTransfer(transfer(1000, 10, 4096, 2));
		recorder.recordTransfer(transfer(1000, 10, 4096, 2));
		recorder.engines().get(0).interval().rotate();
		recorder.recordTransfer(transfer(1000, 10, 4096, 2));
		recorder.recordTransfer(transfer(1000, 10, 4096, 2));
		assertThat(recorder.engines().get(0).interval().last().summary().stats())
			.containsEntry("Num successful transfers", 1);
		assertThat(current(recorder, 0).numSuccessfulTransfers()).isOne();
		assertThat(dropped("0")).isEqualTo(2);
		assertThat(this.registry.get("vllm:nixl_xfer_time").timer().count()).isEqualTo(4);
	}

	@Test
	void recordingGoesToTheEngineLabelOfItsEngine() {
		NixlStatsRecorder recorder = recorder(List.of(2, 0, 5), 1);
		recorder.recordTransfer(transfer(1000, 10, 4096, 2));
		recorder.recordTransfer(5, transfer(2000, 10, 4096, 2));
		recorder.recordTransfer(5, transfer(3000, 10, 4096, 2));
		recorder.recordFailedNotification(0);
		recorder.recordKvExpiredReq();
		assertThat(transfers("2")).isEqualTo(1);
		assertThat(transfers("0")).isZero();
		assertThat(transfers("5")).isEqualTo(2);
		assertThat(dropped("5")).isOne();
		assertThat(dropped("2")).isZero();
		assertThat(dropped("0")).isZero();
		assertThat(this.registry.get("vllm:nixl_num_failed_notifications").tag("engine", "0").counter().count())
			.isOne();
		assertThat(this.registry.get("vllm:nixl_num_kv_expired_reqs").tag("engine", "2").counter().count()).isOne();
		assertThat(current(recorder, 0).data().get("transfer_duration")).containsExactly(0.001);
		assertThat(current(recorder, 1).failureTotals()).containsEntry("num_failed_notifications", 1L);
		assertThat(current(recorder, 2).data().get("transfer_duration")).containsExactly(0.002);
	}

	@Test
	void invalidIngestIsCountedAsInvalidPayloadAndChangesNothing() {
		NixlStatsRecorder recorder = recorder(List.of(0), 100);
		KvConnectorIngest ingest = new KvConnectorIngest(List.of(recorder));
		assertThat(ingest.ingest("nixl",
				request(0,
						Map.of("transfer_duration", List.of(0.1, -0.1), "post_duration", List.of(0.0, 0.0),
								"bytes_transferred", List.of(1, 1), "num_descriptors", List.of(1, 1)))))
			.satisfies((result) -> assertThat(result.status()).isEqualTo(IngestResult.Status.BAD_REQUEST))
			.satisfies((result) -> assertThat(result.path()).isEqualTo("data.transfer_duration[1]"));
		assertThat(ingest.ingest("nixl", request(4, Map.of())))
			.satisfies((result) -> assertThat(result.status()).isEqualTo(IngestResult.Status.BAD_REQUEST))
			.satisfies((result) -> assertThat(result.path()).isEqualTo("engine"));
		assertThat(rejected(SampleHealthMeters.INVALID_PAYLOAD)).isEqualTo(2);
		assertThat(current(recorder, 0).isEmpty()).isTrue();
		assertThat(this.registry.get("vllm:nixl_xfer_time").timer().count()).isZero();
	}

	@Test
	void validIngestIsAddedToTheEngineCurrentIntervalAndMeters() {
		NixlStatsRecorder recorder = recorder(List.of(0, 3), 100);
		IngestResult result = new KvConnectorIngest(List.of(recorder)).ingest("nixl",
				request(3,
						Map.of("transfer_duration", List.of(0.002), "post_duration", List.of(0.0005),
								"bytes_transferred", List.of(1048576), "num_descriptors", List.of(4),
								"num_kv_expired_reqs", List.of(2))));
		assertThat(result.isApplied()).isTrue();
		assertThat(current(recorder, 1).data().get("transfer_duration")).containsExactly(0.002);
		assertThat(current(recorder, 0).isEmpty()).isTrue();
		assertThat(transfers("3")).isOne();
		assertThat(this.registry.get("vllm:nixl_num_kv_expired_reqs").tag("engine", "3").counter().count())
			.isEqualTo(2);
	}

	@Test
	void recordFailureCountsTheKindOnTheEngine() {
		NixlStatsRecorder recorder = recorder(List.of(0, 1), 100);
		for (NixlFailure kind : NixlFailure.values()) {
			recorder.recordFailure(kind);
			recorder.recordFailure(1, kind);
			recorder.recordFailure(1, kind);
		}
		recorder.recordFailure(2, NixlFailure.FAILED_TRANSFERS);
		for (NixlFailure kind : NixlFailure.values()) {
			assertThat(current(recorder, 0).failureTotals()).containsEntry(kind.wireKey(), 1L);
			assertThat(current(recorder, 1).failureTotals()).containsEntry(kind.wireKey(), 2L);
			assertThat(this.registry.get(kind.meterName()).tag("engine", "0").counter().count()).isOne();
			assertThat(this.registry.get(kind.meterName()).tag("engine", "1").counter().count()).isEqualTo(2);
		}
		assertThat(rejected("unknown_engine")).isOne();
	}

	@Test
	void metersBoundBeforeOrAfterTheRecorderIsCreatedHaveEverySeriesOfItsEngines() {
		NixlMetrics metrics = new NixlMetrics("test-model");
		SimpleMeterRegistry early = new SimpleMeterRegistry();
		metrics.bindTo(early);
		NixlStatsRecorder recorder = new NixlStatsRecorder(List.of(1, 0), 100, metrics, Clock.systemUTC());
		SimpleMeterRegistry late = new SimpleMeterRegistry();
		metrics.bindTo(late);
		recorder.recordTransfer(0, transfer(1000, 10, 4096, 2));
		for (MeterRegistry registry : List.of(early, late)) {
			for (String engine : List.of("0", "1")) {
				assertThat(registry.get("vllm:nixl_xfer_time").tag("engine", engine).timer().count())
					.isEqualTo(engine.equals("0") ? 1 : 0);
				assertThat(registry.get(SampleHealthMeters.DROPPED).tag("engine", engine).counter().count()).isZero();
				for (NixlFailure kind : NixlFailure.values()) {
					assertThat(registry.get(kind.meterName()).tag("engine", engine).counter().count()).isZero();
				}
			}
		}
	}

	private NixlStatsRecorder recorder(List<Integer> engines, int maxSamplesPerInterval) {
		NixlMetrics metrics = new NixlMetrics("test-model");
		metrics.bindTo(this.registry);
		return new NixlStatsRecorder(engines, maxSamplesPerInterval, metrics, Clock.systemUTC());
	}

	private static NixlKvConnectorStats current(NixlStatsRecorder recorder, int position) {
		return recorder.engines().get(position).interval().current();
	}

	private static String request(int engine, Map<String, ?> data) {
		return JsonMapper.shared().writeValueAsString(Map.of("engine", engine, "data", data));
	}

	private double rejected(String reason) {
		return this.registry.get(SampleHealthMeters.REJECTED)
			.tags("connector", "nixl", "reason", reason)
			.counter()
			.count();
	}

	private double dropped(String engine) {
		return this.registry.get(SampleHealthMeters.DROPPED)
			.tags("connector", "nixl", "engine", engine)
			.counter()
			.count();
	}

	private long transfers(String engine) {
		return this.registry.get("vllm:nixl_xfer_time")
			.tags("engine", engine, "model_name", "test-model")
			.timer()
			.count();
	}

	private static long warnings(CapturedOutput output, String reason) {
		String message = "Dropped an invalid nixl sample (" + reason + ")";
		return output.getOut().lines().filter((line) -> line.contains("WARN") && line.contains(message)).count();
	}

}
