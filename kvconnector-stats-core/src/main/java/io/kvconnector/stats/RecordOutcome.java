package io.kvconnector.stats;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of recording one sample: kept, dropped by the capacity bound, or rejected as
 * invalid.
 *
 * @author kvconnector-stats
 */
public enum RecordOutcome {

	/**
	 * The sample was kept in the interval.
	 */
	RECORDED(null),

	/**
	 * The sample was valid but the interval was full; it still belongs in the meters.
	 */
	DROPPED(null),

	/**
	 * A duration was negative or not finite.
	 */
	INVALID_DURATION("invalid_duration"),

	/**
	 * A count or byte total was negative.
	 */
	NEGATIVE_COUNT("negative_count"),

	/**
	 * A descriptor count was outside {@code [0, 2^32 - 1]}.
	 */
	DESCRIPTORS_OUT_OF_RANGE("descriptors_out_of_range"),

	/**
	 * An operation name was null, blank, too long or held control characters.
	 */
	INVALID_OPERATION("invalid_operation"),

	/**
	 * A status was null, blank, too long or held control characters.
	 */
	INVALID_STATUS("invalid_status"),

	/**
	 * The engine index was not one of {@code kvconnector.engines}.
	 */
	UNKNOWN_ENGINE("unknown_engine");

	private final @Nullable String reason;

	RecordOutcome(@Nullable String reason) {
		this.reason = reason;
	}

	/**
	 * Return whether the sample was rejected as invalid.
	 * @return whether this outcome is a rejection
	 */
	public boolean isRejected() {
		return this.reason != null;
	}

	/**
	 * Return the {@code reason} tag value of a rejection.
	 * @return the reason, or {@code null} when the sample was not rejected
	 */
	public @Nullable String reason() {
		return this.reason;
	}

}
