package io.kvconnector.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ingest of big bodies by the packaged sample application in a JVM of its own with a 256
 * MB heap, as a collector of many vLLM workers runs: a 43 MB body of 1.25 M NIXL
 * transfers is applied whole, and four of them at once are each applied or refused with
 * 503, never a 500 or an {@code OutOfMemoryError}.
 *
 * @author kvconnector-stats
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestUnderLoadIT {

	private static final int TRANSFERS = 1_250_000;

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Log logger = LogFactory.getLog(IngestUnderLoadIT.class);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private Process app;

	private Path log;

	private String base;

	private Body body;

	@BeforeAll
	void startTheSampleAppOnA256MegabyteHeap() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.base = "http://localhost:" + port;
		this.log = Files.createTempFile(Path.of("target"), "ingest-under-load-", ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		this.app = new ProcessBuilder(java, "-Xmx256m", "-jar", sampleJar().toString(), "--server.port=" + port,
				"--management.endpoint.kvconnector.access=unrestricted", "--kvconnector.max-ingest-size=48MB",
				"--sample.simulator.enabled=false", "--kvconnector.log-interval=1h")
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		this.body = Body.of(TRANSFERS, new SplittableRandom(55854));
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.app.isAlive()).as("the app is running").isTrue();
			assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		});
	}

	@AfterAll
	void stopTheApp() throws Exception {
		if (this.app != null) {
			this.app.destroy();
			if (!this.app.waitFor(30, TimeUnit.SECONDS)) {
				this.app.destroyForcibly();
			}
		}
	}

	@Test
	@Order(1)
	void aBodyOf43MegabytesOf1250000TransfersIsAppliedWholeToTheIntervalAndTheMeters() throws Exception {
		assertThat(this.body.json.length).isBetween(42_000_000, 44_000_000);
		Meters before = meters();
		HttpResponse<String> response = post();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
		Meters after = meters();
		assertThat(after.transfers - before.transfers).isEqualTo(TRANSFERS);
		assertThat(after.bytes - before.bytes).isEqualTo(this.body.totalBytes);
		assertThat(after.failedTransfers - before.failedTransfers).isEqualTo(this.body.failedTransfers);
		Map<String, Object> current = currentInterval();
		assertThat(stats(current)).containsEntry("Num successful transfers", TRANSFERS);
		assertThat(current).containsEntry("droppedSamples", 0);
		assertTheAppIsHealthy();
	}

	@Test
	@Order(2)
	void fourSuchBodiesAtOnceAreEachAppliedOrRefusedWith503AndTheIntervalAndMetersHoldExactlyTheApplied()
			throws Exception {
		assertThat(send("DELETE", "/actuator/kvconnector/nixl").statusCode()).isEqualTo(204);
		Meters before = meters();
		List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			requests.add(this.http.sendAsync(postRequest(), BodyHandlers.ofString()));
		}
		int applied = 0;
		int refused = 0;
		for (CompletableFuture<HttpResponse<String>> request : requests) {
			HttpResponse<String> response = request.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isIn(204, 503);
			if (response.statusCode() == 503) {
				assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
				refused++;
			}
			else {
				applied++;
			}
		}
		assertThat(applied).isPositive();
		Meters after = meters();
		assertThat(after.transfers - before.transfers).isEqualTo((long) applied * TRANSFERS);
		assertThat(after.bytes - before.bytes).isEqualTo(applied * this.body.totalBytes);
		assertThat(after.overloaded - before.overloaded).isEqualTo(refused);
		Map<String, Object> current = currentInterval();
		long kept = ((Number) stats(current).get("Num successful transfers")).longValue();
		long dropped = ((Number) current.get("droppedSamples")).longValue();
		assertThat(kept + dropped).isEqualTo((long) applied * TRANSFERS);
		assertTheAppIsHealthy();
		logger.info("four bodies at once: " + applied + " applied, " + refused + " refused with 503");
	}

	private void assertTheAppIsHealthy() throws Exception {
		assertThat(this.app.isAlive()).isTrue();
		assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
		assertThat(Files.readString(this.log)).doesNotContain("OutOfMemoryError").doesNotContain(" 500 ");
	}

	private HttpResponse<String> post() throws Exception {
		return this.http.send(postRequest(), BodyHandlers.ofString());
	}

	private HttpRequest postRequest() {
		return HttpRequest.newBuilder(URI.create(this.base + "/actuator/kvconnector/nixl"))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(this.body.json))
			.build();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> currentInterval() throws Exception {
		Map<String, Object> nixl = MAPPER.readValue(get("/actuator/kvconnector/nixl").body(), Map.class);
		Map<String, Object> engines = (Map<String, Object>) nixl.get("engines");
		return (Map<String, Object>) ((Map<String, Object>) engines.get("0")).get("current");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> stats(Map<String, Object> interval) {
		return (Map<String, Object>) interval.get("stats");
	}

	private Meters meters() throws Exception {
		String scrape = get("/actuator/prometheus").body();
		return new Meters(sample(scrape, "vllm:nixl_xfer_time_seconds_count"),
				sample(scrape, "vllm:nixl_bytes_transferred_sum"),
				sample(scrape, "vllm:nixl_num_failed_transfers_total"), sample(scrape,
						"kvconnector_rejected_samples_total", "connector=\"nixl\"", "reason=\"overloaded_payload\""));
	}

	private static long sample(String scrape, String name, String... labels) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)").matcher(scrape);
		while (matcher.find()) {
			String found = matcher.group(1);
			boolean engine0 = found.contains("engine=\"0\"") || !found.contains("engine=");
			if (engine0 && List.of(labels).stream().allMatch(found::contains)) {
				return (long) Double.parseDouble(matcher.group(2));
			}
		}
		throw new AssertionError("no sample of " + name + " in the scrape");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send("GET", path);
	}

	private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(TIMEOUT)
			.method(method, BodyPublishers.noBody())
			.build(), BodyHandlers.ofString());
	}

	private static Path sampleJar() {
		Path jar = Path.of(System.getProperty("sample.jar", "target/kvconnector-sample.jar"));
		assertThat(jar).as("the packaged sample app").exists();
		return jar;
	}

	private record Meters(long transfers, long bytes, long failedTransfers, long overloaded) {

	}

	/**
	 * A request body of NIXL transfers as a worker ships them: transfer times to the
	 * nanosecond, post times to the microsecond.
	 */
	private record Body(byte[] json, long totalBytes, long failedTransfers) {

		static Body of(int transfers, SplittableRandom random) {
			StringBuilder durations = new StringBuilder(transfers * 10);
			StringBuilder posts = new StringBuilder(transfers * 9);
			StringBuilder bytes = new StringBuilder(transfers * 9);
			StringBuilder descriptors = new StringBuilder(transfers * 5);
			long total = 0;
			for (int i = 0; i < transfers; i++) {
				String separator = (i > 0) ? "," : "";
				long blocks = random.nextLong(16, 400);
				long size = blocks * 65_536;
				total += size;
				durations.append(separator).append(seconds(blocks * 25_000 + random.nextLong(0, 5_000_000), 1e9));
				posts.append(separator).append(seconds(random.nextLong(50, 2_000), 1e6));
				bytes.append(separator).append(size);
				descriptors.append(separator).append(blocks * 8);
			}
			String json = "{\"engine\": 0, \"data\": {\"transfer_duration\": [" + durations + "], \"post_duration\": ["
					+ posts + "], \"bytes_transferred\": [" + bytes + "], \"num_descriptors\": [" + descriptors
					+ "], \"num_failed_transfers\": [1, 1, 1], \"num_failed_notifications\": [1], "
					+ "\"num_kv_expired_reqs\": []}}";
			return new Body(json.getBytes(StandardCharsets.UTF_8), total, 3);
		}

		private static String seconds(long ticks, double perSecond) {
			return Double.toString(ticks / perSecond);
		}

	}

}
