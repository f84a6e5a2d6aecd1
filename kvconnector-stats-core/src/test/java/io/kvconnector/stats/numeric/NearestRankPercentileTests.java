package io.kvconnector.stats.numeric;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NearestRankPercentile}.
 */
class NearestRankPercentileTests {

	// [max(0, min(n - 1, int(0.9 * n - 1e-12))) for n in range(1, 41)]
	private static final int[] P90_INDEXES = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 17, 18,
			19, 20, 21, 22, 23, 24, 25, 26, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 35 };

	// [max(0, min(n - 1, int(0.5 * n - 1e-12))) for n in range(1, 41)]
	private static final int[] P50_INDEXES = { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11,
			11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 18, 19, 19 };

	@Test
	void picksTheRankPythonComputesForUpToFortyValues() {
		Random random = new Random(21);
		for (int n = 1; n <= 40; n++) {
			double[] values = shuffledRanks(random, n);
			assertBits(NearestRankPercentile.percentile(values.clone(), n, 0.9), P90_INDEXES[n - 1]);
			assertBits(NearestRankPercentile.percentile(values.clone(), n, 0.5), P50_INDEXES[n - 1]);
		}
	}

	@Test
	void subtractsAnEpsilonSoAnExactProductRoundsDown() {
		// sorted(range(10))[int(0.9 * 10 - 1e-12)] == 8, not 9
		assertBits(NearestRankPercentile.percentile(shuffledRanks(new Random(22), 10), 10, 0.9), 8.0);
	}

	@Test
	void clampsTheRankToTheValues() {
		double[] values = { 3.0, 1.0, 2.0 };
		assertBits(NearestRankPercentile.percentile(values.clone(), 3, 0.0), 1.0);
		assertBits(NearestRankPercentile.percentile(values.clone(), 3, 1.0), 3.0);
		assertBits(NearestRankPercentile.percentile(values.clone(), 3, 5.0), 3.0);
		assertBits(NearestRankPercentile.percentile(values.clone(), 3, -5.0), 1.0);
	}

	@Test
	void matchesASortingReferenceOnRandomArrays() {
		Random random = new Random(23);
		double[] fractions = { 0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0 };
		for (int trial = 0; trial < 300; trial++) {
			int n = 1 + random.nextInt((trial < 250) ? 3000 : 300_000);
			double[] values = SelectionTests.randomValues(random, n, (trial % 2 == 0) ? 1 + random.nextInt(30) : 0);
			double fraction = fractions[trial % fractions.length];
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			int index = Math.max(0, Math.min(n - 1, (int) (fraction * n - 1e-12)));
			assertBits(NearestRankPercentile.percentile(values, n, fraction), sorted[index]);
		}
	}

	@Test
	void usesOnlyTheFirstLengthValues() {
		double[] values = { 5.0, 4.0, 3.0, 2.0, 1.0, -10.0 };
		assertBits(NearestRankPercentile.percentile(values, 5, 0.9), 5.0);
	}

	@Test
	void rejectsAnEmptyRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> NearestRankPercentile.percentile(new double[2], 0, 0.9));
		assertThatIllegalArgumentException().isThrownBy(() -> NearestRankPercentile.percentile(new double[2], 3, 0.9));
	}

	private static double[] shuffledRanks(Random random, int n) {
		double[] values = new double[n];
		for (int i = 0; i < n; i++) {
			values[i] = i;
		}
		for (int i = n - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			double swap = values[i];
			values[i] = values[j];
			values[j] = swap;
		}
		return values;
	}

	private static void assertBits(double actual, double expected) {
		assertThat(Double.doubleToLongBits(actual)).as("%s should be %s", actual, expected)
			.isEqualTo(Double.doubleToLongBits(expected));
	}

}
