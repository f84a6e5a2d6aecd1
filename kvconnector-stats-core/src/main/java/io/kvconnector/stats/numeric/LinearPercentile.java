package io.kvconnector.stats.numeric;

/**
 * Computes percentiles exactly as numpy's {@code np.percentile} does with its default
 * {@code method="linear"}.
 */
public final class LinearPercentile {

	private LinearPercentile() {
	}

	/**
	 * Returns the percentile of {@code values[0..length)} that
	 * {@code np.percentile(values[:length], 100 * fraction)} returns. Runs in expected
	 * linear time by selection rather than sorting.
	 * <p>
	 * numpy partitions with comparisons that cannot order {@code -0.0} and {@code 0.0},
	 * so where its result is a zero its sign is an accident of its partitioning; here
	 * {@code -0.0} sorts before {@code 0.0}.
	 * @param values the values, none of them NaN; reordered in place
	 * @param length how many values, from index 0, to use; at least 1
	 * @param fraction the percentile as a fraction in {@code [0, 1]}, for example
	 * {@code 0.9} for the 90th percentile
	 * @return the linearly interpolated percentile
	 * @throws IllegalArgumentException if {@code length} is not in
	 * {@code [1, values.length]} or {@code fraction} is not in {@code [0, 1]}
	 */
	public static double percentile(double[] values, int length, double fraction) {
		if (length < 1 || length > values.length) {
			throw new IllegalArgumentException("length must be between 1 and " + values.length + " but was " + length);
		}
		if (!(fraction >= 0.0 && fraction <= 1.0)) {
			throw new IllegalArgumentException("fraction must be between 0 and 1 but was " + fraction);
		}
		int last = length - 1;
		double virtualIndex = last * fraction;
		if (virtualIndex >= last) {
			// numpy clamps both neighbours to the last value and measures gamma from
			// index -1
			double max = Selection.select(values, 0, length, last);
			return lerp(max, max, virtualIndex + 1.0);
		}
		int lower = (int) virtualIndex;
		double below = Selection.select(values, 0, length, lower);
		double above = Selection.selectNext(values, 0, length, lower);
		return lerp(below, above, virtualIndex - lower);
	}

	private static double lerp(double a, double b, double gamma) {
		double difference = b - a;
		if (gamma >= 0.5) {
			return b - difference * (1.0 - gamma);
		}
		return a + difference * gamma;
	}

}
