package io.kvconnector.stats.numeric;

import java.util.Arrays;

/**
 * Finds order statistics of double values in expected linear time, reordering them in
 * place.
 */
final class Selection {

	private static final int INSERTION_SORT_THRESHOLD = 16;

	private static final int NINTHER_THRESHOLD = 512;

	private static final int SAMPLE_THRESHOLD = 600;

	private Selection() {
	}

	/**
	 * Returns the value of rank {@code k} in {@code values[from..to)} sorted ascending
	 * with {@code -0.0} before {@code 0.0}, as {@link Arrays#sort(double[])} orders them.
	 * Afterwards {@code values[k]} holds a value equal to it, no value before {@code k}
	 * is greater and no value after {@code k} is smaller.
	 * @param values the values, none of them NaN
	 * @param from the first index of the range, inclusive
	 * @param to the last index of the range, exclusive
	 * @param k the rank, as an index into {@code values}
	 * @return the value of rank {@code k}
	 */
	static double select(double[] values, int from, int to, int k) {
		place(values, from, to - 1, k);
		return signedZero(values, from, to, k, values[k]);
	}

	/**
	 * Returns the value of rank {@code k + 1}, after {@link #select} put the value of
	 * rank {@code k} at {@code k}.
	 * @param values the values as {@link #select} left them
	 * @param from the first index of the range, inclusive
	 * @param to the last index of the range, exclusive; greater than {@code k + 1}
	 * @param k the rank that was selected
	 * @return the value of rank {@code k + 1}
	 */
	static double selectNext(double[] values, int from, int to, int k) {
		double min = values[k + 1];
		for (int i = k + 2; i < to; i++) {
			if (values[i] < min) {
				min = values[i];
			}
		}
		return signedZero(values, from, to, k + 1, min);
	}

	private static void place(double[] values, int left, int right, int k) {
		int lo = left;
		int hi = right;
		long work = 0;
		long workLimit = 8L * (right - left + 1);
		boolean sample = true;
		while (hi > lo) {
			int size = hi - lo + 1;
			if (size <= INSERTION_SORT_THRESHOLD) {
				insertionSort(values, lo, hi);
				return;
			}
			if (work > workLimit) {
				// pivots keep missing: bound the remaining work as a sort does
				Arrays.sort(values, lo, hi + 1);
				return;
			}
			work += size;
			double pivot;
			if (sample && size > SAMPLE_THRESHOLD) {
				placeSample(values, lo, hi, k);
				pivot = values[k];
			}
			else {
				pivot = pivot(values, lo, hi);
			}
			int i = lo;
			int j = hi;
			while (i <= j) {
				while (values[i] < pivot) {
					i++;
				}
				while (pivot < values[j]) {
					j--;
				}
				if (i <= j) {
					double swap = values[i];
					values[i] = values[j];
					values[j] = swap;
					i++;
					j--;
				}
			}
			if (k <= j) {
				hi = j;
			}
			else if (k >= i) {
				lo = i;
			}
			else {
				return;
			}
			// a sample only predicts the rank of its pivot when the values are in no
			// particular order
			sample = sample && (hi - lo + 1) <= size - size / 4;
		}
	}

	/**
	 * Places the value of rank {@code k} within a window of {@code values[lo..hi]} around
	 * {@code k}, so that {@code values[k]} then estimates the value of rank {@code k} in
	 * the whole range (Floyd and Rivest). The window is offset by about a standard
	 * deviation of that estimate so that the pivot usually falls between {@code k} and
	 * the middle of the range, leaving {@code k} in the smaller part.
	 */
	private static void placeSample(double[] values, int lo, int hi, int k) {
		double n = hi - lo + 1;
		double rank = k - lo + 1;
		double logN = Math.log(n);
		double sampleSize = 0.5 * Math.exp(2 * logN / 3);
		double deviation = 0.5 * Math.sqrt(logN * sampleSize * (n - sampleSize) / n) * Math.signum(rank - n / 2);
		int windowLo = (int) Math.max(lo, Math.min(k, k - rank * sampleSize / n + deviation));
		int windowHi = (int) Math.min(hi, Math.max(k, k + (n - rank) * sampleSize / n + deviation));
		place(values, windowLo, windowHi, k);
	}

	private static double signedZero(double[] values, int from, int to, int k, double value) {
		if (value != 0.0) {
			return value;
		}
		// comparisons cannot tell -0.0 from 0.0, so place the zero by counting signs
		int negative = 0;
		for (int i = from; i < to; i++) {
			if (Double.doubleToRawLongBits(values[i]) < 0) {
				negative++;
			}
		}
		return (k - from < negative) ? -0.0 : 0.0;
	}

	private static double pivot(double[] values, int lo, int hi) {
		int mid = (lo + hi) >>> 1;
		if (hi - lo < NINTHER_THRESHOLD) {
			return median(values[lo], values[mid], values[hi]);
		}
		int step = (hi - lo) / 8;
		double first = median(values[lo], values[lo + step], values[lo + 2 * step]);
		double second = median(values[mid - step], values[mid], values[mid + step]);
		double third = median(values[hi - 2 * step], values[hi - step], values[hi]);
		return median(first, second, third);
	}

	private static double median(double a, double b, double c) {
		if (a < b) {
			return (b < c) ? b : Math.max(a, c);
		}
		return (a < c) ? a : Math.max(b, c);
	}

	private static void insertionSort(double[] values, int lo, int hi) {
		for (int i = lo + 1; i <= hi; i++) {
			double value = values[i];
			int j = i - 1;
			while (j >= lo && value < values[j]) {
				values[j + 1] = values[j];
				j--;
			}
			values[j + 1] = value;
		}
	}

}
