package io.kvconnector.stats.actuate.endpoint;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.testconnector.TestConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link KvConnectorEndpoint} with the test connector, on Spring
 * MVC and WebFlux.
 *
 * @author kvconnector-stats
 */
class KvConnectorEndpointWebIntegrationTests extends AbstractKvConnectorEndpointWebIntegrationTests {

	@Override
	protected List<String> applicationProperties() {
		return List.of("kvconnector.test.enabled=true");
	}

	@Override
	protected String connector() {
		return TestConnector.NAME;
	}

	@Override
	protected String validData() {
		return "{\"values\": [0.25, 0.5]}";
	}

	@Override
	protected Map<String, Object> expectedStats() {
		return stats("count", 2, "total", 0.75);
	}

	@Override
	protected Map<String, Object> emptyStats() {
		return stats("count", 0, "total", 0.0);
	}

	@Override
	protected Map<String, Double> meterIncrements() {
		return Map.of("test_connector_values_count{engine=\"0\"}", 2.0, "test_connector_values_sum{engine=\"0\"}",
				0.75);
	}

	@Override
	protected Overflow overflow() {
		return new Overflow("{\"values\": [0.25, 0.5, 1.0, 2.0, 4.0, 8.0]}", stats("count", 4, "total", 3.75), 2, Map
			.of("test_connector_values_count{engine=\"0\"}", 6.0, "test_connector_values_sum{engine=\"0\"}", 15.75));
	}

	@Override
	protected Stream<MalformedRequest> malformedRequests() {
		return Stream.of(
				malformedData("negative value after valid ones", "{\"values\": [0.25, 0.5, -1.0]}", "data.values[2]"),
				malformedData("values not an array", "{\"values\": 0.25}", "data.values"),
				malformedData("unexpected key", "{\"values\": [0.25], \"extra\": []}", "data.extra"));
	}

	@Test
	void nonFiniteStatsAreStrings() {
		KvConnectorEndpointClient client = endpoint(EndpointServer.UNRESTRICTED);
		assertThat(client.post(connector(), request(0, "{\"values\": [1e308, 1e308]}")).status()).isEqualTo(204);
		Response response = client.get("/" + connector());
		assertThat(response.body()).contains("\"stats\":{\"count\":2,\"total\":\"inf\"}");
	}

}
