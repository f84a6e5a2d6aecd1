package io.kvconnector.stats.actuate.endpoint;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.StatsJson;
import io.kvconnector.stats.internal.WireFormat;
import io.kvconnector.stats.recording.EngineInterval;
import io.kvconnector.stats.recording.KvConnector;

/**
 * {@code /actuator/kvconnector}: vLLM's {@code reduce()} of every connector and engine,
 * for the current and the last closed interval; clearing of the current intervals; and
 * ingest of stats shipped in vLLM's wire format.
 *
 * @author kvconnector-stats
 */
@WebEndpoint(id = "kvconnector", defaultAccess = Access.READ_ONLY)
public class KvConnectorEndpoint {

	private final Map<String, KvConnector<?>> connectors;

	private final Duration logInterval;

	/**
	 * Create the endpoint.
	 * @param connectors the recorded connectors, in output order
	 * @param logInterval the interval length
	 */
	public KvConnectorEndpoint(List<? extends KvConnector<?>> connectors, Duration logInterval) {
		Map<String, KvConnector<?>> byName = new LinkedHashMap<>();
		connectors.forEach((connector) -> byName.put(connector.name(), connector));
		this.connectors = Collections.unmodifiableMap(byName);
		this.logInterval = logInterval;
	}

	/**
	 * Describe every connector.
	 * @return the connectors' intervals
	 */
	@ReadOperation
	public KvConnectorsDescriptor connectors() {
		Map<String, ConnectorDescriptor> descriptors = new LinkedHashMap<>();
		this.connectors.forEach((name, connector) -> descriptors.put(name, describe(connector)));
		return new KvConnectorsDescriptor(this.logInterval.toString(), descriptors);
	}

	/**
	 * Describe one connector.
	 * @param connector the connector name
	 * @return its intervals, or {@code null} (404) when there is no such connector
	 */
	@ReadOperation
	public @Nullable ConnectorDescriptor connector(@Selector String connector) {
		KvConnector<?> found = this.connectors.get(connector);
		return (found != null) ? describe(found) : null;
	}

	/**
	 * Add stats in vLLM's wire format to an engine's current interval and to the meters;
	 * nothing is applied unless the whole request is valid. Served over HTTP as
	 * {@code POST} by {@link KvConnectorIngestHandler}, since actuator write operations
	 * only bind flat bodies.
	 * @param connector the connector name
	 * @param json the request body: {@code {"engine": 0, "data": {...}}}, {@code engine}
	 * optional
	 * @return {@code null} when applied, else the error (400 naming the offending path,
	 * 404 for an unknown connector)
	 */
	public @Nullable ErrorDescriptor ingest(String connector, String json) {
		KvConnector<?> found = this.connectors.get(connector);
		if (found == null) {
			return notFound(connector);
		}
		Map<String, ?> request;
		try {
			request = StatsJson.read(json);
		}
		catch (InvalidStatsDataException ex) {
			found.rejectPayload();
			return badRequest(ex);
		}
		return ingest(found, request);
	}

	private static @Nullable ErrorDescriptor ingest(KvConnector<?> connector, Map<String, ?> request) {
		Integer engine;
		Map<String, ?> data;
		try {
			Object engineValue = request.get("engine");
			engine = (engineValue != null) ? (int) WireFormat.integer(engineValue, "engine", Integer.MAX_VALUE) : null;
			data = WireFormat.object(request.get("data"), "data");
		}
		catch (InvalidStatsDataException ex) {
			connector.rejectPayload();
			return badRequest(ex);
		}
		try {
			connector.ingest(engine, data);
			return null;
		}
		catch (InvalidStatsDataException ex) {
			return badRequest(ex);
		}
	}

	/**
	 * Refuse an ingest request whose body cannot be read as stats, counting it against
	 * the connector.
	 * @param connector the connector name
	 * @param status the HTTP status, 413 or 415
	 * @param error the status reason
	 * @param message what is wrong
	 * @return the error, or a 404 for an unknown connector
	 */
	public ErrorDescriptor refuse(String connector, int status, String error, String message) {
		KvConnector<?> found = this.connectors.get(connector);
		if (found == null) {
			return notFound(connector);
		}
		found.rejectPayload();
		return new ErrorDescriptor(status, error, "", message);
	}

	/**
	 * Describe a request body that is not valid JSON stats data.
	 * @param ex what is wrong
	 * @return a 400 error naming the offending path
	 */
	public static ErrorDescriptor badRequest(InvalidStatsDataException ex) {
		return new ErrorDescriptor(400, "Bad Request", ex.getPath(), ex.getReason());
	}

	/**
	 * Empty the current intervals of a connector; the meters keep their values.
	 * @param connector the connector name
	 * @return 204 when cleared, 404 for an unknown connector
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> clear(@Selector String connector) {
		KvConnector<?> found = this.connectors.get(connector);
		if (found == null) {
			return new WebEndpointResponse<>(notFound(connector), WebEndpointResponse.STATUS_NOT_FOUND);
		}
		found.engines().forEach(EngineInterval::clear);
		return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
	}

	private static ErrorDescriptor notFound(String connector) {
		return new ErrorDescriptor(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", "connector",
				"no connector named '" + connector + "'");
	}

	private static <S extends KvConnectorStats<S>> ConnectorDescriptor describe(KvConnector<S> connector) {
		Map<String, EngineDescriptor> engines = new LinkedHashMap<>();
		for (EngineInterval<S> engine : connector.engines()) {
			EngineDescriptor descriptor = engine.read(
					(start, current, last) -> new EngineDescriptor(describe(connector, start.toString(), null, current),
							(last != null)
									? describe(connector, last.start().toString(), last.end().toString(), last.stats())
									: null));
			engines.put(String.valueOf(engine.engine()), descriptor);
		}
		return new ConnectorDescriptor(engines);
	}

	private static <S extends KvConnectorStats<S>> IntervalDescriptor describe(KvConnector<S> connector, String start,
			@Nullable String end, S stats) {
		Map<String, Object> reduced = new LinkedHashMap<>();
		stats.reduce().forEach((key, value) -> reduced.put(key, jsonValue(value)));
		return new IntervalDescriptor(start, end, reduced, stats.droppedSamples(), connector.failures(stats));
	}

	private static Object jsonValue(Number value) {
		if (value instanceof Double number && !Double.isFinite(number)) {
			return Double.isNaN(number) ? "nan" : ((number > 0) ? "inf" : "-inf");
		}
		return value;
	}

	/**
	 * Every connector.
	 *
	 * @param logInterval the interval length, ISO-8601
	 * @param connectors the connectors by name
	 */
	public record KvConnectorsDescriptor(String logInterval, Map<String, ConnectorDescriptor> connectors) {

	}

	/**
	 * One connector.
	 *
	 * @param engines its engines by index
	 */
	public record ConnectorDescriptor(Map<String, EngineDescriptor> engines) {

	}

	/**
	 * One engine of a connector.
	 *
	 * @param current the current interval
	 * @param lastInterval the last closed interval, {@code null} before the first
	 */
	public record EngineDescriptor(IntervalDescriptor current,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable IntervalDescriptor lastInterval) {

	}

	/**
	 * One interval of an engine.
	 *
	 * @param start when it began, ISO-8601
	 * @param end when it was closed, ISO-8601; absent for the current interval
	 * @param stats vLLM's {@code reduce()}, non-finite values as {@code "inf"},
	 * {@code "-inf"}, {@code "nan"}
	 * @param droppedSamples samples beyond {@code kvconnector.max-samples-per-interval}
	 * @param failures sums of the failure lists, for connectors that have them
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record IntervalDescriptor(String start, @Nullable String end, Map<String, Object> stats, long droppedSamples,
			@Nullable Map<String, Long> failures) {

	}

	/**
	 * The body of a rejected request.
	 *
	 * @param status the HTTP status
	 * @param error the status reason
	 * @param path the offending path, such as {@code data.transfer_duration[3]}
	 * @param message what is wrong there
	 */
	public record ErrorDescriptor(int status, String error, String path, String message) {

	}

}
