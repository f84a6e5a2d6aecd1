package io.kvconnector.stats.recording;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.internal.WireReader;

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
	 * Build stats from vLLM's wire format, validating all of it as it is read.
	 * @param data the reader, at the {@code data} dict
	 * @return the stats, not yet in any interval
	 * @throws InvalidStatsDataException naming the offending path
	 */
	S readData(WireReader data);

	/**
	 * Build stats from vLLM's wire format, decoded, validating all of it.
	 * @param data the decoded {@code data} dict
	 * @return the stats, not yet in any interval
	 * @throws InvalidStatsDataException naming the offending path within the data
	 */
	default S fromData(Map<String, ?> data) {
		return WireReader.read(data, this::readData);
	}

	/**
	 * Return where the connector counts what it refuses.
	 * @return the rejections
	 */
	SampleRejections rejections();

}
