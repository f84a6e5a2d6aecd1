package io.kvconnector.stats.mooncake.actuate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kvconnector.stats.StatsJson;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.conformance.ReducedValues;
import io.kvconnector.stats.mooncake.MooncakeStoreConnectorStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Exercises the {@code kvconnector} endpoint of a running Mooncake store application over
 * HTTP, with write access granted.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(classes = MooncakeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=kvconnector,prometheus",
				"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=1h",
				"kvconnector.max-ingest-size=1KB", "kvconnector.max-samples-per-interval=4",
				"kvconnector.model-name=web-test" })
class MooncakeEndpointWebIntegrationTests {

	private static final String VALID = """
			{"engine": 0, "data": {
			"save_put": [{"duration_seconds": 0.01, "num_keys": 2}],
			"load_get": [{"duration_seconds": 0.002, "num_keys": 3, "num_bytes": 4096, "status": "ok"},
			{"duration_seconds": 0.004, "num_keys": 1, "num_bytes": 1024, "status": "error", "num_failed_keys": 1}]}}""";

	private static final String LOAD_GET_OK_CALLS = "vllm:mooncake_store_operation_total{engine=\"0\",model_name=\"web-test\",operation=\"load_get\",status=\"ok\"}";

	private static final String LOAD_GET_ERROR_CALLS = "vllm:mooncake_store_operation_total{engine=\"0\",model_name=\"web-test\",operation=\"load_get\",status=\"error\"}";

	private static final String LOAD_GET_OK_KEYS = "vllm:mooncake_store_operation_keys_total{engine=\"0\",model_name=\"web-test\",operation=\"load_get\",status=\"ok\"}";

	private static final String LOAD_GET_ERROR_FAILED_KEYS = "vllm:mooncake_store_operation_failed_keys_total{engine=\"0\",model_name=\"web-test\",operation=\"load_get\",status=\"error\"}";

	private static final String SAVE_PUT_TIME_COUNT = "vllm:mooncake_store_operation_time_seconds_count{engine=\"0\",model_name=\"web-test\",operation=\"save_put\",status=\"ok\"}";

	private static final String DROPPED = "kvconnector_dropped_samples_total{connector=\"mooncake\",engine=\"0\"}";

	@LocalServerPort
	private int port;

	private KvConnectorEndpointClient client;

	@BeforeEach
	void emptyTheCurrentInterval() {
		this.client = new KvConnectorEndpointClient(this.port);
		assertThat(this.client.delete("mooncake").status()).isEqualTo(204);
	}

	@Test
	void getDescribesEveryConnectorInSpecOrder() {
		Response response = this.client.get("");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).contains("json");
		assertThat(response.body())
			.startsWith("{\"logInterval\":\"PT1H\",\"connectors\":{\"mooncake\":{\"engines\":{\"0\":")
			.contains("\"lastInterval\":null");
		assertThat(response.json().keySet()).containsExactly("logInterval", "connectors");
		assertThat(response.json("connectors").keySet()).containsExactly("mooncake");
		assertThat(response.json("connectors", "mooncake", "engines").keySet()).containsExactly("0");
		Map<String, Object> engine = response.json("connectors", "mooncake", "engines", "0");
		assertThat(engine.keySet()).containsExactly("current", "lastInterval");
		assertThat(engine.get("lastInterval")).isNull();
		assertEmptyInterval(response.json("connectors", "mooncake", "engines", "0", "current"));
	}

	@Test
	void getOfOneConnectorDescribesItsEngines() {
		Response response = this.client.get("/mooncake");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).startsWith("{\"engines\":{\"0\":{\"current\":{")
			.endsWith("\"lastInterval\":null}}}");
		assertThat(response.json().keySet()).containsExactly("engines");
		assertThat(response.json("engines").keySet()).containsExactly("0");
		assertEmptyInterval(response.json("engines", "0", "current"));
	}

	@Test
	void getOfUnknownConnectorIsNotFound() {
		assertThat(this.client.get("/nixl").status()).isEqualTo(404);
		assertThat(this.client.get("/mooncake2").status()).isEqualTo(404);
	}

	@Test
	void postAddsThePayloadToTheEngineCurrentIntervalAndToTheMeters() {
		List<String> before = this.client.scrape("vllm:mooncake_");
		Response response = this.client.post("mooncake", VALID);
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		Map<String, Object> current = current();
		assertThat(current.keySet()).containsExactly("start", "stats", "droppedSamples");
		ReducedValues.assertIdenticalJson(map(current, "stats"), expectedStats(VALID));
		assertThat(map(current, "stats")).containsEntry("load_get_count", 2)
			.containsEntry("load_get_total_keys", 4)
			.containsEntry("load_get_total_bytes", 5120)
			.containsEntry("load_get_failed_keys", 1)
			.containsEntry("load_get_error_count", 1)
			.containsEntry("save_put_count", 1)
			.containsEntry("save_put_total_bytes", 0);
		assertThat(map(current, "stats").keySet().iterator().next()).isEqualTo("load_get_count");
		assertThat(current.get("droppedSamples")).isEqualTo(0);
		List<String> after = this.client.scrape("vllm:mooncake_");
		assertThat(sample(after, LOAD_GET_OK_CALLS) - sample(before, LOAD_GET_OK_CALLS)).isEqualTo(1.0);
		assertThat(sample(after, LOAD_GET_ERROR_CALLS) - sample(before, LOAD_GET_ERROR_CALLS)).isEqualTo(1.0);
		assertThat(sample(after, LOAD_GET_OK_KEYS) - sample(before, LOAD_GET_OK_KEYS)).isEqualTo(3.0);
		assertThat(sample(after, LOAD_GET_ERROR_FAILED_KEYS) - sample(before, LOAD_GET_ERROR_FAILED_KEYS))
			.isEqualTo(1.0);
		assertThat(sample(after, SAVE_PUT_TIME_COUNT) - sample(before, SAVE_PUT_TIME_COUNT)).isEqualTo(1.0);
	}

	@Test
	void postWithoutEngineAddsToTheFirstEngine() {
		String payload = VALID.replace("\"engine\": 0, ", "");
		assertThat(payload).doesNotContain("engine");
		assertThat(this.client.post("mooncake", payload).status()).isEqualTo(204);
		ReducedValues.assertIdenticalJson(map(current(), "stats"), expectedStats(VALID));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedPayloads")
	void postOfMalformedPayloadIsRejectedNamingThePathAndAppliesNothing(String payload, String path) {
		List<String> before = this.client.scrape("vllm:mooncake_");
		Response response = this.client.post("mooncake", payload);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).contains("application/json");
		Map<String, Object> error = response.json();
		assertThat(error.keySet()).containsExactly("status", "error", "path", "message");
		assertThat(error).containsEntry("status", 400)
			.containsEntry("error", "Bad Request")
			.containsEntry("path", path);
		assertThat((String) error.get("message")).isNotBlank();
		assertEmptyInterval(current());
		assertThat(this.client.scrape("vllm:mooncake_")).isEqualTo(before);
	}

	static Stream<Arguments> malformedPayloads() {
		String longName = "x".repeat(129);
		return Stream.of(malformed("fractional key count after valid records", """
				{"engine": 0, "data": {"save_put": [{"duration_seconds": 0.01, "num_keys": 2}],
				"load_get": [{"duration_seconds": 0.002, "num_keys": 1.5}]}}""", "data.load_get[0].num_keys"),
				malformed("key count missing", """
						{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.002}]}}""",
						"data.load_get[0].num_keys"),
				malformed("negative duration", """
						{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.002, "num_keys": 1},
						{"duration_seconds": -0.002, "num_keys": 1}]}}""", "data.load_get[1].duration_seconds"),
				malformed("status that is not a string",
						"""
								{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.002, "num_keys": 1, "status": 1}]}}""",
						"data.load_get[0].status"),
				malformed("negative failed keys", """
						{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.002, "num_keys": 1,
						"num_failed_keys": -1}]}}""", "data.load_get[0].num_failed_keys"),
				malformed("records that are not an array", """
						{"engine": 0, "data": {"load_get": {"duration_seconds": 0.002, "num_keys": 1}}}""",
						"data.load_get"),
				malformed("record that is not an object", """
						{"engine": 0, "data": {"load_get": [1]}}""", "data.load_get[0]"),
				malformed("operation name over 128 characters",
						"""
								{"engine": 0, "data": {"%s": [{"duration_seconds": 0.002, "num_keys": 1}]}}"""
							.formatted(longName),
						"data." + longName),
				malformed("key count beyond 64 bits", """
						{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.002,
						"num_keys": 18446744073709551616}]}}""", "data.load_get[0].num_keys"),
				malformed("duration beyond the range of a double", """
						{"engine": 0, "data": {"load_get": [{"duration_seconds": 1e400, "num_keys": 1}]}}""",
						"data.load_get[0].duration_seconds"),
				malformed("negative engine", """
						{"engine": -1, "data": {"load_get": [{"duration_seconds": 0.002, "num_keys": 1}]}}""",
						"engine"),
				malformed("engine that is not configured", """
						{"engine": 1, "data": {"load_get": [{"duration_seconds": 0.002, "num_keys": 1}]}}""", "engine"),
				malformed("fractional engine", """
						{"engine": 0.5, "data": {"load_get": [{"duration_seconds": 0.002, "num_keys": 1}]}}""",
						"engine"),
				malformed("data missing", """
						{"engine": 0}""", "data"), malformed("data that is not an object", """
						{"engine": 0, "data": "load_get"}""", "data"), malformed("malformed JSON", """
						{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.002, "num_keys": 1}""", ""),
				malformed("body that is not an object", """
						"load_get\"""", ""));
	}

	private static Arguments malformed(String name, String payload, String path) {
		return arguments(named(name, payload), path);
	}

	@Test
	void postOnUnknownConnectorIsNotFound() {
		Response response = this.client.post("nixl", VALID);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json()).containsEntry("status", 404).containsEntry("path", "connector");
		assertEmptyInterval(current());
	}

	@Test
	void operationNamesTravelAsUtf8AndSortByCodePoint() {
		String payload = """
				{"engine": 0, "data": {"\ud83d\ude00_op": [{"duration_seconds": 0.001, "num_keys": 1}],
				"\uff61_op": [{"duration_seconds": 0.002, "num_keys": 2}],
				"загрузка": [{"duration_seconds": 0.003, "num_keys": 3}]}}""";
		assertThat(this.client.post("mooncake", payload).status()).isEqualTo(204);
		Response response = this.client.get("/mooncake");
		assertThat(response.contentType()).doesNotContainIgnoringCase("charset=ISO-8859-1");
		Map<String, Object> stats = response.json("engines", "0", "current", "stats");
		ReducedValues.assertIdenticalJson(stats, expectedStats(payload));
		assertThat(stats.keySet()).first().isEqualTo("загрузка_count");
		assertThat(stats.keySet()).contains("\uff61_op_count", "\ud83d\ude00_op_count");
		assertThat(List.copyOf(stats.keySet()).indexOf("\uff61_op_count"))
			.isLessThan(List.copyOf(stats.keySet()).indexOf("\ud83d\ude00_op_count"));
	}

	@Test
	void postOfExactlyMaxIngestSizeIsAccepted() {
		String payload = VALID.substring(0, VALID.length() - 1) + " ".repeat(1024 - VALID.length()) + "}";
		assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
		assertThat(this.client.post("mooncake", payload).status()).isEqualTo(204);
		assertThat(map(current(), "stats")).containsEntry("load_get_count", 2);
	}

	@Test
	void postOfOneByteMoreThanMaxIngestSizeIsRefused() {
		String payload = VALID.substring(0, VALID.length() - 1) + " ".repeat(1025 - VALID.length()) + "}";
		assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(1025);
		assertThat(this.client.post("mooncake", payload).status()).isEqualTo(413);
		assertEmptyInterval(current());
	}

	@Test
	void postBeyondMaxSamplesPerIntervalKeepsTheFirstRecordsAndCountsTheOthersAsDropped() {
		String payload = """
				{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.001, "num_keys": 1},
				{"duration_seconds": 0.002, "num_keys": 1}, {"duration_seconds": 0.003, "num_keys": 1}],
				"save_put": [{"duration_seconds": 0.004, "num_keys": 1}, {"duration_seconds": 0.005, "num_keys": 1},
				{"duration_seconds": 0.006, "num_keys": 1}]}}""";
		String kept = """
				{"engine": 0, "data": {"load_get": [{"duration_seconds": 0.001, "num_keys": 1},
				{"duration_seconds": 0.002, "num_keys": 1}, {"duration_seconds": 0.003, "num_keys": 1}],
				"save_put": [{"duration_seconds": 0.004, "num_keys": 1}]}}""";
		List<String> before = this.client.scrape("");
		assertThat(this.client.post("mooncake", payload).status()).isEqualTo(204);
		Map<String, Object> current = current();
		ReducedValues.assertIdenticalJson(map(current, "stats"), expectedStats(kept));
		assertThat(current.get("droppedSamples")).isEqualTo(2);
		List<String> after = this.client.scrape("");
		assertThat(sample(after, SAVE_PUT_TIME_COUNT) - sample(before, SAVE_PUT_TIME_COUNT)).isEqualTo(3.0);
		assertThat(sample(after, DROPPED) - sample(before, DROPPED)).isEqualTo(2.0);
	}

	@Test
	void postAboveMaxIngestSizeIsRefusedAndAppliesNothing() {
		StringBuilder records = new StringBuilder("{\"duration_seconds\": 0.001, \"num_keys\": 1}");
		for (int i = 1; i < 40; i++) {
			records.append(", {\"duration_seconds\": 0.001, \"num_keys\": 1}");
		}
		String payload = "{\"engine\": 0, \"data\": {\"load_get\": [" + records + "]}}";
		assertThat(payload.length()).isGreaterThan(1024);
		List<String> before = this.client.scrape("vllm:mooncake_");
		Response response = this.client.post("mooncake", payload);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json()).containsEntry("status", 413);
		assertEmptyInterval(current());
		assertThat(this.client.scrape("vllm:mooncake_")).isEqualTo(before);
	}

	@Test
	void deleteEmptiesTheCurrentIntervalButTheMetersKeepTheirCounts() {
		assertThat(this.client.post("mooncake", VALID).status()).isEqualTo(204);
		assertThat(map(current(), "stats")).containsEntry("load_get_count", 2);
		List<String> meters = this.client.scrape("vllm:mooncake_");
		assertThat(sample(meters, LOAD_GET_OK_CALLS)).isGreaterThanOrEqualTo(1.0);
		Response response = this.client.delete("mooncake");
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertEmptyInterval(current());
		assertThat(this.client.scrape("vllm:mooncake_")).isEqualTo(meters);
	}

	@Test
	void deleteOfUnknownConnectorIsNotFound() {
		assertThat(this.client.delete("nixl").status()).isEqualTo(404);
	}

	private Map<String, Object> current() {
		Response response = this.client.get("/mooncake");
		assertThat(response.status()).isEqualTo(200);
		return response.json("engines", "0", "current");
	}

	private static void assertEmptyInterval(Map<String, Object> interval) {
		assertThat(interval.keySet()).containsExactly("start", "stats", "droppedSamples");
		assertThat((String) interval.get("start")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(map(interval, "stats")).isEmpty();
		assertThat(interval.get("droppedSamples")).isEqualTo(0);
	}

	private static Map<String, ?> expectedStats(String payload) {
		Map<String, ?> request = StatsJson.read(payload);
		@SuppressWarnings("unchecked")
		Map<String, ?> data = (Map<String, ?>) request.get("data");
		Map<String, Number> reduced = MooncakeStoreConnectorStats.fromData(data).reduce();
		return JsonMapper.shared().readValue(JsonMapper.shared().writeValueAsString(reduced), Map.class);
	}

	private static double sample(List<String> samples, String series) {
		return samples.stream()
			.filter((line) -> line.startsWith(series + " "))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length() + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sample " + series + " in " + samples));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> json, String key) {
		return (Map<String, Object>) json.get(key);
	}

}
