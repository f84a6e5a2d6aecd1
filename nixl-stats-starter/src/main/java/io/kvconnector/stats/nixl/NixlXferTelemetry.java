package io.kvconnector.stats.nixl;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The telemetry of one NIXL KV transfer, as vLLM receives it in
 * {@code nixlXferTelemetry}, built with setters that name their unit and validated only
 * when it is recorded.
 *
 * @author kvconnector-stats
 */
public final class NixlXferTelemetry {

	private static final long MICROS_PER_SECOND = 1_000_000;

	private static final long MAX_SECONDS = Long.MAX_VALUE / MICROS_PER_SECOND;

	private final long xferDurationMicros;

	private final long postDurationMicros;

	private final long totalBytes;

	private final long descCount;

	private final double xferDurationSeconds;

	private final double postDurationSeconds;

	private NixlXferTelemetry(Builder builder) {
		this.xferDurationMicros = builder.xferDurationMicros;
		this.postDurationMicros = builder.postDurationMicros;
		this.totalBytes = builder.totalBytes;
		this.descCount = builder.descCount;
		// divided once here, for the interval and every registry's meters
		this.xferDurationSeconds = this.xferDurationMicros / 1e6;
		this.postDurationSeconds = this.postDurationMicros / 1e6;
	}

	/**
	 * Start building a telemetry whose values are all zero.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the transfer duration in microseconds (NIXL's {@code xferDuration}).
	 * @return the transfer duration in microseconds
	 */
	public long xferDurationMicros() {
		return this.xferDurationMicros;
	}

	/**
	 * Return the post duration in microseconds (NIXL's {@code postDuration}).
	 * @return the post duration in microseconds
	 */
	public long postDurationMicros() {
		return this.postDurationMicros;
	}

	/**
	 * Return the bytes transferred (NIXL's {@code totalBytes}).
	 * @return the byte count
	 */
	public long totalBytes() {
		return this.totalBytes;
	}

	/**
	 * Return the descriptor count (NIXL's {@code descCount}).
	 * @return the descriptor count
	 */
	public long descCount() {
		return this.descCount;
	}

	/**
	 * Return the transfer duration in seconds, as vLLM stores it: {@code micros / 1e6}, a
	 * division, since multiplying by {@code 1e-6} rounds differently.
	 * @return {@code xferDurationMicros() / 1e6}
	 */
	public double xferDurationSeconds() {
		return this.xferDurationSeconds;
	}

	/**
	 * Return the post duration in seconds, as vLLM stores it.
	 * @return {@code postDurationMicros() / 1e6}
	 */
	public double postDurationSeconds() {
		return this.postDurationSeconds;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return this == obj
				|| (obj instanceof NixlXferTelemetry other && this.xferDurationMicros == other.xferDurationMicros
						&& this.postDurationMicros == other.postDurationMicros && this.totalBytes == other.totalBytes
						&& this.descCount == other.descCount);
	}

	@Override
	public int hashCode() {
		int hash = Long.hashCode(this.xferDurationMicros);
		hash = 31 * hash + Long.hashCode(this.postDurationMicros);
		hash = 31 * hash + Long.hashCode(this.totalBytes);
		return 31 * hash + Long.hashCode(this.descCount);
	}

	@Override
	public String toString() {
		return "NixlXferTelemetry[xferDurationMicros=" + this.xferDurationMicros + ", postDurationMicros="
				+ this.postDurationMicros + ", totalBytes=" + this.totalBytes + ", descCount=" + this.descCount + "]";
	}

	/**
	 * Whole microseconds of a duration, rounded toward negative infinity and saturated
	 * beyond what a {@code long} holds; {@code null} is a negative duration.
	 */
	private static long toMicros(@Nullable Duration duration) {
		if (duration == null) {
			return Long.MIN_VALUE;
		}
		long seconds = duration.getSeconds();
		if (seconds >= MAX_SECONDS) {
			return Long.MAX_VALUE;
		}
		if (seconds < -MAX_SECONDS) {
			return Long.MIN_VALUE;
		}
		return seconds * MICROS_PER_SECOND + duration.getNano() / 1000;
	}

	/**
	 * Builds a {@link NixlXferTelemetry}; every value starts at zero.
	 */
	public static final class Builder {

		private long xferDurationMicros;

		private long postDurationMicros;

		private long totalBytes;

		private long descCount;

		private Builder() {
		}

		/**
		 * Set the transfer duration in microseconds (NIXL's {@code xferDuration}).
		 * @param micros the transfer duration in microseconds
		 * @return this builder
		 */
		public Builder xferDurationMicros(long micros) {
			this.xferDurationMicros = micros;
			return this;
		}

		/**
		 * Set the transfer duration, taken to whole microseconds toward negative
		 * infinity: NIXL's integer telemetry never carries the sub-microsecond part, so
		 * {@code xferDuration(Duration.ofMillis(2))} records exactly what
		 * {@code xferDurationMicros(2000)} records, and a negative duration stays
		 * negative (and is rejected when recorded). Beyond what a {@code long} of
		 * microseconds holds the value saturates; {@code null} records as an invalid
		 * duration.
		 * @param duration the transfer duration
		 * @return this builder
		 */
		public Builder xferDuration(@Nullable Duration duration) {
			this.xferDurationMicros = toMicros(duration);
			return this;
		}

		/**
		 * Set the post duration in microseconds (NIXL's {@code postDuration}).
		 * @param micros the post duration in microseconds
		 * @return this builder
		 */
		public Builder postDurationMicros(long micros) {
			this.postDurationMicros = micros;
			return this;
		}

		/**
		 * Set the post duration, taken to whole microseconds as
		 * {@link #xferDuration(Duration)} takes it; {@code null} records as an invalid
		 * duration.
		 * @param duration the post duration
		 * @return this builder
		 */
		public Builder postDuration(@Nullable Duration duration) {
			this.postDurationMicros = toMicros(duration);
			return this;
		}

		/**
		 * Set the bytes transferred (NIXL's {@code totalBytes}).
		 * @param bytes the byte count
		 * @return this builder
		 */
		public Builder totalBytes(long bytes) {
			this.totalBytes = bytes;
			return this;
		}

		/**
		 * Set the descriptor count (NIXL's {@code descCount}), at most {@code 2^32 - 1}.
		 * @param count the descriptor count
		 * @return this builder
		 */
		public Builder descCount(long count) {
			this.descCount = count;
			return this;
		}

		/**
		 * Build the telemetry; never throws: invalid values are rejected, counted and
		 * warned about when the telemetry is recorded.
		 * @return the telemetry
		 */
		public NixlXferTelemetry build() {
			return new NixlXferTelemetry(this);
		}

	}

}
