package io.kvconnector.stats.numeric;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExactSum}. Expected values were printed by CPython 3.11's
 * {@code math.fsum}, many of them by {@code src/test/resources/numeric/generate.py}.
 */
class ExactSumTests {

	@Test
	void sumsTenTenthsToOne() {
		double[] values = new double[10];
		Arrays.fill(values, 0.1);
		// math.fsum([0.1] * 10)
		assertBits(ExactSum.fsum(values), 1.0);
	}

	@Test
	void keepsTinyTermsThatCancellationWouldLose() {
		// math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])
		assertBits(ExactSum.fsum(new double[] { 1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50 }), 1e-100);
		// math.fsum([2.0**53, -0.5, -2.0**-54])
		assertBits(ExactSum.fsum(new double[] { 0x1p53, -0.5, -0x1p-54 }), 0x1p53 - 1.0);
		// math.fsum([1.0, 1e-16, 1e-16]); adding left to right gives 1.0
		assertBits(ExactSum.fsum(new double[] { 1.0, 1e-16, 1e-16 }), 1.0000000000000002);
		// math.fsum([1e-16, 1.0, 1e16])
		assertBits(ExactSum.fsum(new double[] { 1e-16, 1.0, 1e16 }), 1.0000000000000002e16);
	}

	@Test
	void breaksExactTiesToEven() {
		// math.fsum([1.0, 2**-53]) is a tie between 1.0 and 1.0000000000000002
		assertBits(ExactSum.fsum(new double[] { 1.0, 0x1p-53 }), 1.0);
		// math.fsum([1.0 + 2**-52, 2**-53]) is a tie between odd and 1.0000000000000004
		assertBits(ExactSum.fsum(new double[] { 1.0 + 0x1p-52, 0x1p-53 }), 1.0000000000000004);
	}

	@Test
	void roundsPastATieWhenSmallerTermsTipIt() {
		// math.fsum([1.0, 2**-53, 2**-80]), math.fsum([1.0, 2**-53, -2**-80])
		assertBits(ExactSum.fsum(new double[] { 1.0, 0x1p-53, 0x1p-80 }), 1.0000000000000002);
		assertBits(ExactSum.fsum(new double[] { 0x1p-80, 0x1p-53, 1.0 }), 1.0000000000000002);
		assertBits(ExactSum.fsum(new double[] { 1.0, 0x1p-53, -0x1p-80 }), 1.0);
	}

	@Test
	void sumsSubnormalsExactly() {
		// math.fsum([5e-324, 5e-324]), math.fsum([-5e-324] * 3)
		assertBits(ExactSum.fsum(new double[] { 5e-324, 5e-324 }), 1e-323);
		assertBits(ExactSum.fsum(new double[] { -5e-324, -5e-324, -5e-324 }), -1.5e-323);
		// math.fsum([2.0**-1022, -5e-324])
		assertBits(ExactSum.fsum(new double[] { 0x1p-1022, -5e-324 }), 2.225073858507201e-308);
	}

	@Test
	void returnsPositiveZeroForAZeroSum() {
		// math.fsum([]), math.fsum([-0.0]), math.fsum([1.0, -1.0])
		assertBits(ExactSum.fsum(new double[0]), 0.0);
		assertBits(ExactSum.fsum(new double[] { -0.0 }), 0.0);
		assertBits(ExactSum.fsum(new double[] { -0.0, -0.0 }), 0.0);
		assertBits(ExactSum.fsum(new double[] { 1.0, -1.0 }), 0.0);
		assertBits(ExactSum.fsum(new double[] { -1.0, 1.0 }), 0.0);
	}

	@Test
	void handlesInfinitiesAndNaNLikeCPython() {
		double inf = Double.POSITIVE_INFINITY;
		// math.fsum([inf, 1.0]), math.fsum([-inf, 1.0]), math.fsum([nan, inf])
		assertBits(ExactSum.fsum(new double[] { inf, 1.0 }), inf);
		assertBits(ExactSum.fsum(new double[] { 1.0, -inf, -inf }), -inf);
		assertThat(ExactSum.fsum(new double[] { Double.NaN, inf })).isNaN();
		assertThat(ExactSum.fsum(new double[] { 1.0, Double.NaN })).isNaN();
		// math.fsum([inf, -inf]) raises ValueError
		assertThat(ExactSum.fsum(new double[] { inf, 2.0, -inf })).isNaN();
		assertBits(ExactSum.fsum(new double[] { Double.MAX_VALUE, Double.MAX_VALUE, inf }), inf);
	}

	@Test
	void sumsExactlyWhereCPythonReportsIntermediateOverflow() {
		// math.fsum([1e308, 1e308, -1e308]) raises OverflowError
		assertBits(ExactSum.fsum(new double[] { 1e308, 1e308, -1e308 }), 1e308);
		assertBits(ExactSum.fsum(new double[] { -1e308, -1e308, 1e308, 1.0 }), -1e308);
		assertBits(ExactSum.fsum(new double[] { Double.MAX_VALUE, Double.MAX_VALUE }), Double.POSITIVE_INFINITY);
		assertBits(ExactSum.fsum(new double[] { -Double.MAX_VALUE, -Double.MAX_VALUE }), Double.NEGATIVE_INFINITY);
		// the largest double plus half its ulp is a tie, broken to the even infinity
		assertBits(ExactSum.fsum(new double[] { Double.MAX_VALUE, 0x1p970 }), Double.POSITIVE_INFINITY);
		// math.fsum([1.7976931348623157e308, 2.0**969])
		assertBits(ExactSum.fsum(new double[] { Double.MAX_VALUE, 0x1p969 }), Double.MAX_VALUE);
		assertBits(ExactSum.fsum(new double[] { Double.MAX_VALUE, 0x1p969, 0x1p969 }), Double.POSITIVE_INFINITY);
		assertBits(ExactSum.fsum(new double[] { Double.MAX_VALUE, 0x1p970, -0x1p-1074 }), Double.MAX_VALUE);
	}

	@Test
	void sumsOnlyTheRange() {
		double[] values = { 1e300, 0.1, 0.2, 0.3, Double.NaN };
		// math.fsum([0.1, 0.2, 0.3])
		assertBits(ExactSum.fsum(values, 1, 4), 0.6);
		assertBits(ExactSum.fsum(values, 2, 2), 0.0);
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> ExactSum.fsum(values, 3, 6));
	}

	@Test
	void matchesCPythonOnGeneratedArrays() throws IOException {
		List<String> lines = PythonRoundTests.lines("fsum.txt");
		assertThat(lines).hasSize(119);
		for (String line : lines) {
			String[] fields = line.split(" ");
			double expected = PythonRoundTests.fromHexBits(fields[0]);
			double[] values = new double[fields.length - 1];
			for (int i = 0; i < values.length; i++) {
				values[i] = PythonRoundTests.fromHexBits(fields[i + 1]);
			}
			assertThat(Double.doubleToLongBits(ExactSum.fsum(values))).as(line)
				.isEqualTo(Double.doubleToLongBits(expected));
		}
	}

	@Test
	void matchesAnExactDecimalSumAndCPythonsAlgorithmOnRandomArrays() {
		Random random = new Random(31);
		for (int trial = 0; trial < 2000; trial++) {
			double[] values = new double[1 + random.nextInt((trial < 1900) ? 60 : 5000)];
			int kind = trial % 4;
			for (int i = 0; i < values.length; i++) {
				values[i] = switch (kind) {
					case 0 -> Math.round(random.nextDouble() * 1e9) / 1000.0;
					case 1 -> (random.nextDouble() - 0.5) * Math.pow(2, random.nextInt(200) - 100);
					case 2 -> randomFinite(random) * 0x1p-16;
					default ->
						(random.nextBoolean() ? 1 : -1) * Math.scalb(random.nextDouble(), random.nextInt(80) - 1074);
				};
			}
			if (kind == 1 && values.length > 2) {
				values[values.length - 1] = -values[0];
			}
			double actual = ExactSum.fsum(values);
			assertThat(Double.doubleToLongBits(actual)).as(Arrays.toString(values))
				.isEqualTo(Double.doubleToLongBits(decimalSum(values)))
				.isEqualTo(Double.doubleToLongBits(msum(values)));
		}
	}

	@Test
	void sumsAMillionValuesAcrossManyCarries() {
		Random random = new Random(32);
		double[] values = new double[1_000_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = (random.nextBoolean() ? 1 : -1) * Math.scalb(1.0 + random.nextDouble(), 1000);
		}
		assertBits(ExactSum.fsum(values), decimalSum(values));
		Arrays.fill(values, Double.MAX_VALUE);
		values[7] = -Double.MAX_VALUE;
		assertBits(ExactSum.fsum(values), Double.POSITIVE_INFINITY);
		Arrays.fill(values, -Double.MIN_VALUE);
		assertBits(ExactSum.fsum(values), -1_000_000 * Double.MIN_VALUE);
	}

	private static double randomFinite(Random random) {
		double value;
		do {
			value = Double.longBitsToDouble(random.nextLong());
		}
		while (!Double.isFinite(value));
		return value;
	}

	private static double decimalSum(double[] values) {
		BigDecimal sum = BigDecimal.ZERO;
		for (double value : values) {
			sum = sum.add(new BigDecimal(value));
		}
		return (sum.signum() == 0) ? 0.0 : Double.parseDouble(sum.toString());
	}

	/**
	 * CPython's msum: Shewchuk's non-overlapping partials with its final half-even
	 * correction, for finite values whose partial sums do not overflow.
	 */
	private static double msum(double[] values) {
		double[] partials = new double[values.length];
		int count = 0;
		for (double value : values) {
			double x = value;
			int kept = 0;
			for (int j = 0; j < count; j++) {
				double y = partials[j];
				if (Math.abs(x) < Math.abs(y)) {
					double swap = x;
					x = y;
					y = swap;
				}
				double hi = x + y;
				double lo = y - (hi - x);
				if (lo != 0.0) {
					partials[kept++] = lo;
				}
				x = hi;
			}
			if (x != 0.0) {
				partials[kept++] = x;
			}
			count = kept;
		}
		double hi = 0.0;
		double lo = 0.0;
		int n = count;
		if (n > 0) {
			hi = partials[--n];
			while (n > 0) {
				double x = hi;
				double y = partials[--n];
				hi = x + y;
				lo = y - (hi - x);
				if (lo != 0.0) {
					break;
				}
			}
			if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
				double y = lo * 2.0;
				double x = hi + y;
				if (y == x - hi) {
					hi = x;
				}
			}
		}
		return hi;
	}

	private static void assertBits(double actual, double expected) {
		assertThat(Double.doubleToLongBits(actual)).as("%s should be %s", actual, expected)
			.isEqualTo(Double.doubleToLongBits(expected));
	}

}
