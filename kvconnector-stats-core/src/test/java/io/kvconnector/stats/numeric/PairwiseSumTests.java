package io.kvconnector.stats.numeric;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PairwiseSum}. Expected values come from a Python transcription of
 * numpy's pairwise summation (numpy itself is not available to the build).
 */
class PairwiseSumTests {

	@Test
	void sumsNothingToPositiveZero() {
		assertBits(PairwiseSum.sum(new double[0]), 0.0);
		assertBits(PairwiseSum.sum(new double[] { 1.0, 2.0 }, 1, 1), 0.0);
	}

	@Test
	void sumsNegativeZerosToPositiveZero() {
		assertBits(PairwiseSum.sum(new double[] { -0.0 }), 0.0);
		assertBits(PairwiseSum.sum(new double[] { -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0 }), 0.0);
	}

	@Test
	void sumsFewerThanEightValuesLeftToRight() {
		assertBits(PairwiseSum.sum(reciprocals(1)), 1.0);
		assertBits(PairwiseSum.sum(reciprocals(5)), 2.283333333333333);
		assertBits(PairwiseSum.sum(reciprocals(7)), 2.5928571428571425);
		assertBits(PairwiseSum.sum(sevenths(7)), 2.7755575615628914e-16);
	}

	@Test
	void sumsEightValuesAsABalancedTree() {
		// 1 + 2**-53 rounds back to 1 on its own, but the pairs of 2**-53 add up first
		double tiny = 0x1p-53;
		double[] values = { 1.0, tiny, tiny, tiny, tiny, tiny, tiny, tiny };
		double sum = PairwiseSum.sum(values);
		assertBits(sum, 1.0 + 3 * 0x1p-52);
		assertThat(naive(values)).isEqualTo(1.0);
		assertBits(PairwiseSum.sum(reciprocals(8)), 2.7178571428571425);
		assertBits(PairwiseSum.sum(sevenths(8)), -0.2999999999999997);
	}

	@Test
	void addsLeftoversBeyondTheLastFullBlockOfEight() {
		assertBits(PairwiseSum.sum(reciprocals(9)), 2.8289682539682537);
		assertBits(PairwiseSum.sum(sevenths(9)), -0.49999999999999967);
		assertBits(PairwiseSum.sum(reciprocals(15)), 3.3182289932289937);
		assertBits(PairwiseSum.sum(sevenths(16)), -0.49999999999999956);
		assertBits(PairwiseSum.sum(sevenths(17)), -0.5999999999999995);
	}

	@Test
	void sumsUpToOneHundredTwentyEightValuesInOneBlock() {
		assertBits(PairwiseSum.sum(reciprocals(127)), 5.425334592589172);
		assertBits(PairwiseSum.sum(sevenths(127)), -0.2999999999999955);
		assertBits(PairwiseSum.sum(reciprocals(128)), 5.433147092589173);
		assertBits(PairwiseSum.sum(sevenths(128)), -0.4999999999999955);
	}

	@Test
	void splitsLongerRangesAtAMultipleOfEightNearTheMiddle() {
		assertBits(PairwiseSum.sum(reciprocals(129)), 5.440899030573669);
		assertBits(PairwiseSum.sum(sevenths(129)), -0.5999999999999954);
		assertBits(PairwiseSum.sum(reciprocals(200)), 5.878030948121444);
		assertBits(PairwiseSum.sum(sevenths(200)), -0.5999999999999931);
		assertBits(PairwiseSum.sum(reciprocals(1000)), 7.485470860550345);
		assertBits(PairwiseSum.sum(sevenths(1000)), -0.29999999999996485);
		assertBits(PairwiseSum.sum(reciprocals(4099)), 8.895835961417054);
		assertBits(PairwiseSum.sum(sevenths(4099)), -0.5999999999998562);
		double[] values = reciprocals(200);
		assertBits(PairwiseSum.sum(values), PairwiseSum.sum(values, 0, 96) + PairwiseSum.sum(values, 96, 200));
	}

	@Test
	void differsFromNaiveSummation() {
		double[] values = reciprocals(1000);
		// naive: 7.485470860550343
		assertThat(naive(values)).isNotEqualTo(PairwiseSum.sum(values));
		assertBits(naive(values), 7.485470860550343);
	}

	@Test
	void sumsASubrangeLikeASlice() {
		double[] values = new double[1010];
		System.arraycopy(reciprocals(1000), 0, values, 7, 1000);
		values[0] = 1e300;
		values[1009] = -1e300;
		assertBits(PairwiseSum.sum(values, 7, 1007), 7.485470860550345);
	}

	@Test
	void rejectsARangeOutsideTheArray() {
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> PairwiseSum.sum(new double[3], 1, 4));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> PairwiseSum.sum(new double[3], 2, 1));
	}

	@Test
	void propagatesInfinitiesAndNaN() {
		double[] values = reciprocals(300);
		values[250] = Double.POSITIVE_INFINITY;
		assertBits(PairwiseSum.sum(values), Double.POSITIVE_INFINITY);
		values[3] = Double.NEGATIVE_INFINITY;
		assertThat(PairwiseSum.sum(values)).isNaN();
	}

	@Test
	void sumsAMillionValues() {
		double[] values = IntStream.range(0, 1_000_000).mapToDouble((i) -> 1.0 / (i + 1)).toArray();
		assertBits(PairwiseSum.sum(values), 14.392726722865726);
		// naive left-to-right summation drifts further: 14.392726722864989
		assertBits(naive(values), 14.392726722864989);
	}

	private static double[] reciprocals(int n) {
		return IntStream.range(0, n).mapToDouble((i) -> 1.0 / (i + 1)).toArray();
	}

	private static double[] sevenths(int n) {
		return IntStream.range(0, n).mapToDouble((i) -> (i % 7) * 0.1 - 0.3).toArray();
	}

	private static double naive(double[] values) {
		double sum = 0.0;
		for (double value : values) {
			sum += value;
		}
		return sum;
	}

	private static void assertBits(double actual, double expected) {
		assertThat(Double.doubleToLongBits(actual)).as("%s should be %s", actual, expected)
			.isEqualTo(Double.doubleToLongBits(expected));
	}

}
