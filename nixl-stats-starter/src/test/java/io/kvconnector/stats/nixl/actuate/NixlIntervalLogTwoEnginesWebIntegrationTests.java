package io.kvconnector.stats.nixl.actuate;

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
 * Checks that a running NIXL application with two engines prefixes each logged line with
 * its engine, as vLLM does.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(classes = NixlTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=kvconnector",
				"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=200ms",
				"kvconnector.engines=0,1" })
class NixlIntervalLogTwoEnginesWebIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void linesArePrefixedWithTheEngine() {
		KvConnectorEndpointClient client = new KvConnectorEndpointClient(this.port);
		assertThat(client.get("/nixl").json("engines").keySet()).containsExactly("0", "1");
		Map<String, Object> infinite = NixlLogCases.byId("nixl-313");
		Map<String, Object> failuresOnly = NixlLogCases.byId("nixl-312");
		try (KvTransferLogCapture log = KvTransferLogCapture.start()) {
			assertThat(client.post("nixl", 1, NixlLogCases.merged(infinite)).status()).isEqualTo(204);
			assertThat(log.awaitLine()).isEqualTo("Engine 001: " + infinite.get("log"));
			String withoutEngine = JsonMapper.shared()
				.writeValueAsString(Map.of("data", NixlLogCases.merged(failuresOnly)));
			assertThat(StatsJson.read(withoutEngine)).doesNotContainKey("engine");
			assertThat(client.post("nixl", withoutEngine).status()).isEqualTo(204);
			assertThat(log.awaitLine()).isEqualTo("Engine 000: " + failuresOnly.get("log"));
			assertThat(log.pending()).isEmpty();
		}
	}

}
