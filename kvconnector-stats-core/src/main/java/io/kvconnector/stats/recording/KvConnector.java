package io.kvconnector.stats.recording;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;

/**
 * A KV connector whose stats are recorded per engine and interval, as the interval
 * rotation, the ingest and the {@code kvconnector} endpoint see it.
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
	 * Return every configured engine, in configuration order.
	 * @return the engines
	 */
	List<? extends KvConnectorEngine<S>> engines();

	/**
	 * Return a configured engine.
	 * @param engine the engine index
	 * @return the engine, or {@code null} when it is not configured
	 */
	@Nullable KvConnectorEngine<S> engine(int engine);

	/**
	 * Build stats from vLLM's wire format, validating all of it.
	 * @param data the decoded {@code data} dict
	 * @return the stats
	 * @throws InvalidStatsDataException naming the offending path within the data
	 */
	S fromData(Map<String, ?> data);

	/**
	 * Return where the connector counts what it refuses.
	 * @return the rejections
	 */
	SampleRejections rejections();

}
