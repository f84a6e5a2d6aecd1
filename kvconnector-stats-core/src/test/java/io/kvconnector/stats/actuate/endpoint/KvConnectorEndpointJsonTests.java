package io.kvconnector.stats.actuate.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.IngestResult.Status;
import io.kvconnector.stats.testconnector.TestConnector;
import io.kvconnector.stats.testconnector.TestMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the JSON of {@link KvConnectorEndpoint}'s descriptors is the same whichever
 * mapper writes it: actuator's isolated one, or an application's with a naming strategy
 * and a default inclusion of its own.
 *
 * @author kvconnector-stats
 */
class KvConnectorEndpointJsonTests {

	private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

	private final TestConnector connector;

	private final KvConnectorEndpoint endpoint;

	KvConnectorEndpointJsonTests() {
		TestMetrics metrics = new TestMetrics();
		metrics.bindTo(new SimpleMeterRegistry());
		this.connector = new TestConnector(List.of(0, 1), 10, metrics, Clock.fixed(START, ZoneOffset.UTC));
		this.endpoint = new KvConnectorEndpoint(List.of(this.connector), Duration.ofSeconds(10));
	}

	static Stream<Named<JsonMapper>> mappers() {
		return Stream.of(
				Named.of("actuator's isolated mapper",
						JsonMapper.builder()
							.changeDefaultPropertyInclusion((value) -> value.withValueInclusion(Include.NON_NULL)
								.withContentInclusion(Include.NON_NULL))
							.build()),
				Named.of("snake case, non-null",
						JsonMapper.builder()
							.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
							.changeDefaultPropertyInclusion((value) -> value.withValueInclusion(Include.NON_NULL))
							.build()),
				Named.of("kebab case, non-empty",
						JsonMapper.builder()
							.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
							.changeDefaultPropertyInclusion((value) -> value.withValueInclusion(Include.NON_EMPTY))
							.build()));
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void connectorsKeepTheirNamesAndNullMembers(JsonMapper mapper) {
		this.connector.record(1, 0.5);
		this.connector.engines().get(1).interval().rotate();
		String interval = "{\"start\":\"2026-01-02T03:04:05Z\",\"stats\":{\"count\":0,\"total\":0.0},\"droppedSamples\":0}";
		String closed = "{\"start\":\"2026-01-02T03:04:05Z\",\"end\":\"2026-01-02T03:04:05Z\","
				+ "\"stats\":{\"count\":1,\"total\":0.5},\"droppedSamples\":0}";
		assertThat(mapper.writeValueAsString(this.endpoint.connectors()))
			.isEqualTo("{\"logInterval\":\"PT10S\",\"connectors\":{\"test\":{\"engines\":{\"0\":{\"current\":"
					+ interval + ",\"lastInterval\":null},\"1\":{\"current\":" + interval + ",\"lastInterval\":"
					+ closed + "}}}}}");
	}

	@ParameterizedTest
	@MethodSource("mappers")
	void errorsKeepTheirNamesAndEmptyPath(JsonMapper mapper) {
		KvConnectorEndpoint.ErrorDescriptor error = KvConnectorEndpoint.ErrorDescriptor
			.of(new IngestResult(Status.CONTENT_TOO_LARGE, "", "too large"));
		assertThat(mapper.writeValueAsString(error))
			.isEqualTo("{\"status\":413,\"error\":\"Content Too Large\",\"path\":\"\",\"message\":\"too large\"}");
	}

}
