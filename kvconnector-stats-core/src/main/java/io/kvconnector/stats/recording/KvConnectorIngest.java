package io.kvconnector.stats.recording;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.StatsJson;
import io.kvconnector.stats.internal.WireFormat;

/**
 * Takes in stats that vLLM workers ship in vLLM's wire format: validates a whole request,
 * applies it to an engine's current interval and meters only when all of it is valid, and
 * counts every refused request against its connector. Knows nothing of HTTP; the web
 * stacks' adapters read the body and answer with {@link IngestResult.Status}.
 *
 * @author kvconnector-stats
 */
public final class KvConnectorIngest {

	private final Map<String, KvConnector<?>> connectors;

	/**
	 * Create the ingest of some connectors.
	 * @param connectors the connectors
	 */
	public KvConnectorIngest(List<? extends KvConnector<?>> connectors) {
		Map<String, KvConnector<?>> byName = new LinkedHashMap<>();
		connectors.forEach((connector) -> byName.put(connector.name(), connector));
		this.connectors = Collections.unmodifiableMap(byName);
	}

	/**
	 * Ingest a request {@code {"engine": 0, "data": {...}}}; {@code engine} may be
	 * omitted for the first configured engine.
	 * @param connector the connector name
	 * @param json the request body
	 * @return what became of it
	 */
	public IngestResult ingest(String connector, String json) {
		KvConnector<?> found = this.connectors.get(connector);
		if (found == null) {
			return notFound(connector);
		}
		try {
			return ingest(found, StatsJson.read(json));
		}
		catch (InvalidStatsDataException ex) {
			found.rejections().rejectPayload();
			return new IngestResult(IngestResult.Status.BAD_REQUEST, ex.getPath(), ex.getReason());
		}
	}

	private static <S extends KvConnectorStats<S>> IngestResult ingest(KvConnector<S> connector,
			Map<String, ?> request) {
		KvConnectorEngine<S> engine = engine(connector, request.get("engine"));
		Map<String, ?> data = WireFormat.object(request.get("data"), "data");
		S incoming;
		try {
			incoming = connector.fromData(data);
		}
		catch (InvalidStatsDataException ex) {
			throw ex.withPrefix("data");
		}
		engine.apply(incoming);
		return IngestResult.applied();
	}

	private static <S extends KvConnectorStats<S>> KvConnectorEngine<S> engine(KvConnector<S> connector,
			@Nullable Object value) {
		if (value == null) {
			return connector.engines().get(0);
		}
		int index = (int) WireFormat.integer(value, "engine", Integer.MAX_VALUE);
		KvConnectorEngine<S> engine = connector.engine(index);
		if (engine == null) {
			throw new InvalidStatsDataException("engine",
					"engine " + index + " is not configured (kvconnector.engines)");
		}
		return engine;
	}

	/**
	 * Refuse a request whose body cannot be read as stats, counting it against the
	 * connector.
	 * @param connector the connector name
	 * @param status why, {@link IngestResult.Status#CONTENT_TOO_LARGE} or
	 * {@link IngestResult.Status#UNSUPPORTED_MEDIA_TYPE}
	 * @param message what is wrong
	 * @return the refusal, or a not-found result for an unknown connector
	 */
	public IngestResult refuse(String connector, IngestResult.Status status, String message) {
		KvConnector<?> found = this.connectors.get(connector);
		if (found == null) {
			return notFound(connector);
		}
		found.rejections().rejectPayload();
		return new IngestResult(status, "", message);
	}

	private static IngestResult notFound(String connector) {
		return new IngestResult(IngestResult.Status.NOT_FOUND, "connector", "no connector named '" + connector + "'");
	}

}
