package io.kvconnector.stats.numeric;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PythonFloats}. Expected values were printed by CPython 3.11's
 * {@code repr}, many of them by {@code src/test/resources/numeric/generate.py}.
 */
class PythonFloatsTests {

	@Test
	void printsTheShortestDigitsThatReadBack() {
		assertRepr(0.1, "0.1");
		assertRepr(0.1 + 0.2, "0.30000000000000004");
		assertRepr(0.3, "0.3");
		assertRepr(4.35, "4.35");
		assertRepr(123456789.123, "123456789.123");
		assertRepr(122333866666.667, "122333866666.667");
		assertRepr(9.223372036854775807E18, "9.223372036854776e+18");
		assertRepr(1.2345678901234568E17, "1.2345678901234568e+17");
		assertRepr(2.2250738585072014E-308, "2.2250738585072014e-308");
	}

	@Test
	void printsValuesWhereJavasToStringIsNotShortest() {
		// JDK 17's Double.toString gives 9.999999999999999E22 and 1.9999999999999998E23
		assertRepr(1e23, "1e+23");
		assertRepr(2e23, "2e+23");
		assertRepr(2e-3, "0.002");
		assertRepr(1e22, "1e+22");
		assertRepr(1e21, "1e+21");
	}

	@Test
	void printsFixedNotationFromOneTenThousandthToBelowTenToTheSixteenth() {
		assertRepr(1e-4, "0.0001");
		assertRepr(0.001, "0.001");
		assertRepr(1.0, "1.0");
		assertRepr(12.0, "12.0");
		assertRepr(100.0, "100.0");
		assertRepr(2000.0, "2000.0");
		assertRepr(1234.5, "1234.5");
		assertRepr(-1.5, "-1.5");
		assertRepr(1048576000000.0, "1048576000000.0");
		assertRepr(1e15, "1000000000000000.0");
		assertRepr(9999999999999998.0, "9999999999999998.0");
		assertRepr(9007199254740993.0, "9007199254740992.0");
	}

	@Test
	void printsExponentNotationOutsideTheFixedRange() {
		assertRepr(9.99e-5, "9.99e-05");
		assertRepr(1e-5, "1e-05");
		assertRepr(-1e-5, "-1e-05");
		assertRepr(1e-7, "1e-07");
		assertRepr(1e16, "1e+16");
		assertRepr(1.5e16, "1.5e+16");
		assertRepr(1e17, "1e+17");
		assertRepr(2.5e-300, "2.5e-300");
		assertRepr(1.7976931348623157e308, "1.7976931348623157e+308");
	}

	@Test
	void printsSubnormals() {
		assertRepr(5e-324, "5e-324");
		assertRepr(1.5e-323, "1.5e-323");
		assertRepr(1e-310, "1e-310");
	}

	@Test
	void printsZerosInfinitiesAndNaN() {
		assertRepr(0.0, "0.0");
		assertRepr(-0.0, "-0.0");
		assertRepr(Double.POSITIVE_INFINITY, "inf");
		assertRepr(Double.NEGATIVE_INFINITY, "-inf");
		assertRepr(Double.NaN, "nan");
		assertRepr(Double.longBitsToDouble(0xfff8000000000001L), "nan");
	}

	@Test
	void matchesCPythonOnGeneratedValues() throws IOException {
		List<String> lines = PythonRoundTests.lines("repr.txt");
		assertThat(lines).hasSize(2304);
		for (String line : lines) {
			int space = line.indexOf(' ');
			assertRepr(PythonRoundTests.fromHexBits(line.substring(0, space)), line.substring(space + 1));
		}
	}

	@Test
	void printsIntegersAsPlainDigits() {
		assertThat(PythonFloats.str(Integer.valueOf(7))).isEqualTo("7");
		assertThat(PythonFloats.str(Long.valueOf(-9_000_000_000_000_000_000L))).isEqualTo("-9000000000000000000");
		assertThat(PythonFloats.str(Short.valueOf((short) 12))).isEqualTo("12");
		assertThat(PythonFloats.str(Byte.valueOf((byte) -3))).isEqualTo("-3");
		// str(2**100)
		assertThat(PythonFloats.str(BigInteger.TWO.pow(100))).isEqualTo("1267650600228229401496703205376");
	}

	@Test
	void printsFloatingPointNumbersAsTheirDouble() {
		assertThat(PythonFloats.str(Double.valueOf(0.1))).isEqualTo("0.1");
		assertThat(PythonFloats.str(Double.valueOf(1e16))).isEqualTo("1e+16");
		// repr(struct.unpack('f', struct.pack('f', 0.1))[0])
		assertThat(PythonFloats.str(Float.valueOf(0.1f))).isEqualTo("0.10000000149011612");
		assertThat(PythonFloats.str(new BigDecimal("122333866666.6670001"))).isEqualTo("122333866666.667");
		assertThat(PythonFloats.str(new BigDecimal("2"))).isEqualTo("2.0");
	}

	@Test
	void rejectsOtherNumberTypes() {
		assertThatIllegalArgumentException().isThrownBy(() -> PythonFloats.str(new AtomicLong(3)));
	}

	private static void assertRepr(double x, String expected) {
		assertThat(PythonFloats.repr(x)).as("repr of %s", Long.toHexString(Double.doubleToRawLongBits(x)))
			.isEqualTo(expected);
	}

}
