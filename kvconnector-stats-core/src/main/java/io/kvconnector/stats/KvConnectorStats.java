package io.kvconnector.stats;

import java.util.Map;

/**
 * Contract shared by the stats of every KV connector, mirroring vLLM's
 * {@code KVConnectorStats}.
 *
 * @param <S> the concrete stats type
 * @author kvconnector-stats
 */
public interface KvConnectorStats<S extends KvConnectorStats<S>> {

	/**
	 * Return a snapshot of the stats in vLLM's wire format (the {@code data} dict).
	 * @return an ordered, independent copy of the data
	 */
	Map<String, ?> data();

	/**
	 * Return whether vLLM would consider these stats empty (nothing worth logging).
	 * @return whether the stats are empty
	 */
	boolean isEmpty();

	/**
	 * Append the samples of {@code other} to these stats, as vLLM's {@code aggregate};
	 * samples beyond the capacity bound are dropped, counted in {@link #droppedSamples()}
	 * and reported to the stats' {@link SampleDropListener}.
	 * @param other the stats to merge in; left unchanged
	 * @return these stats
	 */
	S aggregate(S other);

	/**
	 * Atomically move every sample recorded so far into a new instance and empty this
	 * one: each sample lands in exactly one of the two.
	 * @return the closed interval
	 */
	S cloneAndReset();

	/**
	 * Atomically move every sample recorded so far into {@code spare} and empty this
	 * instance, as {@link #cloneAndReset()} does, reusing the storage of {@code spare}
	 * instead of allocating: steady rotation then allocates next to nothing.
	 * @param spare an interval closed earlier by this instance that nobody reads any
	 * more; its samples are discarded
	 * @return the closed interval: {@code spare}, or a new instance when {@code spare}
	 * cannot be reused
	 */
	S cloneAndResetInto(S spare);

	/**
	 * Discard every sample, giving the storage back for reuse by the stats this instance
	 * was cloned from (or by its later clones).
	 */
	void reset();

	/**
	 * Reduce the stats to vLLM's compact summary, bit for bit.
	 * @return an ordered map of vLLM's keys to integers and doubles
	 */
	Map<String, Number> reduce();

	/**
	 * Return how many samples were refused because the stats were full.
	 * @return the number of samples dropped by the capacity bound
	 */
	long droppedSamples();

}
