package io.kvconnector.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the sample application serves simulated traffic as vLLM's meters and the
 * {@code kvconnector} endpoint.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "kvconnector.log-interval=200ms", "kvconnector.engines=0,1" })
class SampleApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void simulatedTrafficOfEveryEngineReachesThePrometheusScrapeAndTheEndpoint() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String scrape = get("/actuator/prometheus");
			for (String engine : new String[] { "0", "1" }) {
				assertThat(scrape)
					.containsPattern("(?m)^vllm:nixl_xfer_time_seconds_count\\{engine=\"" + engine + "\".*\\} [1-9]")
					.containsPattern("(?m)^vllm:mooncake_store_operation_total\\{engine=\"" + engine
							+ "\".*operation=\"load_get\",status=\"ok\"\\} [1-9]");
			}
			String json = get("/actuator/kvconnector");
			assertThat(json).contains("\"lastInterval\":{").doesNotContain("\"lastInterval\":null");
			assertThat(json.split("\"Num successful transfers\":[1-9]", -1)).hasSizeGreaterThan(2);
		});
	}

	@Test
	void pageIsServedAtTheRootWithItsChartLibraryFromTheWebjar() throws Exception {
		assertThat(get("/")).contains("<script src=\"/webjars/uplot/dist/uPlot.iife.min.js\"></script>");
		assertThat(get("/webjars/uplot/dist/uPlot.iife.min.js")).contains("uPlot");
		assertThat(get("/dashboard.js")).contains("/actuator/kvconnector");
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
