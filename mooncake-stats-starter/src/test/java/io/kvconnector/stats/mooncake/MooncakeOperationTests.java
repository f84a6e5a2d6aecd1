package io.kvconnector.stats.mooncake;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.RecordOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MooncakeOperation}.
 *
 * @author kvconnector-stats
 */
class MooncakeOperationTests {

	@Test
	void builderStartsWithVllmDefaults() {
		MooncakeOperation operation = MooncakeOperation.builder("load_get").durationSeconds(0.25).build();
		assertThat(operation.operation()).isEqualTo("load_get");
		assertThat(operation.durationSeconds()).isEqualTo(0.25);
		assertThat(operation.keys()).isZero();
		assertThat(operation.bytes()).isZero();
		assertThat(operation.status()).isEqualTo(MooncakeStoreConnectorStats.STATUS_OK);
		assertThat(operation.failedKeys()).isZero();
	}

	@Test
	void eachSetterSetsItsOwnField() {
		MooncakeOperation operation = MooncakeOperation.builder("save_put")
			.durationSeconds(0.5)
			.keys(3)
			.bytes(4096)
			.status("error")
			.failedKeys(2)
			.build();
		assertThat(operation)
			.extracting(MooncakeOperation::operation, MooncakeOperation::durationSeconds, MooncakeOperation::keys,
					MooncakeOperation::bytes, MooncakeOperation::status, MooncakeOperation::failedKeys)
			.containsExactly("save_put", 0.5, 3L, 4096L, "error", 2L);
		assertThat(operation).hasToString(
				"MooncakeOperation[operation=save_put, durationSeconds=0.5, keys=3, bytes=4096, status=error, failedKeys=2]");
	}

	@Test
	void durationIsConvertedToSecondsWithOneRounding() {
		assertThat(MooncakeOperation.builder("op").duration(Duration.ofMillis(250)).build())
			.isEqualTo(MooncakeOperation.builder("op").durationSeconds(0.25).build());
		assertThat(seconds(Duration.ofNanos(1))).isEqualTo(1e-9);
		assertThat(seconds(Duration.ofSeconds(1, 1))).isEqualTo(1_000_000_001 / 1e9);
		assertThat(seconds(Duration.ofSeconds(3, 300_000_000))).isEqualTo(3_300_000_000L / 1e9);
		assertThat(seconds(Duration.ZERO)).isZero();
		assertThat(seconds(Duration.ofSeconds(-1))).isEqualTo(-1.0);
	}

	@Test
	void durationsBeyondLongNanosecondsConvertWithoutThrowing() {
		assertThat(seconds(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).isEqualTo(Long.MAX_VALUE + 1.0);
		assertThat(seconds(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo((double) Long.MIN_VALUE);
	}

	@Test
	void operationWithoutAValidDurationIsRejectedWhenRecorded() {
		MooncakeStoreConnectorStats stats = new MooncakeStoreConnectorStats();
		assertThat(stats.recordOperation(MooncakeOperation.builder("load_get").keys(1).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordOperation(MooncakeOperation.builder("load_get").duration(null).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordOperation(MooncakeOperation.builder("load_get").duration(Duration.ofNanos(-1)).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.isEmpty()).isTrue();
	}

	@Test
	void builderBuildsAgainAfterChangesLeavingEarlierOperationsAsTheyWere() {
		MooncakeOperation.Builder builder = MooncakeOperation.builder("lookup_exists").durationSeconds(0.1).keys(4);
		MooncakeOperation first = builder.build();
		MooncakeOperation second = builder.status("error").failedKeys(4).build();
		assertThat(first.status()).isEqualTo("ok");
		assertThat(first.failedKeys()).isZero();
		assertThat(second.status()).isEqualTo("error");
		assertThat(second.failedKeys()).isEqualTo(4);
		assertThat(builder.build()).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(first);
	}

	private static double seconds(Duration duration) {
		return MooncakeOperation.builder("op").duration(duration).build().durationSeconds();
	}

}
