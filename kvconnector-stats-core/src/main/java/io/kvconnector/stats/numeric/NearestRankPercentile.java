package io.kvconnector.stats.numeric;

/**
 * Computes the nearest-rank percentile that vLLM's Mooncake store stats report.
 */
public final class NearestRankPercentile {

	private NearestRankPercentile() {
	}

	/**
	 * Returns {@code sorted(values[:length])[index]} where {@code index} is
	 * {@code int(fraction * length - 1e-12)} clamped to {@code [0, length - 1]}. Runs in
	 * expected linear time by selection rather than sorting.
	 * <p>
	 * Python's stable sort keeps equal {@code -0.0} and {@code 0.0} in their input order;
	 * here {@code -0.0} sorts before {@code 0.0}.
	 * @param values the values, none of them NaN; reordered in place
	 * @param length how many values, from index 0, to use; at least 1
	 * @param fraction the percentile as a fraction, for example {@code 0.9} for the 90th
	 * percentile
	 * @return the value at the nearest rank
	 * @throws IllegalArgumentException if {@code length} is not in
	 * {@code [1, values.length]}
	 */
	public static double percentile(double[] values, int length, double fraction) {
		if (length < 1 || length > values.length) {
			throw new IllegalArgumentException("length must be between 1 and " + values.length + " but was " + length);
		}
		int index = (int) (fraction * length - 1e-12);
		index = Math.max(0, Math.min(length - 1, index));
		return Selection.select(values, 0, length, index);
	}

}
