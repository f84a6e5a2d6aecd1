package io.kvconnector.stats.mooncake;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One Mooncake store operation as vLLM records it (name, duration, keys, bytes, status
 * and failed keys), immutable, built with {@link #builder(String)} and validated only
 * when recorded.
 *
 * @author kvconnector-stats
 */
public final class MooncakeOperation {

	private final @Nullable String operation;

	private final double durationSeconds;

	private final long keys;

	private final long bytes;

	private final @Nullable String status;

	private final long failedKeys;

	MooncakeOperation(@Nullable String operation, double durationSeconds, long keys, long bytes,
			@Nullable String status, long failedKeys) {
		this.operation = operation;
		this.durationSeconds = durationSeconds;
		this.keys = keys;
		this.bytes = bytes;
		this.status = status;
		this.failedKeys = failedKeys;
	}

	/**
	 * Start building an operation with vLLM's defaults: no keys, no bytes, status
	 * {@code ok}, no failed keys. Its duration must be given: an operation built without
	 * one is rejected as an invalid duration when recorded, as is any other bad value,
	 * counted and never thrown.
	 * @param operation the operation name, such as {@code load_get}
	 * @return the builder
	 */
	public static Builder builder(@Nullable String operation) {
		return new Builder(operation);
	}

	/**
	 * Return the operation name.
	 * @return the name, such as {@code load_get}
	 */
	public @Nullable String operation() {
		return this.operation;
	}

	/**
	 * Return how long the operation took.
	 * @return the duration in seconds
	 */
	public double durationSeconds() {
		return this.durationSeconds;
	}

	/**
	 * Return the number of keys the operation touched.
	 * @return the keys
	 */
	public long keys() {
		return this.keys;
	}

	/**
	 * Return the number of bytes the operation moved.
	 * @return the bytes
	 */
	public long bytes() {
		return this.bytes;
	}

	/**
	 * Return the operation's status.
	 * @return the status, {@code ok} or {@code error} in vLLM
	 */
	public @Nullable String status() {
		return this.status;
	}

	/**
	 * Return the number of keys that failed.
	 * @return the failed keys
	 */
	public long failedKeys() {
		return this.failedKeys;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other
				|| (other instanceof MooncakeOperation that && Objects.equals(this.operation, that.operation)
						&& Double.compare(this.durationSeconds, that.durationSeconds) == 0 && this.keys == that.keys
						&& this.bytes == that.bytes && Objects.equals(this.status, that.status)
						&& this.failedKeys == that.failedKeys);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.operation, this.durationSeconds, this.keys, this.bytes, this.status, this.failedKeys);
	}

	@Override
	public String toString() {
		return "MooncakeOperation[operation=" + this.operation + ", durationSeconds=" + this.durationSeconds + ", keys="
				+ this.keys + ", bytes=" + this.bytes + ", status=" + this.status + ", failedKeys=" + this.failedKeys
				+ "]";
	}

	/**
	 * Builds {@link MooncakeOperation}s with setters that name what they set, so that no
	 * two counts can be swapped; not thread-safe, and reusable.
	 */
	public static final class Builder {

		private static final long MAX_NANO_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

		private final @Nullable String operation;

		private double durationSeconds = Double.NaN;

		private long keys;

		private long bytes;

		private @Nullable String status = MooncakeStoreConnectorStats.STATUS_OK;

		private long failedKeys;

		private Builder(@Nullable String operation) {
			this.operation = operation;
		}

		/**
		 * Set how long the operation took, in vLLM's unit.
		 * @param durationSeconds the duration in seconds, finite and at least 0
		 * @return this builder
		 */
		public Builder durationSeconds(double durationSeconds) {
			this.durationSeconds = durationSeconds;
			return this;
		}

		/**
		 * Set how long the operation took.
		 * @param duration the duration, not negative
		 * @return this builder
		 */
		public Builder duration(@Nullable Duration duration) {
			this.durationSeconds = (duration != null) ? seconds(duration) : Double.NaN;
			return this;
		}

		/**
		 * Set the number of keys the operation touched; 0 unless set.
		 * @param keys the keys, at least 0
		 * @return this builder
		 */
		public Builder keys(long keys) {
			this.keys = keys;
			return this;
		}

		/**
		 * Set the number of bytes the operation moved; 0 unless set.
		 * @param bytes the bytes, at least 0
		 * @return this builder
		 */
		public Builder bytes(long bytes) {
			this.bytes = bytes;
			return this;
		}

		/**
		 * Set the operation's status; {@code ok} unless set.
		 * @param status the status, {@code ok} or {@code error} in vLLM
		 * @return this builder
		 */
		public Builder status(@Nullable String status) {
			this.status = status;
			return this;
		}

		/**
		 * Set the number of keys that failed; 0 unless set.
		 * @param failedKeys the failed keys, at least 0
		 * @return this builder
		 */
		public Builder failedKeys(long failedKeys) {
			this.failedKeys = failedKeys;
			return this;
		}

		/**
		 * Build the operation.
		 * @return the operation
		 */
		public MooncakeOperation build() {
			return new MooncakeOperation(this.operation, this.durationSeconds, this.keys, this.bytes, this.status,
					this.failedKeys);
		}

		/**
		 * Build the operation of a timed call, leaving this builder as it is: status
		 * {@code ok} when it returned, {@code error} with every key failed when it threw.
		 */
		MooncakeOperation timed(double durationSeconds, boolean failed) {
			return failed
					? new MooncakeOperation(this.operation, durationSeconds, this.keys, this.bytes,
							MooncakeStoreConnectorStats.STATUS_ERROR, this.keys)
					: new MooncakeOperation(this.operation, durationSeconds, this.keys, this.bytes,
							MooncakeStoreConnectorStats.STATUS_OK, this.failedKeys);
		}

		/**
		 * Convert a duration to seconds with one rounding where it fits a long of
		 * nanoseconds, as a call timed with {@link System#nanoTime()} is; never throws.
		 */
		private static double seconds(Duration duration) {
			long seconds = duration.getSeconds();
			int nanos = duration.getNano();
			if (seconds > -MAX_NANO_SECONDS && seconds < MAX_NANO_SECONDS) {
				return (seconds * 1_000_000_000L + nanos) / 1e9;
			}
			return seconds + nanos / 1e9;
		}

	}

}
