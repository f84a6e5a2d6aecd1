package com.example.kvapp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * What a new user of the two starters expects from a running application, over plain
 * HTTP: health, vLLM's histograms at {@code /actuator/prometheus}, and vLLM's
 * {@code reduce()} at {@code /actuator/kvconnector} after posting stats in vLLM's wire
 * format. Each subclass runs it under one application setting, in a context of its own.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=1h" })
abstract class StarterExpectations {

	private static final double INF = Double.POSITIVE_INFINITY;

	private static final Map<String, List<Double>> VLLM_BUCKET_BOUNDS = vllmBucketBounds();

	/** vLLM's {@code reduce()} of empty NIXL stats (corpus case {@code nixl-311}). */
	private static final String VLLM_EMPTY_NIXL_REDUCE = "{\"Num successful transfers\": 0, \"Avg xfer time (ms)\": 0, "
			+ "\"P90 xfer time (ms)\": 0, \"Avg post time (ms)\": 0, \"P90 post time (ms)\": 0, "
			+ "\"Avg MB per transfer\": 0, \"Throughput (MB/s)\": 0, \"Avg number of descriptors\": 0}";

	private static final Pattern SAMPLE = Pattern.compile("^([^{ ]+)(?:\\{(.*)\\})? (\\S+)");

	private static final Pattern LE = Pattern.compile("(?:^|,)le=\"([^\"]*)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	static Stream<Named<Map<String, Object>>> nixlCases() {
		return corpusCases("/corpus/nixl-reduce.jsonl");
	}

	static Stream<Named<Map<String, Object>>> mooncakeCases() {
		return corpusCases("/corpus/mooncake-reduce.jsonl");
	}

	@Test
	void healthAnswersUp() {
		Response response = send("GET", "/actuator/health", null);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json()).containsEntry("status", "UP");
	}

	@Test
	void prometheusServesVllmHistogramsWithExactlyVllmBuckets() {
		Map<String, Map<String, List<Double>>> bounds = bucketBoundsBySeries(scrape());
		SoftAssertions softly = new SoftAssertions();
		VLLM_BUCKET_BOUNDS.forEach((histogram, expected) -> {
			Map<String, List<Double>> series = bounds.getOrDefault(histogram + "_bucket", Map.of());
			softly.assertThat(series).as("%s_bucket series", histogram).isNotEmpty();
			series.forEach((labels, actual) -> softly.assertThat(actual)
				.as("le values of %s_bucket{%s}", histogram, labels)
				.containsExactlyElementsOf(expected));
		});
		softly.assertAll();
	}

	@Test
	void prometheusServesNoClientSidePercentilesOfVllmMeters() {
		List<String> quantiles = scrape().lines()
			.filter((line) -> line.startsWith("vllm:") && line.contains("quantile="))
			.toList();
		assertThat(quantiles).as("vllm: samples with a quantile label").isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("nixlCases")
	void postedNixlPartsReduceAsVllmDoes(Map<String, Object> corpusCase) {
		postParts("nixl", corpusCase);
		Map<String, Object> current = currentInterval("nixl");
		assertThat(current).containsEntry("droppedSamples", 0);
		assertIdenticalJson(object(current, "stats"), object(corpusCase, "reduce"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mooncakeCases")
	void postedMooncakePartsReduceAsVllmDoes(Map<String, Object> corpusCase) {
		postParts("mooncake", corpusCase);
		Map<String, Object> current = currentInterval("mooncake");
		assertThat(current).containsEntry("droppedSamples", 0);
		assertIdenticalJson(object(current, "stats"), object(corpusCase, "reduce"));
	}

	@Test
	void deleteEmptiesTheCurrentInterval() {
		postParts("nixl", nixlCases().findFirst().orElseThrow().getPayload());
		postParts("mooncake", mooncakeCases().findFirst().orElseThrow().getPayload());
		for (String connector : List.of("nixl", "mooncake")) {
			Response response = send("DELETE", "/actuator/kvconnector/" + connector, null);
			assertThat(response.status()).as("DELETE %s: %s", connector, response.body()).isEqualTo(204);
		}
		Map<String, Object> nixl = currentInterval("nixl");
		assertIdenticalJson(object(nixl, "stats"), JSON.readValue(VLLM_EMPTY_NIXL_REDUCE, Map.class));
		assertThat(object(nixl, "failures")).containsExactly(entry("num_failed_transfers", 0),
				entry("num_failed_notifications", 0), entry("num_kv_expired_reqs", 0));
		assertThat(object(currentInterval("mooncake"), "stats")).isEmpty();
	}

	@Test
	void endpointKeepsItsJsonNamesAndNullMembers() {
		Response response = send("GET", "/actuator/kvconnector", null);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Map<String, Object> body = response.json();
		assertThat(body.keySet()).as(response.body()).containsExactly("logInterval", "connectors");
		assertThat(body).containsEntry("logInterval", "PT1H");
		Map<String, Object> connectors = object(body, "connectors");
		assertThat(connectors.keySet()).containsExactly("nixl", "mooncake");
		connectors.forEach((name, connector) -> {
			Map<String, Object> engines = object(asObject(connector), "engines");
			assertThat(engines.keySet()).as("%s engines", name).containsExactly("0");
			Map<String, Object> engine = object(engines, "0");
			assertThat(engine.keySet()).as("%s engine 0", name).containsExactly("current", "lastInterval");
			assertThat(engine).as("%s engine 0", name).containsEntry("lastInterval", null);
			Map<String, Object> current = object(engine, "current");
			List<String> keys = name.equals("nixl") ? List.of("start", "stats", "droppedSamples", "failures")
					: List.of("start", "stats", "droppedSamples");
			assertThat(current.keySet()).as("%s current interval", name).containsExactlyElementsOf(keys);
			assertThat(Instant.parse((String) current.get("start"))).isBeforeOrEqualTo(Instant.now());
		});
	}

	private void postParts(String connector, Map<String, Object> corpusCase) {
		Response cleared = send("DELETE", "/actuator/kvconnector/" + connector, null);
		assertThat(cleared.status()).as("DELETE %s: %s", connector, cleared.body()).isEqualTo(204);
		for (Object part : (List<?>) corpusCase.get("parts")) {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("engine", 0);
			request.put("data", part);
			Response response = send("POST", "/actuator/kvconnector/" + connector, JSON.writeValueAsString(request));
			assertThat(response.status()).as("POST %s of %s: %s", connector, corpusCase.get("id"), response.body())
				.isEqualTo(204);
		}
	}

	private Map<String, Object> currentInterval(String connector) {
		Response response = send("GET", "/actuator/kvconnector/" + connector, null);
		assertThat(response.status()).as("GET %s: %s", connector, response.body()).isEqualTo(200);
		return object(object(object(response.json(), "engines"), "0"), "current");
	}

	private String scrape() {
		Response response = send("GET", "/actuator/prometheus", null);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private Response send(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (json != null) ? BodyPublishers.ofString(json) : BodyPublishers.noBody());
		try {
			HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The {@code le} values of every bucket series, by metric name and then by the
	 * series' other labels, in exposition order.
	 */
	private static Map<String, Map<String, List<Double>>> bucketBoundsBySeries(String scrape) {
		Map<String, Map<String, List<Double>>> bounds = new LinkedHashMap<>();
		scrape.lines().filter((line) -> line.startsWith("vllm:")).forEach((line) -> {
			Matcher sample = SAMPLE.matcher(line);
			if (sample.find() && sample.group(1).endsWith("_bucket") && sample.group(2) != null) {
				Matcher le = LE.matcher(sample.group(2));
				assertThat(le.find()).as(line).isTrue();
				String others = new StringBuilder(sample.group(2)).delete(le.start(), le.end()).toString();
				bounds.computeIfAbsent(sample.group(1), (name) -> new LinkedHashMap<>())
					.computeIfAbsent(others, (labels) -> new ArrayList<>())
					.add(le.group(1).equals("+Inf") ? INF : Double.parseDouble(le.group(1)));
			}
		});
		return bounds;
	}

	/**
	 * Assert that a {@code reduce()} as served equals vLLM's exactly: keys in order,
	 * integers as integers, doubles bit for bit.
	 */
	private static void assertIdenticalJson(Map<String, Object> actual, Map<?, ?> expected) {
		List<Object> keys = new ArrayList<>(actual.keySet());
		assertThat(keys).as("reduce() keys in order").containsExactlyElementsOf(expected.keySet());
		expected.forEach((key, value) -> assertThat(exactly(actual.get(key))).as("%s", key).isEqualTo(exactly(value)));
	}

	private static String exactly(Object value) {
		if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
			return "int:" + value;
		}
		if (value instanceof Double number) {
			return "float:" + Long.toHexString(Double.doubleToRawLongBits(number)) + " (" + number + ")";
		}
		return ((value != null) ? value.getClass().getSimpleName() : "null") + ":" + value;
	}

	private static Stream<Named<Map<String, Object>>> corpusCases(String resource) {
		List<Named<Map<String, Object>>> cases = new ArrayList<>();
		try (InputStream in = StarterExpectations.class.getResourceAsStream(resource);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				Map<String, Object> corpusCase = asObject(JSON.readValue(line, Map.class));
				cases.add(Named.of((String) corpusCase.get("id"), corpusCase));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return cases.stream();
	}

	private static Map<String, Object> object(Map<String, Object> parent, String key) {
		Object child = parent.get(key);
		assertThat(child).as("object at '%s' of %s", key, parent).isInstanceOf(Map.class);
		return asObject(child);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asObject(Object value) {
		return (Map<String, Object>) value;
	}

	private static Map<String, List<Double>> vllmBucketBounds() {
		Map<String, List<Double>> bounds = new LinkedHashMap<>();
		bounds.put("vllm:nixl_xfer_time_seconds",
				List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 5.0, INF));
		bounds.put("vllm:nixl_post_time_seconds",
				List.of(0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 5.0, INF));
		List<Double> bytes = new ArrayList<>();
		for (int exponent = 11; exponent <= 33; exponent += 2) {
			bytes.add(Math.pow(2, exponent));
		}
		bytes.add(INF);
		bounds.put("vllm:nixl_bytes_transferred", bytes);
		bounds.put("vllm:nixl_num_descriptors", List.of(10.0, 20.0, 30.0, 50.0, 75.0, 100.0, 200.0, 400.0, 1000.0,
				2000.0, 4000.0, 10000.0, 20000.0, 50000.0, INF));
		bounds.put("vllm:mooncake_store_operation_time_seconds",
				List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, INF));
		return bounds;
	}

	private record Response(int status, String body) {

		Map<String, Object> json() {
			return asObject(JSON.readValue(this.body, Map.class));
		}

	}

}
