package io.kvconnector.stats.nixl.actuate;

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
@SpringBootTest(classes = NixlTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=kvconnector",
				"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=1h" })
class NixlEndpointManagementPortWebIntegrationTests {

	private static final String PAYLOAD = """
			{"engine": 0, "data": {"transfer_duration": [0.002], "post_duration": [0.0005],
			"bytes_transferred": [2097152], "num_descriptors": [8], "num_failed_notifications": [1]}}""";

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void postIngestsOnTheManagementPort() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		KvConnectorEndpointClient management = new KvConnectorEndpointClient(this.managementPort);
		assertThat(management.post("nixl", PAYLOAD).status()).isEqualTo(204);
		KvConnectorEndpointClient.Response response = management.get("/nixl");
		assertThat(response.json("engines", "0", "current", "stats")).containsEntry("Num successful transfers", 1)
			.containsEntry("Avg MB per transfer", 2.0)
			.containsEntry("Avg number of descriptors", 8.0);
		assertThat(response.json("engines", "0", "current", "failures")).containsEntry("num_failed_notifications", 1);
		assertThat(management.delete("nixl").status()).isEqualTo(204);
	}

	@Test
	void theApplicationPortServesNoEndpoint() {
		KvConnectorEndpointClient application = new KvConnectorEndpointClient(this.port);
		assertThat(application.post("nixl", PAYLOAD).status()).isEqualTo(404);
		assertThat(application.get("").status()).isEqualTo(404);
	}

}
