package io.kvconnector.stats.mooncake.actuate;

import java.util.List;
import java.util.Map;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.recording.KvConnectorEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks over HTTP that the {@code kvconnector} endpoint of a Mooncake store application
 * is read-only unless access is granted.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(classes = MooncakeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=kvconnector,prometheus")
class MooncakeEndpointReadOnlyWebIntegrationTests {

	private static final String PAYLOAD = """
			{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.002, "num_keys": 3}]}}""";

	@LocalServerPort
	private int port;

	@Autowired
	private MooncakeStatsRecorder recorder;

	private KvConnectorEndpointClient client;

	@BeforeEach
	void createClient() {
		this.client = new KvConnectorEndpointClient(this.port);
	}

	@AfterEach
	void discardRecordedSamples() {
		// the cached context keeps rotating: nothing of ours may reach another test's log
		for (KvConnectorEngine<?> engine : this.recorder.engines()) {
			engine.interval().clear();
		}
	}

	@Test
	void getDescribesTheConnectorsWithTheDefaultLogInterval() {
		Response response = this.client.get("");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body())
			.startsWith("{\"logInterval\":\"PT10S\",\"connectors\":{\"mooncake\":{\"engines\":{\"0\":");
		Response connector = this.client.get("/mooncake");
		assertThat(connector.status()).isEqualTo(200);
		assertThat(connector.json("engines").keySet()).containsExactly("0");
	}

	@Test
	void postIsNotAllowedAndChangesNothing() {
		List<String> meters = this.client.scrape("vllm:mooncake_");
		long operations = recordedOperations();
		assertThat(this.client.post("mooncake", PAYLOAD).status()).isEqualTo(405);
		assertThat(this.client.post("nixl", PAYLOAD).status()).isEqualTo(405);
		assertThat(recordedOperations()).isEqualTo(operations);
		assertThat(this.client.scrape("vllm:mooncake_")).isEqualTo(meters);
	}

	@Test
	void deleteIsNotAllowedAndKeepsTheRecordedSamples() {
		long operations = recordedOperations();
		this.recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.001).keys(1).build());
		assertThat(this.client.delete("mooncake").status()).isEqualTo(405);
		assertThat(this.client.delete("nixl").status()).isEqualTo(405);
		assertThat(recordedOperations()).isEqualTo(operations + 1);
	}

	/**
	 * Count the {@code load_get} records of the current and the last interval, so that a
	 * rotation (every ten seconds by default) does not lose sight of a sample.
	 */
	private long recordedOperations() {
		Response response = this.client.get("/mooncake");
		Map<String, Object> engine = response.json("engines", "0");
		long count = count(response.json("engines", "0", "current", "stats"));
		if (engine.get("lastInterval") != null) {
			count += count(response.json("engines", "0", "lastInterval", "stats"));
		}
		return count;
	}

	private static long count(Map<String, Object> stats) {
		Number count = (Number) stats.get("load_get_count");
		return (count != null) ? count.longValue() : 0;
	}

}
