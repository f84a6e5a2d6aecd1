package io.kvconnector.stats.mooncake.actuate;

import java.util.Map;

import io.kvconnector.stats.StatsJson;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient;
import io.kvconnector.stats.recording.KvTransferLogCapture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a running Mooncake store application with two engines prefixes each logged
 * line with its engine, as vLLM does.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(classes = MooncakeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=kvconnector",
				"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=200ms",
				"kvconnector.engines=0,1" })
class MooncakeIntervalLogTwoEnginesWebIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void linesArePrefixedWithTheEngine() {
		KvConnectorEndpointClient client = new KvConnectorEndpointClient(this.port);
		assertThat(client.get("/mooncake").json("engines").keySet()).containsExactly("0", "1");
		Map<String, Object> roundingMode = MooncakeLogCases.byId("mooncake-292");
		Map<String, Object> nearestRank = MooncakeLogCases.byId("mooncake-276");
		try (KvTransferLogCapture log = KvTransferLogCapture.start()) {
			assertThat(client.post("mooncake", 1, MooncakeLogCases.merged(roundingMode)).status()).isEqualTo(204);
			assertThat(log.awaitLine()).isEqualTo("Engine 001: " + roundingMode.get("log"));
			String withoutEngine = JsonMapper.shared()
				.writeValueAsString(Map.of("data", MooncakeLogCases.merged(nearestRank)));
			assertThat(StatsJson.read(withoutEngine)).doesNotContainKey("engine");
			assertThat(client.post("mooncake", withoutEngine).status()).isEqualTo(204);
			assertThat(log.awaitLine()).isEqualTo("Engine 000: " + nearestRank.get("log"));
			assertThat(log.pending()).isEmpty();
		}
	}

}
