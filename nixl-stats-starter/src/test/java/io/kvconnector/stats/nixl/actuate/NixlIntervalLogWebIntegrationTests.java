package io.kvconnector.stats.nixl.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.recording.KvTransferLogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the interval rotation of a running NIXL application logs vLLM's line for
 * stats posted to the {@code kvconnector} endpoint.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(classes = NixlTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=kvconnector",
				"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=200ms" })
class NixlIntervalLogWebIntegrationTests {

	private static final String[] LAST_KEYS = { "start", "end", "stats", "droppedSamples", "failures" };

	@LocalServerPort
	private int port;

	private KvConnectorEndpointClient client;

	private KvTransferLogCapture log;

	@BeforeEach
	void captureLog() {
		this.client = new KvConnectorEndpointClient(this.port);
		this.log = KvTransferLogCapture.start();
	}

	@AfterEach
	void stopCapture() {
		this.log.close();
	}

	static Stream<Named<Map<String, Object>>> logCases() {
		return NixlLogCases.cases();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("logCases")
	void logsVllmLineForTheIntervalHoldingThePostedCase(Map<String, Object> corpusCase) {
		assertThat(this.client.post("nixl", 0, NixlLogCases.merged(corpusCase)).status()).isEqualTo(204);
		assertThat(this.log.awaitLine()).isEqualTo(corpusCase.get("log"));
		assertThat(this.log.pending()).isEmpty();
	}

	@Test
	void lastIntervalHasAnEndOnceRotated() {
		assertThat(this.client.post("nixl", 0, Map.of("num_failed_transfers", List.of(1))).status()).isEqualTo(204);
		assertThat(this.log.awaitLine()).startsWith("KV Transfer metrics: ");
		Response response = this.client.get("/nixl");
		assertThat(response.json("engines", "0").keySet()).containsExactly("current", "lastInterval");
		Map<String, Object> last = response.json("engines", "0", "lastInterval");
		assertThat(last.keySet()).containsExactly(LAST_KEYS);
		Instant end = Instant.parse((String) last.get("end"));
		assertThat(end).isAfter(Instant.parse((String) last.get("start")));
		Map<String, Object> current = response.json("engines", "0", "current");
		assertThat(current).doesNotContainKey("end");
		assertThat(Instant.parse((String) current.get("start"))).isAfterOrEqualTo(end);
	}

}
