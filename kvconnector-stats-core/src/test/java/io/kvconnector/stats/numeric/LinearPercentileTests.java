package io.kvconnector.stats.numeric;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LinearPercentile}. Expected values follow numpy's definition: sort,
 * take the neighbours of {@code (n - 1) * q} and interpolate from the nearer one.
 */
class LinearPercentileTests {

	private static final double[] FRACTIONS = { 0.0, 0.001, 0.01, 0.1, 0.25, 0.3, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999,
			1.0 };

	@Test
	void interpolatesBetweenNeighbours() {
		// np.percentile([1, 2, 3, 4], 90): v = 2.7, g >= 0.5, 4 - 1 * (1 - g)
		assertBits(percentile(0.9, 4.0, 1.0, 3.0, 2.0), 3.7);
		// np.percentile([1, 2, 3, 4], 10): v = 0.3, g < 0.5, 1 + 1 * g
		assertBits(percentile(0.1, 1.0, 2.0, 3.0, 4.0), 1.3);
		assertBits(percentile(0.5, 4.0, 1.0, 3.0, 2.0), 2.5);
		assertBits(percentile(0.9, 5.0, 1.0, 3.0), 4.6);
	}

	@Test
	void interpolatesUpFromTheLowerNeighbourWhenGammaIsBelowOneHalf() {
		// 0.651 + (6.482 - 0.651) * 0.1 == 1.2341000000000002
		// 6.482 - (6.482 - 0.651) * 0.9 == 1.2340999999999998
		assertBits(percentile(0.1, 6.482, 0.651), 1.2341000000000002);
		// 3.1 + (16.933 - 3.1) * 0.25 == 6.55825
		// 16.933 - (16.933 - 3.1) * 0.75 == 6.558249999999999
		assertBits(percentile(0.25, 16.933, 3.1), 6.55825);
	}

	@Test
	void interpolatesDownFromTheUpperNeighbourWhenGammaIsAtLeastOneHalf() {
		// 13.57 - (13.57 - 0.034) * 0.5 == 6.8020000000000005
		// 0.034 + (13.57 - 0.034) * 0.5 == 6.802
		assertBits(percentile(0.5, 0.034, 13.57), 6.8020000000000005);
		// 18.862 - (18.862 - 6.108) * (1 - 0.95) == 18.2243
		// 6.108 + (18.862 - 6.108) * 0.95 == 18.224299999999996
		assertBits(percentile(0.95, 18.862, 6.108), 18.2243);
	}

	@Test
	void returnsTheOnlyValueOfASingleton() {
		for (double fraction : FRACTIONS) {
			assertBits(percentile(fraction, 7.5), 7.5);
			assertBits(percentile(fraction, -0.0), -0.0);
		}
	}

	@Test
	void interpolatesBetweenTwoValues() {
		assertBits(percentile(0.9, 2.0, 1.0), 1.9);
		assertBits(percentile(0.3, 2.0, 1.0), 1.3);
		assertBits(percentile(0.0, 2.0, 1.0), 1.0);
		assertBits(percentile(1.0, 2.0, 1.0), 2.0);
	}

	@Test
	void measuresGammaFromIndexMinusOneAtTheTopLikeNumpy() {
		// numpy: gamma = 2, -0.0 - (0.0 * (1 - 2)) == 0.0
		assertBits(percentile(1.0, -0.0, -0.0), 0.0);
		// np.percentile([1.0, inf], 100) and 50 are both nan: inf - inf * ...
		assertThat(percentile(1.0, 1.0, Double.POSITIVE_INFINITY)).isNaN();
		assertThat(percentile(0.5, 1.0, Double.POSITIVE_INFINITY)).isNaN();
	}

	@Test
	void usesOnlyTheFirstLengthValues() {
		double[] values = { 3.0, 1.0, 2.0, 100.0, -100.0 };
		assertBits(LinearPercentile.percentile(values, 3, 0.5), 2.0);
	}

	@Test
	void matchesASortingReferenceOnRandomArrays() {
		Random random = new Random(11);
		for (int n = 1; n <= 3000; n += (n < 200) ? 1 : 1 + random.nextInt(60)) {
			for (int distinct : new int[] { 0, 3, 40 }) {
				double[] values = SelectionTests.randomValues(random, n, distinct);
				double fraction = (random.nextInt(3) == 0) ? random.nextDouble()
						: FRACTIONS[random.nextInt(FRACTIONS.length)];
				double expected = reference(values, fraction);
				double actual = LinearPercentile.percentile(values.clone(), n, fraction);
				assertThat(Double.doubleToLongBits(actual)).as("n=%d fraction=%s", n, fraction)
					.isEqualTo(Double.doubleToLongBits(expected));
			}
		}
	}

	@Test
	void matchesASortingReferenceOnAMillionValues() {
		Random random = new Random(12);
		double[] values = new double[1_000_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = Math.round(random.nextDouble() * 1e7) / 1000.0;
		}
		for (double fraction : FRACTIONS) {
			assertBits(LinearPercentile.percentile(values.clone(), values.length, fraction),
					reference(values, fraction));
		}
	}

	@Test
	void rejectsAnEmptyRangeAndFractionsOutsideZeroToOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> LinearPercentile.percentile(new double[3], 0, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> LinearPercentile.percentile(new double[3], 4, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> LinearPercentile.percentile(new double[3], 3, 1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> LinearPercentile.percentile(new double[3], 3, -0.1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LinearPercentile.percentile(new double[3], 3, Double.NaN));
	}

	private static double percentile(double fraction, double... values) {
		return LinearPercentile.percentile(values, values.length, fraction);
	}

	private static double reference(double[] values, double fraction) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		double virtualIndex = (n - 1) * fraction;
		double a;
		double b;
		double gamma;
		if (virtualIndex >= n - 1) {
			a = sorted[n - 1];
			b = sorted[n - 1];
			gamma = virtualIndex + 1;
		}
		else {
			int lower = (int) Math.floor(virtualIndex);
			a = sorted[lower];
			b = sorted[lower + 1];
			gamma = virtualIndex - lower;
		}
		double difference = b - a;
		return (gamma >= 0.5) ? b - difference * (1 - gamma) : a + difference * gamma;
	}

	private static void assertBits(double actual, double expected) {
		assertThat(Double.doubleToLongBits(actual)).as("%s should be %s", actual, expected)
			.isEqualTo(Double.doubleToLongBits(expected));
	}

}
