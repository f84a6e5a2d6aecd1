package io.kvconnector.stats.internal;

import io.kvconnector.stats.InvalidStatsDataException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WireFormat}.
 *
 * @author kvconnector-stats
 */
class WireFormatTests {

	@Test
	void integerAcceptsIntegralNumbersAsPythonMayWriteThem() {
		assertThat(WireFormat.integer(2, "p", 10)).isEqualTo(2);
		assertThat(WireFormat.integer(2.0, "p", 10)).isEqualTo(2);
		assertThat(WireFormat.integer(new BigDecimal("2.000"), "p", 10)).isEqualTo(2);
		assertThat(WireFormat.integer(BigInteger.TEN, "p", 10)).isEqualTo(10);
		assertThat(WireFormat.integer(Long.MAX_VALUE, "p", Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void integerRejectsFractionsOutOfRangeValuesAndNonNumbers() {
		assertRejected(() -> WireFormat.integer(1.5, "a[1]", 10), "a[1]", "expected an integer but got 1.5");
		assertRejected(() -> WireFormat.integer(11, "a", 10), "a", "between 0 and 10 but got 11");
		assertRejected(() -> WireFormat.integer(-1, "a", 10), "a", "between 0 and 10 but got -1");
		assertRejected(() -> WireFormat.integer(0x1p63, "a", Long.MAX_VALUE), "a", "expected an integer");
		assertRejected(() -> WireFormat.integer(BigInteger.TWO.pow(64), "a", Long.MAX_VALUE), "a", "between");
		assertRejected(() -> WireFormat.integer(Double.NaN, "a", 10), "a", "expected an integer");
		assertRejected(() -> WireFormat.integer("1", "a", 10), "a", "expected an integer but got a string");
		assertRejected(() -> WireFormat.integer(true, "a", 10), "a", "got a boolean");
		assertRejected(() -> WireFormat.integer(null, "a", 10), "a", "got null");
	}

	@Test
	void durationAcceptsFiniteNonNegativeNumbersOnly() {
		assertThat(WireFormat.duration(0, "d")).isEqualTo(0.0);
		assertThat(WireFormat.duration(1.5e-7, "d")).isEqualTo(1.5e-7);
		assertRejected(() -> WireFormat.duration(-1e-9, "d"), "d", "finite duration >= 0");
		assertRejected(() -> WireFormat.duration(Double.POSITIVE_INFINITY, "d"), "d", "finite duration");
		assertRejected(() -> WireFormat.duration(Double.NaN, "d"), "d", "finite duration");
		assertRejected(() -> WireFormat.duration(List.of(), "d"), "d", "got an array");
	}

	@Test
	void labelsAreOneTo128CodePointsNotBlankWithoutControlCharacters() {
		assertThat(WireFormat.isValidLabel("load_get")).isTrue();
		assertThat(WireFormat.isValidLabel("étagère_get")).isTrue();
		assertThat(WireFormat.isValidLabel("\ud83d\ude00".repeat(128))).isTrue();
		assertThat(WireFormat.isValidLabel("\ud83d\ude00".repeat(129))).isFalse();
		assertThat(WireFormat.isValidLabel("x".repeat(129))).isFalse();
		assertThat(WireFormat.isValidLabel("")).isFalse();
		assertThat(WireFormat.isValidLabel(" \t")).isFalse();
		assertThat(WireFormat.isValidLabel("a\u0000")).isFalse();
		assertThat(WireFormat.isValidLabel("a\u0085")).isFalse();
		assertThat(WireFormat.isValidLabel(null)).isFalse();
		assertRejected(() -> WireFormat.label(3, "op[0].status"), "op[0].status", "expected a string");
	}

	@Test
	void objectAndArrayNameWhatTheyGot() {
		assertThat(WireFormat.object(Map.of("a", 1), "x").get("a")).isEqualTo(1);
		assertRejected(() -> WireFormat.object(List.of(), "x"), "x", "expected an object but got an array");
		assertRejected(() -> WireFormat.array(Map.of(), "x"), "x", "expected an array but got an object");
	}

	@Test
	void exceptionPathsCanBeRootedInALargerDocument() {
		assertThat(new InvalidStatsDataException("transfer_duration[3]", "bad").withPrefix("data").getPath())
			.isEqualTo("data.transfer_duration[3]");
		assertThat(new InvalidStatsDataException("", "bad").withPrefix("data").getPath()).isEqualTo("data");
		assertThat(new InvalidStatsDataException("a", "bad")).hasMessage("a: bad");
	}

	private static void assertRejected(Runnable call, String path, String reason) {
		assertThatExceptionOfType(InvalidStatsDataException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.getPath()).isEqualTo(path);
			assertThat(ex.getReason()).contains(reason);
		});
	}

}
