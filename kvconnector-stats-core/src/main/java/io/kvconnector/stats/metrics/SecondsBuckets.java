package io.kvconnector.stats.metrics;

import java.time.Duration;
import java.util.Arrays;

/**
 * Bucket bounds in seconds for a Micrometer {@code Timer} that places every value exactly
 * as Prometheus' Python client does: in the first bucket whose bound satisfies
 * {@code value <= bound} in double arithmetic.
 * <p>
 * A {@code DistributionSummary} places values by {@code Math.ceil(value)}, and a
 * nanosecond {@code Timer} compares whole nanoseconds, so neither alone agrees with vLLM
 * one ulp around a bound; this type picks, for each value, the nanosecond count nearest
 * to it that falls in vLLM's bucket.
 *
 * @author kvconnector-stats
 */
public final class SecondsBuckets {

	private static final int FILTER_MASK = 63;

	private final double[] bounds;

	private final long[] boundNanos;

	private final Duration[] serviceLevelObjectives;

	/**
	 * Bit {@code n & 4095} is set when some bound is {@code n} nanoseconds, so a clear
	 * bit proves {@code n} is no bound.
	 */
	private final long[] onBoundFilter = new long[FILTER_MASK + 1];

	private SecondsBuckets(double[] bounds) {
		this.bounds = bounds.clone();
		this.boundNanos = new long[bounds.length];
		this.serviceLevelObjectives = new Duration[bounds.length];
		for (int i = 0; i < bounds.length; i++) {
			if (i > 0 && !(bounds[i] > bounds[i - 1])) {
				throw new IllegalArgumentException("bounds must be strictly increasing: " + Arrays.toString(bounds));
			}
			this.boundNanos[i] = Math.round(bounds[i] * 1e9);
			if (this.boundNanos[i] / 1e9 != bounds[i]) {
				throw new IllegalArgumentException("bound " + bounds[i] + " is not a whole number of nanoseconds");
			}
			this.serviceLevelObjectives[i] = Duration.ofNanos(this.boundNanos[i]);
			this.onBoundFilter[(int) (this.boundNanos[i] >>> 6) & FILTER_MASK] |= 1L << this.boundNanos[i];
		}
	}

	/**
	 * Create bucket bounds.
	 * @param bounds the upper bounds in seconds, strictly increasing, each a whole number
	 * of nanoseconds
	 * @return the buckets
	 */
	public static SecondsBuckets of(double... bounds) {
		return new SecondsBuckets(bounds);
	}

	/**
	 * Return the bounds as service-level objectives for a {@code Timer}.
	 * @return the bounds as durations
	 */
	public Duration[] serviceLevelObjectives() {
		return this.serviceLevelObjectives.clone();
	}

	/**
	 * Convert a duration in seconds to the nanoseconds to record: within a nanosecond of
	 * the value, and in the bucket vLLM would count it in.
	 * @param seconds a finite duration of zero or more seconds
	 * @return the nanoseconds to record
	 */
	public long toNanos(double seconds) {
		long nanos = Math.round(seconds * 1e9);
		// rounding never decreases as seconds grows, so a value leaves vLLM's bucket only
		// by rounding down onto a bound from above; the filter rules that out for most
		// values
		if ((this.onBoundFilter[(int) (nanos >>> 6) & FILTER_MASK] & (1L << nanos)) == 0) {
			return nanos;
		}
		for (int i = 0; i < this.boundNanos.length; i++) {
			if (this.boundNanos[i] == nanos) {
				return (seconds > this.bounds[i]) ? nanos + 1 : nanos;
			}
		}
		return nanos;
	}

}
