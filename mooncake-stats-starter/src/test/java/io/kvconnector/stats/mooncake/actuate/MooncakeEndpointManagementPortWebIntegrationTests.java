package io.kvconnector.stats.mooncake.actuate;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that ingest through the {@code kvconnector} endpoint works when actuator is
 * served on a separate management port.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(classes = MooncakeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=kvconnector",
				"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=1h" })
class MooncakeEndpointManagementPortWebIntegrationTests {

	private static final String PAYLOAD = """
			{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.002, "num_keys": 3, "num_bytes": 2048},
			{"duration_seconds": 0.004, "num_keys": 1, "status": "error", "num_failed_keys": 1}]}}""";

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void postIngestsOnTheManagementPort() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		KvConnectorEndpointClient management = new KvConnectorEndpointClient(this.managementPort);
		assertThat(management.post("mooncake", PAYLOAD).status()).isEqualTo(204);
		KvConnectorEndpointClient.Response response = management.get("/mooncake");
		assertThat(response.json("engines", "0", "current", "stats")).containsEntry("load_get_count", 2)
			.containsEntry("load_get_total_keys", 4)
			.containsEntry("load_get_total_bytes", 2048)
			.containsEntry("load_get_failed_keys", 1)
			.containsEntry("load_get_error_count", 1);
		assertThat(management.delete("mooncake").status()).isEqualTo(204);
	}

	@Test
	void theApplicationPortServesNoEndpoint() {
		KvConnectorEndpointClient application = new KvConnectorEndpointClient(this.port);
		assertThat(application.post("mooncake", PAYLOAD).status()).isEqualTo(404);
		assertThat(application.get("").status()).isEqualTo(404);
	}

}
