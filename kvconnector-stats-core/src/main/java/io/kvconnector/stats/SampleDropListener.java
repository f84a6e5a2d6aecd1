package io.kvconnector.stats;

/**
 * Told about samples that bounded stats refuse because their interval is full, whether
 * they were recorded or aggregated; the recorders count them in
 * {@code kvconnector_dropped_samples_total}.
 *
 * @author kvconnector-stats
 */
@FunctionalInterface
public interface SampleDropListener {

	/**
	 * A listener that ignores drops.
	 */
	SampleDropListener NONE = (count) -> {
	};

	/**
	 * Called after samples were dropped; must not throw and should be cheap.
	 * @param count how many samples were dropped, at least 1
	 */
	void dropped(long count);

}
