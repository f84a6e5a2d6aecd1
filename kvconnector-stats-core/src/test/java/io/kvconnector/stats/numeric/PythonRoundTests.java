package io.kvconnector.stats.numeric;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PythonRound}. Expected values were printed by CPython 3.11, many of
 * them by {@code src/test/resources/numeric/generate.py}.
 */
class PythonRoundTests {

	@Test
	void roundsTheExactBinaryValueHalfToEven() {
		// round(0.0005, 3): 0.0005 is stored as 0.000500000000000000010...
		assertBits(PythonRound.round(0.0005, 3), 0.001);
		// round(2.675, 2): 2.675 is stored as 2.67499999999999982...
		assertBits(PythonRound.round(2.675, 2), 2.67);
		// round(0.125, 2): an exact tie goes to the even digit
		assertBits(PythonRound.round(0.125, 2), 0.12);
		// round(0.15, 1), round(4.35, 1)
		assertBits(PythonRound.round(0.15, 1), 0.1);
		assertBits(PythonRound.round(4.35, 1), 4.3);
		// round(0.5, 0), round(1.5, 0)
		assertBits(PythonRound.round(0.5, 0), 0.0);
		assertBits(PythonRound.round(1.5, 0), 2.0);
		// round(123.4567, 2), round(-123.4567, 2)
		assertBits(PythonRound.round(123.4567, 2), 123.46);
		assertBits(PythonRound.round(-123.4567, 2), -123.46);
	}

	@Test
	void returnsTheNearestDoubleToTheRoundedDecimal() {
		// round(0.1 + 0.2, 1), round(0.1 + 0.2, 2), round(0.1 + 0.2, 16)
		assertBits(PythonRound.round(0.1 + 0.2, 1), 0.3);
		assertBits(PythonRound.round(0.1 + 0.2, 2), 0.3);
		assertBits(PythonRound.round(0.1 + 0.2, 16), 0.3);
		// round(0.1 + 0.2, 17)
		assertBits(PythonRound.round(0.1 + 0.2, 17), 0.30000000000000004);
		// round(1e300, 2), round(1e300, -300)
		assertBits(PythonRound.round(1e300, 2), 1e300);
		assertBits(PythonRound.round(1e300, -300), 1e300);
	}

	@Test
	void keepsTheSignOfXOnAZeroResult() {
		// round(-0.0001, 3), round(-0.0, 3), round(-5e-324, 3), round(-1e300, -301)
		assertBits(PythonRound.round(-0.0001, 3), -0.0);
		assertBits(PythonRound.round(-0.0, 3), -0.0);
		assertBits(PythonRound.round(-5e-324, 3), -0.0);
		assertBits(PythonRound.round(-1e300, -301), -0.0);
		// round(-0.5, 0), round(0.0001, 3), round(5e-324, 3)
		assertBits(PythonRound.round(-0.5, 0), -0.0);
		assertBits(PythonRound.round(0.0001, 3), 0.0);
		assertBits(PythonRound.round(5e-324, 3), 0.0);
		assertBits(PythonRound.round(0.0, 3), 0.0);
	}

	@Test
	void roundsToTensAndHundredsForNegativeDigits() {
		// round(25.0, -1), round(35.0, -1), round(2.5, -1), round(1234567.891, -3)
		assertBits(PythonRound.round(25.0, -1), 20.0);
		assertBits(PythonRound.round(35.0, -1), 40.0);
		assertBits(PythonRound.round(2.5, -1), 0.0);
		assertBits(PythonRound.round(1234567.891, -3), 1235000.0);
		// round(9.5e307, -308)
		assertBits(PythonRound.round(9.5e307, -308), 1e308);
	}

	@Test
	void skipsRoundingForExtremeDigits() {
		// round(5e-324, 323), round(5e-324, 324): beyond 323 digits CPython returns x
		assertBits(PythonRound.round(5e-324, 323), 0.0);
		assertBits(PythonRound.round(5e-324, 324), 5e-324);
		assertBits(PythonRound.round(0.1, Integer.MAX_VALUE), 0.1);
		// round(123.0, -400), round(-123.0, -400)
		assertBits(PythonRound.round(123.0, -400), 0.0);
		assertBits(PythonRound.round(-123.0, -400), -0.0);
		assertBits(PythonRound.round(-123.0, Integer.MIN_VALUE), -0.0);
	}

	@Test
	void returnsInfinityWhereCPythonRaisesOverflowError() {
		// round(1.7976931348623157e308, -308) raises OverflowError
		assertBits(PythonRound.round(Double.MAX_VALUE, -308), Double.POSITIVE_INFINITY);
		assertBits(PythonRound.round(-Double.MAX_VALUE, -308), Double.NEGATIVE_INFINITY);
		assertBits(PythonRound.round(Double.MAX_VALUE, -1), Double.MAX_VALUE);
	}

	@Test
	void passesNonFiniteValuesThrough() {
		assertBits(PythonRound.round(Double.POSITIVE_INFINITY, 2), Double.POSITIVE_INFINITY);
		assertBits(PythonRound.round(Double.NEGATIVE_INFINITY, 2), Double.NEGATIVE_INFINITY);
		assertThat(PythonRound.round(Double.NaN, 2)).isNaN();
	}

	@Test
	void matchesCPythonOnGeneratedValues() throws IOException {
		List<String> lines = lines("round.txt");
		assertThat(lines).hasSize(2700);
		for (String line : lines) {
			String[] fields = line.split(" ");
			double x = fromHexBits(fields[0]);
			int ndigits = Integer.parseInt(fields[1]);
			double expected = fromHexBits(fields[2]);
			assertThat(Double.doubleToLongBits(PythonRound.round(x, ndigits)))
				.as("round(%s, %d) should be %s", PythonFloats.repr(x), ndigits, PythonFloats.repr(expected))
				.isEqualTo(Double.doubleToLongBits(expected));
		}
	}

	static List<String> lines(String name) throws IOException {
		try (InputStream in = PythonRoundTests.class.getResourceAsStream("/numeric/" + name)) {
			assertThat(in).as(name).isNotNull();
			return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
		}
	}

	static double fromHexBits(String hex) {
		return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
	}

	private static void assertBits(double actual, double expected) {
		assertThat(Double.doubleToLongBits(actual)).as("%s should be %s", actual, expected)
			.isEqualTo(Double.doubleToLongBits(expected));
	}

}
