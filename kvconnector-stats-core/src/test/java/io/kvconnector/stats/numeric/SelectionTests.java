package io.kvconnector.stats.numeric;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Selection}.
 */
class SelectionTests {

	@Test
	void selectsEveryRankOfSmallArraysAsASortWould() {
		Random random = new Random(1);
		for (int n = 1; n <= 60; n++) {
			for (int trial = 0; trial < 5; trial++) {
				double[] values = randomValues(random, n, (trial % 2 == 0) ? 5 : 0);
				for (int k = 0; k < n; k++) {
					assertSelects(values, 0, n, k);
				}
			}
		}
	}

	@Test
	void selectsRanksOfLargeArraysAsASortWould() {
		Random random = new Random(2);
		for (int trial = 0; trial < 40; trial++) {
			int n = 1 + random.nextInt(20_000);
			double[] values = randomValues(random, n, (trial % 3 == 0) ? 1 + random.nextInt(50) : 0);
			assertSelects(values, 0, n, random.nextInt(n));
			assertSelects(values, 0, n, 0);
			assertSelects(values, 0, n, n - 1);
		}
	}

	@Test
	void selectsWithinASubrangeOnly() {
		Random random = new Random(3);
		double[] values = randomValues(random, 1000, 0);
		double[] before = values.clone();
		double[] selected = values.clone();
		double value = Selection.select(selected, 100, 900, 500);
		double[] sorted = Arrays.copyOfRange(before, 100, 900);
		Arrays.sort(sorted);
		assertBits(value, sorted[400]);
		assertThat(Arrays.copyOfRange(selected, 0, 100)).isEqualTo(Arrays.copyOfRange(before, 0, 100));
		assertThat(Arrays.copyOfRange(selected, 900, 1000)).isEqualTo(Arrays.copyOfRange(before, 900, 1000));
	}

	@Test
	void selectsFromOrderedAndPatternedInput() {
		int n = 50_001;
		IntToDoubleFunction[] patterns = { (i) -> i, (i) -> n - i, (i) -> 7.0, (i) -> i % 2, (i) -> Math.min(i, n - i),
				(i) -> Math.abs(n / 2 - i), (i) -> i % 97, (i) -> (i * 7919L) % n, (i) -> (i % 2 == 0) ? i : n - i };
		for (IntToDoubleFunction pattern : patterns) {
			double[] values = new double[n];
			for (int i = 0; i < n; i++) {
				values[i] = pattern.applyAsDouble(i);
			}
			for (int k : new int[] { 0, 1, n / 10, n / 2, n - 2, n - 1 }) {
				assertSelects(values, 0, n, k);
			}
		}
	}

	@Test
	void ordersNegativeZeroBeforePositiveZero() {
		double[] values = { 0.0, -0.0, 1.0, -0.0, -1.0, 0.0 };
		double[] expected = { -1.0, -0.0, -0.0, 0.0, 0.0, 1.0 };
		for (int k = 0; k < values.length; k++) {
			double[] copy = values.clone();
			assertBits(Selection.select(copy, 0, copy.length, k), expected[k]);
			if (k + 1 < values.length) {
				assertBits(Selection.selectNext(copy, 0, copy.length, k), expected[k + 1]);
			}
		}
	}

	@Test
	void findsTheNextRankAfterASelection() {
		Random random = new Random(4);
		for (int trial = 0; trial < 200; trial++) {
			int n = 2 + random.nextInt(3000);
			double[] values = randomValues(random, n, (trial % 2 == 0) ? 10 : 0);
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			int k = random.nextInt(n - 1);
			Selection.select(values, 0, n, k);
			assertBits(Selection.selectNext(values, 0, n, k), sorted[k + 1]);
		}
	}

	private static void assertSelects(double[] original, int from, int to, int k) {
		double[] values = original.clone();
		double[] sorted = Arrays.copyOfRange(original, from, to);
		Arrays.sort(sorted);
		double selected = Selection.select(values, from, to, k);
		assertBits(selected, sorted[k - from]);
		for (int i = from; i < k; i++) {
			assertThat(values[i] <= selected).as("%s before %s", values[i], selected).isTrue();
		}
		for (int i = k + 1; i < to; i++) {
			assertThat(values[i] >= selected).as("%s after %s", values[i], selected).isTrue();
		}
		double[] after = Arrays.copyOfRange(values, from, to);
		Arrays.sort(after);
		assertThat(after).isEqualTo(sorted);
	}

	private static void assertBits(double actual, double expected) {
		assertThat(Double.doubleToLongBits(actual)).as("%s should be %s", actual, expected)
			.isEqualTo(Double.doubleToLongBits(expected));
	}

	static double[] randomValues(Random random, int n, int distinct) {
		double[] values = new double[n];
		for (int i = 0; i < n; i++) {
			if (distinct > 0) {
				int pick = random.nextInt(distinct + 2);
				values[i] = (pick == distinct) ? -0.0 : (pick == distinct + 1) ? 0.0 : pick - distinct / 2;
			}
			else {
				values[i] = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(12) - 3);
			}
		}
		return values;
	}

}
