package io.kvconnector.stats.recording;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.internal.WireReader;

/**
 * Takes in stats that vLLM workers ship in vLLM's wire format: reads a request as it
 * arrives, straight into the samples of a connector's stats, validates all of it, applies
 * it to an engine's current interval and meters only when all of it is valid, and counts
 * every refused request against its connector. Knows nothing of HTTP; the web stacks'
 * adapters hand it the body and answer with {@link IngestResult.Status}.
 *
 * @author kvconnector-stats
 */
public final class KvConnectorIngest {

	private static final String ENGINE = "engine";

	private static final String DATA = "data";

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
		try {
			return ingest(connector, () -> WireReader.of(json));
		}
		catch (IOException ex) {
			throw new IllegalStateException("reading a string failed", ex);
		}
	}

	/**
	 * Ingest a request {@code {"engine": 0, "data": {...}}} read from a stream as it
	 * arrives; {@code engine} may be omitted for the first configured engine. The stream
	 * is read up to the end of the request and not closed.
	 * @param connector the connector name
	 * @param body the request body, in UTF-8
	 * @return what became of it
	 * @throws IOException if reading the stream fails; nothing is applied then
	 */
	public IngestResult ingest(String connector, InputStream body) throws IOException {
		return ingest(connector, () -> WireReader.of(body));
	}

	private IngestResult ingest(String connector, Supplier<WireReader> body) throws IOException {
		KvConnector<?> found = this.connectors.get(connector);
		if (found == null) {
			return notFound(connector);
		}
		try (WireReader reader = body.get()) {
			return ingest(found, reader);
		}
		catch (InvalidStatsDataException ex) {
			found.rejections().rejectPayload();
			return new IngestResult(IngestResult.Status.BAD_REQUEST, ex.getPath(), ex.getReason());
		}
		catch (JacksonException ex) {
			IOException failure = WireReader.ioFailure(ex);
			if (failure != null) {
				throw failure;
			}
			found.rejections().rejectPayload();
			return new IngestResult(IngestResult.Status.BAD_REQUEST, "", "malformed JSON: " + ex.getOriginalMessage());
		}
	}

	private static <S extends KvConnectorStats<S>> IngestResult ingest(KvConnector<S> connector, WireReader reader) {
		reader.start();
		reader.beginObject();
		S incoming = null;
		KvConnectorEngine<S> engine = connector.engines().get(0);
		for (String name = reader.nextName(); name != null; name = reader.nextName()) {
			if (DATA.equals(name)) {
				incoming = connector.readData(reader);
			}
			else if (ENGINE.equals(name)) {
				engine = engine(connector, reader);
			}
			else {
				reader.skipValue();
			}
		}
		reader.end();
		if (incoming == null) {
			throw new InvalidStatsDataException(DATA, "expected an object but got nothing");
		}
		engine.apply(incoming);
		return IngestResult.applied();
	}

	private static <S extends KvConnectorStats<S>> KvConnectorEngine<S> engine(KvConnector<S> connector,
			WireReader reader) {
		if (reader.isNull()) {
			return connector.engines().get(0);
		}
		int index = (int) reader.integer(Integer.MAX_VALUE);
		KvConnectorEngine<S> engine = connector.engine(index);
		if (engine == null) {
			throw new InvalidStatsDataException(ENGINE, "engine " + index + " is not configured (kvconnector.engines)");
		}
		return engine;
	}

	/**
	 * Refuse a request whose body cannot be read as stats, counting it against the
	 * connector.
	 * @param connector the connector name
	 * @param status why, {@link IngestResult.Status#CONTENT_TOO_LARGE},
	 * {@link IngestResult.Status#UNSUPPORTED_MEDIA_TYPE} or
	 * {@link IngestResult.Status#SERVICE_UNAVAILABLE}
	 * @param message what is wrong
	 * @return the refusal, or a not-found result for an unknown connector
	 */
	public IngestResult refuse(String connector, IngestResult.Status status, String message) {
		KvConnector<?> found = this.connectors.get(connector);
		if (found == null) {
			return notFound(connector);
		}
		if (status == IngestResult.Status.SERVICE_UNAVAILABLE) {
			found.rejections().rejectOverloaded();
		}
		else {
			found.rejections().rejectPayload();
		}
		return new IngestResult(status, "", message);
	}

	private static IngestResult notFound(String connector) {
		return new IngestResult(IngestResult.Status.NOT_FOUND, "connector", "no connector named '" + connector + "'");
	}

}
