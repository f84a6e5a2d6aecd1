package io.kvconnector.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

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

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void simulatedTrafficOfEveryEngineReachesThePrometheusScrapeAndTheEndpoint() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String scrape = get(this.port, "/actuator/prometheus");
			for (String engine : new String[] { "0", "1" }) {
				assertThat(scrape)
					.containsPattern("(?m)^vllm:nixl_xfer_time_seconds_count\\{engine=\"" + engine + "\".*\\} [1-9]")
					.containsPattern("(?m)^vllm:mooncake_store_operation_total\\{engine=\"" + engine
							+ "\".*operation=\"load_get\",status=\"ok\"\\} [1-9]");
			}
			String json = get(this.port, "/actuator/kvconnector");
			assertThat(json).contains("\"lastInterval\":{").doesNotContain("\"lastInterval\":null");
			assertThat(json.split("\"Num successful transfers\":[1-9]", -1)).hasSizeGreaterThan(2);
		});
	}

	@Test
	void pageIsServedAtTheRootWithItsChartLibraryFromTheWebjar() throws Exception {
		assertThat(get(this.port, "/")).contains("<script src=\"/webjars/uplot/dist/uPlot.iife.min.js\"></script>");
		assertThat(get(this.port, "/webjars/uplot/dist/uPlot.iife.min.js")).contains("uPlot");
		assertThat(get(this.port, "/dashboard.js")).contains("/actuator/kvconnector");
	}

	@Nested
	@TestPropertySource(properties = "kvconnector.nixl.schema=v2")
	@ExtendWith(OutputCaptureExtension.class)
	class SchemaV2 {

		@LocalServerPort
		private int port;

		@Test
		void logsTenFieldLinesAndExposesTheLateNotificationCounter(CapturedOutput output) {
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(output.getOut()).containsPattern(
						"(?m)KV Transfer metrics: Num successful transfers=[1-9][0-9]*(, [A-Za-z0-9 ()/]+=[^,\\s]+){7}"
								+ ", Num failed transfers=[0-9]+, Num KV expired reqs=[0-9]+$");
				assertThat(get(this.port, "/actuator/prometheus")).contains(
						"# HELP vllm:nixl_num_notifications_after_expiry_total Number of NIXL KV Cache notifications"
								+ " that arrived after their KV expired.")
					.containsPattern("(?m)^vllm:nixl_num_notifications_after_expiry_total\\{engine=\"0\",.*\\} [0-9]");
			});
		}

	}

	private static String get(int port, String path) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
