package io.kvconnector.stats.numeric;

import java.util.Objects;

/**
 * Sums float64 values exactly as numpy's {@code np.sum} does, using its pairwise
 * summation.
 */
public final class PairwiseSum {

	private static final int BLOCK_SIZE = 128;

	private PairwiseSum() {
	}

	/**
	 * Sums all the values as {@code np.sum(values)} does.
	 * @param values the values to add
	 * @return the sum, {@code 0.0} when there are no values
	 */
	public static double sum(double[] values) {
		return sum(values, 0, values.length);
	}

	/**
	 * Sums {@code values[from..to)} as {@code np.sum(values[from:to])} does.
	 * @param values the values to add
	 * @param from the first index to add, inclusive
	 * @param to the last index to add, exclusive
	 * @return the sum, {@code 0.0} when the range is empty
	 */
	public static double sum(double[] values, int from, int to) {
		Objects.checkFromToIndex(from, to, values.length);
		// numpy starts the reduction from the identity 0.0 and adds the pairwise sum to
		// it
		return 0.0 + pairwise(values, from, to - from);
	}

	private static double pairwise(double[] x, int start, int n) {
		if (n < 8) {
			double res = 0.0;
			for (int i = start; i < start + n; i++) {
				res += x[i];
			}
			return res;
		}
		if (n <= BLOCK_SIZE) {
			double r0 = x[start];
			double r1 = x[start + 1];
			double r2 = x[start + 2];
			double r3 = x[start + 3];
			double r4 = x[start + 4];
			double r5 = x[start + 5];
			double r6 = x[start + 6];
			double r7 = x[start + 7];
			int blockEnd = start + n - (n % 8);
			int i = start + 8;
			for (; i < blockEnd; i += 8) {
				r0 += x[i];
				r1 += x[i + 1];
				r2 += x[i + 2];
				r3 += x[i + 3];
				r4 += x[i + 4];
				r5 += x[i + 5];
				r6 += x[i + 6];
				r7 += x[i + 7];
			}
			double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
			for (; i < start + n; i++) {
				res += x[i];
			}
			return res;
		}
		int half = n / 2;
		half -= half % 8;
		return pairwise(x, start, half) + pairwise(x, start + half, n - half);
	}

}
