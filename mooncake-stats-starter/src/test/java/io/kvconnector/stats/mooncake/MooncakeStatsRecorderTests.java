package io.kvconnector.stats.mooncake;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import io.kvconnector.stats.contract.AbstractKvConnectorRecorderTests;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;
import io.kvconnector.stats.recording.IntervalRotator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link MooncakeStatsRecorder}.
 *
 * @author kvconnector-stats
 */
class MooncakeStatsRecorderTests
		extends AbstractKvConnectorRecorderTests<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> {

	private static final List<String> OPERATIONS = MooncakeConnectorUnderTest.OPERATIONS;

	@Override
	protected ConnectorUnderTest<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> connector() {
		return new MooncakeConnectorUnderTest();
	}

	@Test
	void recordingUpdatesIntervalAndMeters() {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 32, 8);
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.25).keys(3).build());
		recorder.recordOperation(MooncakeOperation.builder("load_get")
			.durationSeconds(0.5)
			.keys(2)
			.bytes(4096)
			.status("error")
			.failedKeys(1)
			.build());
		assertThat(recorder.engines().get(0).interval().current().data()).containsExactly(
				Map.entry("load_get", List.of(record(0.25, 3, 0, "ok", 0), record(0.5, 2, 4096, "error", 1))));
		Timer ok = registry().get("vllm:mooncake_store_operation_time").tags(tags("0", "load_get", "ok")).timer();
		assertThat(ok.count()).isOne();
		assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
		Tags error = tags("0", "load_get", "error");
		assertThat(registry().get("vllm:mooncake_store_operation_time").tags(error).timer().count()).isOne();
		assertThat(registry().get("vllm:mooncake_store_operation").tags(error).counter().count()).isOne();
		assertThat(registry().get("vllm:mooncake_store_operation_keys").tags(error).counter().count()).isEqualTo(2);
		assertThat(registry().get("vllm:mooncake_store_operation_bytes").tags(error).counter().count()).isEqualTo(4096);
		assertThat(registry().get("vllm:mooncake_store_operation_failed_keys").tags(error).counter().count()).isOne();
		assertThat(registry().get("vllm:mooncake_store_operation_keys")
			.tags(tags("0", "load_get", "ok"))
			.counter()
			.count()).isEqualTo(3);
	}

	@Test
	void invalidSamplesAreDroppedAndCountedByReason() {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 32, 8);
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(Double.NaN).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(-0.1).keys(1).build());
		recorder.recordOperation(
				MooncakeOperation.builder("load_get").durationSeconds(Double.POSITIVE_INFINITY).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(-1).build());
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).bytes(-1).build());
		recorder
			.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).failedKeys(-1).build());
		recorder.recordOperation(MooncakeOperation.builder(null).durationSeconds(0.1).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder(" ").durationSeconds(0.1).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("load\nget").durationSeconds(0.1).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("x".repeat(129)).durationSeconds(0.1).keys(1).build());
		recorder
			.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).status(null).build());
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).status("").build());
		recorder.recordOperation(
				MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).status("o\u0000k").build());
		recorder.recordOperation(3, MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).build());
		assertThat(recorder.engines().get(0).interval().current().isEmpty()).isTrue();
		assertThat(rejected("invalid_duration")).isEqualTo(3);
		assertThat(rejected("negative_count")).isEqualTo(3);
		assertThat(rejected("invalid_operation")).isEqualTo(4);
		assertThat(rejected("invalid_status")).isEqualTo(3);
		assertThat(rejected("unknown_engine")).isOne();
		assertThat(registry().find("vllm:mooncake_store_operation").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		assertThat(registry().find("vllm:mooncake_store_operation").counters()).hasSize(OPERATIONS.size() * 2);
	}

	@Test
	void longestValidOperationNameIsAccepted() {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 32, 8);
		recorder.recordOperation(MooncakeOperation.builder("x".repeat(128)).durationSeconds(0.1).keys(1).build());
		assertThat(recorder.engines().get(0).interval().current().data()).containsKey("x".repeat(128));
		assertThat(rejected("invalid_operation")).isZero();
	}

	@Test
	void invalidSamplesAreWarnedAboutOncePerReasonPerInterval(CapturedOutput output) {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 32, 8);
		for (int i = 0; i < 3; i++) {
			recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(Double.NaN).keys(1).build());
			recorder.recordOperation(MooncakeOperation.builder("").durationSeconds(0.1).keys(1).build());
			recorder.recordOperation(
					MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).status("\t").build());
		}
		assertThat(warnings(output, "invalid_duration")).isOne();
		assertThat(warnings(output, "invalid_operation")).isOne();
		assertThat(warnings(output, "invalid_status")).isOne();
		assertThat(warnings(output, "negative_count")).isZero();
		new IntervalRotator(List.of(recorder)).rotate();
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(Double.NaN).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(Double.NaN).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(-4).build());
		assertThat(warnings(output, "invalid_duration")).isEqualTo(2);
		assertThat(warnings(output, "invalid_operation")).isOne();
		assertThat(warnings(output, "negative_count")).isOne();
		assertThat(rejected("invalid_duration")).isEqualTo(5);
	}

	@Test
	void anOperationFirstRecordedBeyondMaxPerIntervalIsMeteredButNotAddedToTheInterval() {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 1, 32, 8);
		recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("save_put").durationSeconds(0.1).keys(1).build());
		MooncakeStoreConnectorStats current = recorder.engines().get(0).interval().current();
		assertThat(current.data()).containsOnlyKeys("load_get");
		assertThat(current.droppedSamples()).isOne();
		assertThat(registry().get("vllm:mooncake_store_operation").tags(tags("0", "save_put", "ok")).counter().count())
			.isOne();
	}

	@Test
	void timeRecordsASuccessfulCallWithItsDuration() throws InterruptedException {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 32, 8);
		String result = recorder.time(MooncakeOperation.builder("load_get").keys(4).bytes(1024), () -> {
			Thread.sleep(1);
			return "value";
		});
		assertThat(result).isEqualTo("value");
		List<Map<String, Object>> records = recorder.engines().get(0).interval().current().data().get("load_get");
		assertThat(records).hasSize(1);
		assertThat(records.get(0)).containsEntry("num_keys", 4L)
			.containsEntry("num_bytes", 1024L)
			.containsEntry("status", "ok")
			.containsEntry("num_failed_keys", 0L);
		assertThat((double) records.get(0).get("duration_seconds")).isPositive();
		Timer timer = registry().get("vllm:mooncake_store_operation_time").tags(tags("0", "load_get", "ok")).timer();
		assertThat(timer.count()).isOne();
		assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
		assertThat(registry().get("vllm:mooncake_store_operation_failed_keys")
			.tags(tags("0", "load_get", "ok"))
			.counter()
			.count()).isZero();
	}

	@Test
	void timeRecordsAFailedCallAsErrorAndRethrows() {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 32, 8);
		IOException failure = new IOException("store unreachable");
		assertThatIOException().isThrownBy(() -> recorder
			.<String, IOException>time(MooncakeOperation.builder("save_put").keys(5).bytes(2048), () -> {
				throw failure;
			})).isSameAs(failure);
		assertThat(recorder.engines().get(0).interval().current().data().get("save_put")).singleElement()
			.satisfies((record) -> assertThat(record).containsEntry("status", "error")
				.containsEntry("num_keys", 5L)
				.containsEntry("num_bytes", 2048L)
				.containsEntry("num_failed_keys", 5L));
		Tags error = tags("0", "save_put", "error");
		assertThat(registry().get("vllm:mooncake_store_operation").tags(error).counter().count()).isOne();
		assertThat(registry().get("vllm:mooncake_store_operation_failed_keys").tags(error).counter().count())
			.isEqualTo(5);
		assertThat(registry().get("vllm:mooncake_store_operation").tags(tags("0", "save_put", "ok")).counter().count())
			.isZero();
	}

	@Test
	void timeRethrowsUncheckedExceptionsAndErrors() {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 32, 8);
		IllegalStateException unchecked = new IllegalStateException("bad state");
		AssertionError error = new AssertionError("fatal");
		assertThatThrownBy(() -> recorder.time(MooncakeOperation.builder("load_get").keys(1), () -> {
			throw unchecked;
		})).isSameAs(unchecked);
		assertThatThrownBy(() -> recorder.time(MooncakeOperation.builder("load_get").keys(2), () -> {
			throw error;
		})).isSameAs(error);
		assertThat(
				registry().get("vllm:mooncake_store_operation").tags(tags("0", "load_get", "error")).counter().count())
			.isEqualTo(2);
	}

	@Test
	void timeOnAnEngineRecordsUnderThatEngine() throws Exception {
		MooncakeStatsRecorder recorder = recorder(List.of(0, 1), 100, 32, 8);
		assertThat(recorder.time(1, MooncakeOperation.builder("lookup_exists").keys(2), () -> true)).isTrue();
		assertThat(recorder.time(7, MooncakeOperation.builder("lookup_exists").keys(2), () -> false)).isFalse();
		assertThat(recorder.engines().get(0).interval().current().isEmpty()).isTrue();
		assertThat(recorder.engines().get(1).interval().current().data()).containsOnlyKeys("lookup_exists");
		assertThat(registry().get("vllm:mooncake_store_operation")
			.tags(tags("1", "lookup_exists", "ok"))
			.counter()
			.count()).isOne();
		assertThat(rejected("unknown_engine")).isOne();
	}

	@Test
	void timeFillsInTheDurationAndStatusAndLeavesTheBuilderAsItWas() throws Exception {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 32, 8);
		MooncakeOperation.Builder builder = MooncakeOperation.builder("load_get")
			.keys(3)
			.status("partial")
			.failedKeys(1);
		recorder.time(builder, () -> "value");
		assertThatThrownBy(() -> recorder.time(builder, () -> {
			throw new IOException("store unreachable");
		})).isInstanceOf(IOException.class);
		assertThat(recorder.engines().get(0).interval().current().data().get("load_get"))
			.extracting((record) -> record.get("status") + "/" + record.get("num_failed_keys"))
			.containsExactly("ok/1", "error/3");
		MooncakeOperation unchanged = builder.build();
		assertThat(unchanged.status()).isEqualTo("partial");
		assertThat(unchanged.durationSeconds()).isNaN();
	}

	@Test
	void operationsBeyondMaxOperationsAreMeteredAsOther() {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 6, 8);
		recorder.recordOperation(MooncakeOperation.builder("batch_get").durationSeconds(0.1).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("batch_put").durationSeconds(0.1).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("remove").durationSeconds(0.1).keys(1).build());
		recorder.recordOperation(MooncakeOperation.builder("batch_get").durationSeconds(0.1).keys(1).build());
		assertThat(registry().get("vllm:mooncake_store_operation").tags(tags("0", "batch_get", "ok")).counter().count())
			.isEqualTo(2);
		assertThat(registry().get("vllm:mooncake_store_operation").tags(tags("0", "batch_put", "ok")).counter().count())
			.isOne();
		assertThat(registry().get("vllm:mooncake_store_operation").tags(tags("0", "other", "ok")).counter().count())
			.isOne();
		assertThat(registry().find("vllm:mooncake_store_operation").tag("operation", "remove").counters()).isEmpty();
		assertThat(recorder.engines().get(0).interval().current().data()).containsOnlyKeys("batch_get", "batch_put",
				"remove");
		assertThat(recorder.engines().get(0).interval().current().reduce()).containsEntry("remove_count", 1);
	}

	@Test
	void statusesBeyondMaxStatusesAreMeteredAsOther() {
		MooncakeStatsRecorder recorder = recorder(List.of(0), 100, 32, 3);
		recorder.recordOperation(MooncakeOperation.builder("load_get")
			.durationSeconds(0.1)
			.keys(1)
			.status("timeout")
			.failedKeys(1)
			.build());
		recorder.recordOperation(MooncakeOperation.builder("load_get")
			.durationSeconds(0.1)
			.keys(1)
			.status("not_found")
			.failedKeys(1)
			.build());
		recorder.recordOperation(MooncakeOperation.builder("load_get")
			.durationSeconds(0.1)
			.keys(1)
			.status("busy")
			.failedKeys(1)
			.build());
		recorder.recordOperation(MooncakeOperation.builder("load_get")
			.durationSeconds(0.1)
			.keys(1)
			.status("error")
			.failedKeys(1)
			.build());
		assertThat(registry().get("vllm:mooncake_store_operation")
			.tags(tags("0", "load_get", "timeout"))
			.counter()
			.count()).isOne();
		assertThat(
				registry().get("vllm:mooncake_store_operation").tags(tags("0", "load_get", "other")).counter().count())
			.isEqualTo(2);
		assertThat(
				registry().get("vllm:mooncake_store_operation").tags(tags("0", "load_get", "error")).counter().count())
			.isOne();
		assertThat(registry().find("vllm:mooncake_store_operation").tag("status", "busy").counters()).isEmpty();
		assertThat(recorder.engines().get(0).interval().current().data().get("load_get"))
			.extracting((record) -> record.get("status"))
			.containsExactly("timeout", "not_found", "busy", "error");
		assertThat(recorder.engines().get(0).interval().current().reduce()).containsEntry("load_get_error_count", 1);
	}

	private MooncakeStatsRecorder recorder(List<Integer> engines, int maxSamplesPerInterval, int maxOperations,
			int maxStatuses) {
		MooncakeMetrics metrics = new MooncakeMetrics("test-model", OPERATIONS, maxOperations, maxStatuses);
		metrics.bindTo(registry());
		return new MooncakeStatsRecorder(engines, maxSamplesPerInterval, metrics, Clock.systemUTC());
	}

	private static Tags tags(String engine, String operation, String status) {
		return Tags.of("model_name", "test-model", "engine", engine, "operation", operation, "status", status);
	}

	private static Map<String, Object> record(double duration, long keys, long bytes, String status, long failedKeys) {
		return Map.of("duration_seconds", duration, "num_keys", keys, "num_bytes", bytes, "status", status,
				"num_failed_keys", failedKeys);
	}

}
