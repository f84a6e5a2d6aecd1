package io.kvconnector.stats.nixl.actuate;

import java.util.List;
import java.util.Map;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
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
 * Checks over HTTP that the {@code kvconnector} endpoint of a NIXL application is
 * read-only unless access is granted.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(classes = NixlTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=kvconnector,prometheus")
class NixlEndpointReadOnlyWebIntegrationTests {

	private static final String PAYLOAD = """
			{"engine": 0, "data": {"transfer_duration": [0.001], "post_duration": [0.0001],
			"bytes_transferred": [1048576], "num_descriptors": [4], "num_failed_transfers": [1]}}""";

	@LocalServerPort
	private int port;

	@Autowired
	private NixlStatsRecorder recorder;

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
			.startsWith("{\"logInterval\":\"PT10S\",\"connectors\":{\"nixl\":{\"engines\":{\"0\":");
		Response connector = this.client.get("/nixl");
		assertThat(connector.status()).isEqualTo(200);
		assertThat(connector.json("engines").keySet()).containsExactly("0");
	}

	@Test
	void postIsNotAllowedAndChangesNothing() {
		List<String> meters = this.client.scrape("vllm:nixl_");
		long failures = recordedFailedTransfers();
		assertThat(this.client.post("nixl", PAYLOAD).status()).isEqualTo(405);
		assertThat(this.client.post("mooncake", PAYLOAD).status()).isEqualTo(405);
		assertThat(recordedFailedTransfers()).isEqualTo(failures);
		assertThat(this.client.scrape("vllm:nixl_")).isEqualTo(meters);
	}

	@Test
	void deleteIsNotAllowedAndKeepsTheRecordedSamples() {
		long failures = recordedFailedTransfers();
		this.recorder.recordFailedTransfer();
		assertThat(this.client.delete("nixl").status()).isEqualTo(405);
		assertThat(this.client.delete("mooncake").status()).isEqualTo(405);
		assertThat(recordedFailedTransfers()).isEqualTo(failures + 1);
	}

	/**
	 * Count the failed transfers of the current and the last interval, so that a rotation
	 * (every ten seconds by default) does not lose sight of a sample.
	 */
	private long recordedFailedTransfers() {
		Response response = this.client.get("/nixl");
		Map<String, Object> engine = response.json("engines", "0");
		long count = ((Number) response.json("engines", "0", "current", "failures").get("num_failed_transfers"))
			.longValue();
		if (engine.get("lastInterval") != null) {
			count += ((Number) response.json("engines", "0", "lastInterval", "failures").get("num_failed_transfers"))
				.longValue();
		}
		return count;
	}

}
