package io.kvconnector.stats.recording;

import java.util.List;
import java.util.Map;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import org.jspecify.annotations.Nullable;

/**
 * A KV connector whose stats are recorded per engine and interval, as seen by the
 * interval rotation and the {@code kvconnector} endpoint.
 *
 * @param <S> the stats type
 * @author kvconnector-stats
 */
public interface KvConnector<S extends KvConnectorStats<S>> {

	/**
	 * Return the connector name, such as {@code nixl}.
	 * @return the name
	 */
	String name();

	/**
	 * Return the intervals of every configured engine, in configuration order.
	 * @return the engine intervals
	 */
	List<EngineInterval<S>> engines();

	/**
	 * Validate stats data in vLLM's wire format and, when all of it is valid, add it to
	 * an engine's current interval and to the meters, as vLLM's {@code observe} does.
	 * Nothing is applied when anything is invalid.
	 * @param engine the engine index, or {@code null} for the first configured engine
	 * @param data the decoded {@code data} dict
	 * @throws InvalidStatsDataException naming the offending path, relative to the
	 * request ({@code engine}, {@code data.transfer_duration[3]})
	 */
	void ingest(@Nullable Integer engine, Map<String, ?> data);

	/**
	 * Return the failure totals of an interval's stats, for connectors that keep failure
	 * counters.
	 * @param stats the interval's stats
	 * @return the sums of the failure lists by wire-format name, or {@code null} when the
	 * connector has none
	 */
	default @Nullable Map<String, Long> failures(S stats) {
		return null;
	}

	/**
	 * Count an ingest request rejected before it reached {@link #ingest}: malformed JSON,
	 * a bad {@code engine} or {@code data}, an oversized or non-JSON body.
	 */
	default void rejectPayload() {
	}

	/**
	 * Called after all engines were rotated.
	 */
	default void intervalsRotated() {
	}

}
