package io.kvconnector.stats.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

import io.kvconnector.stats.recording.ClosedInterval;
import io.kvconnector.stats.recording.EngineSnapshot;
import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.IntervalSummary;
import io.kvconnector.stats.recording.KvConnector;
import io.kvconnector.stats.recording.KvConnectorEngine;

/**
 * {@code /actuator/kvconnector}: vLLM's {@code reduce()} of every connector and engine,
 * for the current and the last closed interval, and clearing of the current intervals.
 * Ingest ({@code POST}) is served by each web stack's adapter over
 * {@link io.kvconnector.stats.recording.KvConnectorIngest}, since actuator write
 * operations only bind flat bodies. The descriptors are {@link OperationResponseBody}s,
 * so actuator writes them with its own JSON mapper whatever the application's Jackson
 * settings. With {@code management.endpoints.jackson.isolated-json-mapper=false} the
 * application's mapper writes them, as it writes Boot's own endpoints then; their member
 * names and null members are pinned by annotations so that a naming strategy or a default
 * inclusion still cannot change them, and dates are strings already.
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
		found.engines().forEach((engine) -> engine.interval().clear());
		return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
	}

	private static ErrorDescriptor notFound(String connector) {
		return ErrorDescriptor
			.of(new IngestResult(IngestResult.Status.NOT_FOUND, "connector", "no connector named '" + connector + "'"));
	}

	private static ConnectorDescriptor describe(KvConnector<?> connector) {
		Map<String, EngineDescriptor> engines = new LinkedHashMap<>();
		for (KvConnectorEngine<?> engine : connector.engines()) {
			EngineSnapshot snapshot = engine.interval().snapshot();
			ClosedInterval last = snapshot.last();
			engines.put(String.valueOf(snapshot.engine()),
					new EngineDescriptor(describe(snapshot.start(), null, snapshot.current()),
							(last != null) ? describe(last.start(), last.end(), last.summary()) : null));
		}
		return new ConnectorDescriptor(engines);
	}

	private static IntervalDescriptor describe(Instant start, @Nullable Instant end, IntervalSummary summary) {
		Map<String, Object> reduced = new LinkedHashMap<>();
		summary.stats().forEach((key, value) -> reduced.put(key, jsonValue(value)));
		return new IntervalDescriptor(start.toString(), (end != null) ? end.toString() : null, reduced,
				summary.droppedSamples(), summary.failures());
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
	@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record KvConnectorsDescriptor(String logInterval,
			Map<String, ConnectorDescriptor> connectors) implements OperationResponseBody {

	}

	/**
	 * One connector.
	 *
	 * @param engines its engines by index
	 */
	@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record ConnectorDescriptor(Map<String, EngineDescriptor> engines) implements OperationResponseBody {

	}

	/**
	 * One engine of a connector.
	 *
	 * @param current the current interval
	 * @param lastInterval the last closed interval, {@code null} before the first
	 */
	@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record EngineDescriptor(IntervalDescriptor current,
			@Nullable IntervalDescriptor lastInterval) implements OperationResponseBody {

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
	@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record IntervalDescriptor(String start, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String end,
			Map<String, Object> stats, long droppedSamples,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, Long> failures)
			implements
				OperationResponseBody {

	}

	/**
	 * The body of a rejected request.
	 *
	 * @param status the HTTP status
	 * @param error the status reason
	 * @param path the offending path, such as {@code data.transfer_duration[3]}
	 * @param message what is wrong there
	 */
	@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record ErrorDescriptor(int status, String error, String path,
			String message) implements OperationResponseBody {

		/**
		 * Describe a refused ingest request.
		 * @param result the refusal
		 * @return its body
		 */
		public static ErrorDescriptor of(IngestResult result) {
			return new ErrorDescriptor(result.status().httpStatus(), result.status().reasonPhrase(), result.path(),
					result.message());
		}

	}

}
