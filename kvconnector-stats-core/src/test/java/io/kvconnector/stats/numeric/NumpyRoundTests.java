package io.kvconnector.stats.numeric;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NumpyRound}. numpy is not available to the build: the expected values
 * apply numpy's definition, {@code rint(x * 10**d) / 10**d}, in Python, and the comments
 * show the scaled product that decides each case.
 */
class NumpyRoundTests {

	@Test
	void roundsTiesToEvenOnTheScaledValue() {
		// 0.0005 * 1000 == 0.5, rint(0.5) == 0.0; CPython's round(0.0005, 3) == 0.001
		assertBits(NumpyRound.round(0.0005, 3), 0.0);
		// 2.675 * 100 == 267.5, rint(267.5) == 268.0; CPython's round(2.675, 2) == 2.67
		assertBits(NumpyRound.round(2.675, 2), 2.68);
		// 0.125 * 100 == 12.5, rint(12.5) == 12.0
		assertBits(NumpyRound.round(0.125, 2), 0.12);
		// 12345.6785 * 1000 == 12345678.5
		assertBits(NumpyRound.round(12345.6785, 3), 12345.678);
		assertBits(NumpyRound.round(2.5, 0), 2.0);
		assertBits(NumpyRound.round(3.5, 0), 4.0);
	}

	@Test
	void differsFromCPythonWhereTheProductRoundsToATie() {
		// 0.15 * 10 == 1.5 but 0.15 is stored below 0.15: CPython's round(0.15, 1) == 0.1
		assertBits(NumpyRound.round(0.15, 1), 0.2);
		// 0.35 * 10 == 3.5: CPython's round(0.35, 1) == 0.3
		assertBits(NumpyRound.round(0.35, 1), 0.4);
		// 4.35 * 10 == 43.5: CPython's round(4.35, 1) == 4.3
		assertBits(NumpyRound.round(4.35, 1), 4.4);
		// 1.15 * 10 == 11.5: CPython's round(1.15, 1) == 1.1
		assertBits(NumpyRound.round(1.15, 1), 1.2);
	}

	@Test
	void roundsProductsJustBelowATieDown() {
		// 0.285 * 100 == 28.499999999999996
		assertBits(NumpyRound.round(0.285, 2), 0.28);
		// 1.005 * 100 == 100.49999999999999
		assertBits(NumpyRound.round(1.005, 2), 1.0);
		// 9.995 * 100 == 999.4999999999999
		assertBits(NumpyRound.round(9.995, 2), 9.99);
		assertBits(NumpyRound.round(-9.995, 2), -9.99);
	}

	@Test
	void roundsNegativeValuesSymmetrically() {
		assertBits(NumpyRound.round(-2.5, 0), -2.0);
		assertBits(NumpyRound.round(-2.675, 2), -2.68);
		assertBits(NumpyRound.round(-0.0004, 3), -0.0);
	}

	@Test
	void dividesFirstForNegativeDecimals() {
		// 1250.0 / 100 == 12.5, rint(12.5) * 100 == 1200.0
		assertBits(NumpyRound.round(1250.0, -2), 1200.0);
		assertBits(NumpyRound.round(1350.0, -2), 1400.0);
		assertBits(NumpyRound.round(-1350.0, -2), -1400.0);
		assertBits(NumpyRound.round(1234.5678, -3), 1000.0);
	}

	@Test
	void multipliesByTenOncePerDigitBeyondTwentyTwo() {
		// numpy's 10**25 is 1e22 * 10 * 10 * 10 == 9.999999999999999e+24, not 1e25
		assertBits(NumpyRound.round(1.3436424419896479e-20, 25), 1.3436400000000002e-20);
		assertBits(NumpyRound.round(2.5506902581391477e-14, 26), 2.5506902581390004e-14);
		assertBits(NumpyRound.round(6.515929727576036e-18, 30), 6.515929727576001e-18);
		assertBits(NumpyRound.round(9.476572718746065e+24, -25), 9.999999999999999e+24);
		assertBits(NumpyRound.round(8.934237255150774e+33, -30), 8.933999999999999e+33);
	}

	@Test
	void keepsValuesThatAreAlreadyRound() {
		assertBits(NumpyRound.round(0.30000000000000004, 1), 0.3);
		assertBits(NumpyRound.round(0.003, 3), 0.003);
		assertBits(NumpyRound.round(1e22, 22), 1e22);
		assertBits(NumpyRound.round(123.456, 30), 123.456);
	}

	@Test
	void overflowsWhenTheScaledProductDoes() {
		// 1e300 * 1e10 == inf; CPython's round(1e300, 10) == 1e300
		assertBits(NumpyRound.round(1e300, 10), Double.POSITIVE_INFINITY);
		// 1.7976931348623157e308 / 1e308 rounds to 2.0, and 2.0 * 1e308 == inf
		assertBits(NumpyRound.round(Double.MAX_VALUE, -308), Double.POSITIVE_INFINITY);
		// 10**400 is inf: 1.0 * inf / inf and rint(1.0 / inf) * inf are both nan
		assertThat(NumpyRound.round(1.0, 400)).isNaN();
		assertThat(NumpyRound.round(1.0, -400)).isNaN();
	}

	@Test
	void roundsTheSmallestSubnormalToZero() {
		assertBits(NumpyRound.round(Double.MIN_VALUE, 3), 0.0);
		assertBits(NumpyRound.round(-Double.MIN_VALUE, 3), -0.0);
	}

	@Test
	void passesNonFiniteValuesAndZerosThrough() {
		assertBits(NumpyRound.round(Double.POSITIVE_INFINITY, 3), Double.POSITIVE_INFINITY);
		assertBits(NumpyRound.round(Double.NEGATIVE_INFINITY, 3), Double.NEGATIVE_INFINITY);
		assertThat(NumpyRound.round(Double.NaN, 3)).isNaN();
		assertBits(NumpyRound.round(0.0, 3), 0.0);
		assertBits(NumpyRound.round(-0.0, 3), -0.0);
		assertBits(NumpyRound.round(-0.0, -3), -0.0);
	}

	private static void assertBits(double actual, double expected) {
		assertThat(Double.doubleToLongBits(actual)).as("%s should be %s", actual, expected)
			.isEqualTo(Double.doubleToLongBits(expected));
	}

}
