package io.kvconnector.stats.nixl;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.RecordOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NixlXferTelemetry}.
 *
 * @author kvconnector-stats
 */
class NixlXferTelemetryTests {

	@Test
	void builderSetsEachValueInTheUnitItNames() {
		NixlXferTelemetry telemetry = NixlXferTelemetry.builder()
			.xferDurationMicros(2000)
			.postDurationMicros(500)
			.totalBytes(1048576)
			.descCount(4)
			.build();
		assertThat(telemetry.xferDurationMicros()).isEqualTo(2000);
		assertThat(telemetry.postDurationMicros()).isEqualTo(500);
		assertThat(telemetry.totalBytes()).isEqualTo(1048576);
		assertThat(telemetry.descCount()).isEqualTo(4);
		assertThat(telemetry.xferDurationSeconds()).isEqualTo(0.002);
		assertThat(telemetry.postDurationSeconds()).isEqualTo(0.0005);
	}

	@Test
	void everyValueStartsAtZero() {
		NixlXferTelemetry telemetry = NixlXferTelemetry.builder().build();
		assertThat(telemetry).isEqualTo(NixlTransfers.transfer(0, 0, 0, 0));
		assertThat(telemetry.xferDurationSeconds()).isZero();
		assertThat(new NixlKvConnectorStats().recordTransfer(telemetry)).isEqualTo(RecordOutcome.RECORDED);
	}

	@Test
	void secondsAreMicrosDividedBy1e6BitForBit() {
		// 5 / 1e6 is 5e-06 but 5 * 1e-6 is 4.9999999999999996e-06; vLLM divides
		assertThat(NixlXferTelemetry.builder().xferDurationMicros(5).build().xferDurationSeconds()).isEqualTo(5e-06)
			.isNotEqualTo(5 * 1e-6);
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 100_000; i++) {
			long micros = (i < 50_000) ? i : random.nextLong(0, Long.MAX_VALUE);
			NixlXferTelemetry telemetry = NixlXferTelemetry.builder()
				.xferDurationMicros(micros)
				.postDurationMicros(micros)
				.build();
			assertThat(Double.doubleToRawLongBits(telemetry.xferDurationSeconds())).as("%d micros", micros)
				.isEqualTo(Double.doubleToRawLongBits(micros / 1e6));
			assertThat(Double.doubleToRawLongBits(telemetry.postDurationSeconds())).as("%d micros", micros)
				.isEqualTo(Double.doubleToRawLongBits(micros / 1e6));
		}
	}

	@Test
	void durationOfWholeMicrosRecordsExactlyWhatItsMicrosRecord() {
		SplittableRandom random = new SplittableRandom(11);
		for (int i = 0; i < 100_000; i++) {
			long micros = (i < 50_000) ? i * 997L : random.nextLong(0, Long.MAX_VALUE / 1000);
			Duration duration = Duration.ofNanos(micros * 1000);
			NixlXferTelemetry fromDuration = NixlXferTelemetry.builder()
				.xferDuration(duration)
				.postDuration(duration)
				.build();
			NixlXferTelemetry fromMicros = NixlXferTelemetry.builder()
				.xferDurationMicros(micros)
				.postDurationMicros(micros)
				.build();
			assertThat(fromDuration).isEqualTo(fromMicros);
			assertThat(Double.doubleToRawLongBits(fromDuration.xferDurationSeconds()))
				.isEqualTo(Double.doubleToRawLongBits(micros / 1e6));
			assertThat(Double.doubleToRawLongBits(fromDuration.postDurationSeconds()))
				.isEqualTo(Double.doubleToRawLongBits(micros / 1e6));
		}
		assertThat(NixlXferTelemetry.builder().xferDuration(Duration.ofSeconds(3, 250_000)).build())
			.isEqualTo(NixlXferTelemetry.builder().xferDurationMicros(3_000_250).build());
	}

	@Test
	void durationDropsItsSubMicrosecondPartTowardNegativeInfinity() {
		assertThat(micros(Duration.ofNanos(1999))).isEqualTo(1);
		assertThat(micros(Duration.ofNanos(999))).isZero();
		assertThat(micros(Duration.ofNanos(-1))).isEqualTo(-1);
		assertThat(micros(Duration.ofNanos(-1001))).isEqualTo(-2);
		assertThat(micros(Duration.ofSeconds(-2, 500_000_000))).isEqualTo(-1_500_000);
	}

	@Test
	void durationsBeyondALongOfMicrosSaturateWithoutThrowing() {
		assertThat(micros(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))).isEqualTo(Long.MAX_VALUE);
		assertThat(micros(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
		assertThat(micros(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000 - 1, 999_999_999)))
			.isEqualTo((Long.MAX_VALUE / 1_000_000) * 1_000_000 - 1);
	}

	@Test
	void invalidValuesBuildAndAreRejectedWhenRecorded() {
		NixlKvConnectorStats stats = new NixlKvConnectorStats();
		assertThat(stats.recordTransfer(NixlXferTelemetry.builder().xferDuration(Duration.ofNanos(-1)).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordTransfer(NixlXferTelemetry.builder().postDuration(Duration.ofMillis(-3)).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordTransfer(NixlXferTelemetry.builder().xferDuration(null).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordTransfer(NixlXferTelemetry.builder().postDuration(null).build()))
			.isEqualTo(RecordOutcome.INVALID_DURATION);
		assertThat(stats.recordTransfer(NixlXferTelemetry.builder().totalBytes(-1).build()))
			.isEqualTo(RecordOutcome.NEGATIVE_COUNT);
		assertThat(stats.recordTransfer(NixlXferTelemetry.builder().descCount(1L << 32).build()))
			.isEqualTo(RecordOutcome.DESCRIPTORS_OUT_OF_RANGE);
		assertThat(stats.recordTransfer(NixlXferTelemetry.builder().xferDuration(Duration.ofDays(365 * 1000)).build()))
			.isEqualTo(RecordOutcome.RECORDED);
		assertThat(stats.numSuccessfulTransfers()).isOne();
	}

	@Test
	void equalTelemetriesHaveEqualHashCodesAndNameTheirValues() {
		NixlXferTelemetry one = NixlTransfers.transfer(1, 2, 3, 4);
		assertThat(one).isEqualTo(NixlTransfers.transfer(1, 2, 3, 4))
			.hasSameHashCodeAs(NixlTransfers.transfer(1, 2, 3, 4))
			.isNotEqualTo(NixlTransfers.transfer(2, 1, 3, 4))
			.isNotEqualTo(NixlTransfers.transfer(1, 2, 4, 3))
			.hasToString("NixlXferTelemetry[xferDurationMicros=1, postDurationMicros=2, totalBytes=3, descCount=4]");
	}

	private static long micros(Duration duration) {
		return NixlXferTelemetry.builder().xferDuration(duration).build().xferDurationMicros();
	}

}
