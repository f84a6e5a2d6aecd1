package io.kvconnector.stats.nixl.actuate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kvconnector.stats.StatsJson;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.conformance.ReducedValues;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
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
 * Exercises the {@code kvconnector} endpoint of a running NIXL application over HTTP,
 * with write access granted.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(classes = NixlTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=kvconnector,prometheus",
				"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=1h",
				"kvconnector.max-ingest-size=1KB", "kvconnector.max-samples-per-interval=4",
				"kvconnector.model-name=web-test" })
class NixlEndpointWebIntegrationTests {

	private static final String VALID = """
			{"engine": 0, "data": {
			"transfer_duration": [0.001, 0.003], "post_duration": [0.0001, 0.0002],
			"bytes_transferred": [1048576, 3145728], "num_descriptors": [4, 6],
			"num_failed_transfers": [1], "num_failed_notifications": [], "num_kv_expired_reqs": [1, 2]}}""";

	private static final String XFER_COUNT = "vllm:nixl_xfer_time_seconds_count{engine=\"0\",model_name=\"web-test\"}";

	private static final String FAILED_TRANSFERS = "vllm:nixl_num_failed_transfers_total{engine=\"0\",model_name=\"web-test\"}";

	private static final String EXPIRED_REQS = "vllm:nixl_num_kv_expired_reqs_total{engine=\"0\",model_name=\"web-test\"}";

	private static final String DROPPED = "kvconnector_dropped_samples_total{connector=\"nixl\",engine=\"0\"}";

	@LocalServerPort
	private int port;

	private KvConnectorEndpointClient client;

	@BeforeEach
	void emptyTheCurrentInterval() {
		this.client = new KvConnectorEndpointClient(this.port);
		assertThat(this.client.delete("nixl").status()).isEqualTo(204);
	}

	@Test
	void getDescribesEveryConnectorInSpecOrder() {
		Response response = this.client.get("");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).contains("json");
		assertThat(response.body())
			.startsWith("{\"logInterval\":\"PT1H\",\"connectors\":{\"nixl\":{\"engines\":{\"0\":")
			.contains("\"lastInterval\":null");
		assertThat(response.json().keySet()).containsExactly("logInterval", "connectors");
		assertThat(response.json("connectors").keySet()).containsExactly("nixl");
		assertThat(response.json("connectors", "nixl", "engines").keySet()).containsExactly("0");
		Map<String, Object> engine = response.json("connectors", "nixl", "engines", "0");
		assertThat(engine.keySet()).containsExactly("current", "lastInterval");
		assertThat(engine.get("lastInterval")).isNull();
		assertEmptyInterval(response.json("connectors", "nixl", "engines", "0", "current"));
	}

	@Test
	void getOfOneConnectorDescribesItsEngines() {
		Response response = this.client.get("/nixl");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).startsWith("{\"engines\":{\"0\":{\"current\":{")
			.endsWith("\"lastInterval\":null}}}");
		assertThat(response.json().keySet()).containsExactly("engines");
		assertThat(response.json("engines").keySet()).containsExactly("0");
		assertEmptyInterval(response.json("engines", "0", "current"));
	}

	@Test
	void getOfUnknownConnectorIsNotFound() {
		assertThat(this.client.get("/mooncake").status()).isEqualTo(404);
		assertThat(this.client.get("/nixl2").status()).isEqualTo(404);
	}

	@Test
	void postAddsThePayloadToTheEngineCurrentIntervalAndToTheMeters() {
		List<String> before = this.client.scrape("vllm:nixl_");
		Response response = this.client.post("nixl", VALID);
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		Map<String, Object> current = current();
		assertThat(current.keySet()).containsExactly("start", "stats", "droppedSamples", "failures");
		ReducedValues.assertIdenticalJson(map(current, "stats"), expectedStats(VALID));
		assertThat(map(current, "stats")).containsEntry("Num successful transfers", 2)
			.containsEntry("Avg MB per transfer", 2.0)
			.containsEntry("Avg number of descriptors", 5.0);
		assertThat(current.get("droppedSamples")).isEqualTo(0);
		assertThat(map(current, "failures")).containsExactly(Map.entry("num_failed_transfers", 1),
				Map.entry("num_failed_notifications", 0), Map.entry("num_kv_expired_reqs", 3));
		List<String> after = this.client.scrape("vllm:nixl_");
		assertThat(sample(after, XFER_COUNT) - sample(before, XFER_COUNT)).isEqualTo(2.0);
		assertThat(sample(after, FAILED_TRANSFERS) - sample(before, FAILED_TRANSFERS)).isEqualTo(1.0);
		assertThat(sample(after, EXPIRED_REQS) - sample(before, EXPIRED_REQS)).isEqualTo(3.0);
	}

	@Test
	void postWithoutEngineAddsToTheFirstEngine() {
		String payload = VALID.replace("\"engine\": 0, ", "");
		assertThat(payload).doesNotContain("engine");
		assertThat(this.client.post("nixl", payload).status()).isEqualTo(204);
		ReducedValues.assertIdenticalJson(map(current(), "stats"), expectedStats(VALID));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedPayloads")
	void postOfMalformedPayloadIsRejectedNamingThePathAndAppliesNothing(String payload, String path) {
		List<String> before = this.client.scrape("vllm:nixl_");
		double rejectedBefore = rejectedPayloads();
		Response response = this.client.post("nixl", payload);
		assertThat(rejectedPayloads()).as("invalid_payload counted once").isEqualTo(rejectedBefore + 1);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).contains("application/json");
		Map<String, Object> error = response.json();
		assertThat(error.keySet()).containsExactly("status", "error", "path", "message");
		assertThat(error).containsEntry("status", 400)
			.containsEntry("error", "Bad Request")
			.containsEntry("path", path);
		assertThat((String) error.get("message")).isNotBlank();
		assertEmptyInterval(current());
		assertThat(this.client.scrape("vllm:nixl_")).isEqualTo(before);
	}

	static Stream<Arguments> malformedPayloads() {
		return Stream.of(malformed("negative duration after valid ones", """
				{"engine": 0, "data": {"transfer_duration": [0.1, 0.2, 0.3, -1.0],
				"post_duration": [0.1, 0.1, 0.1, 0.1], "bytes_transferred": [1, 2, 3, 4],
				"num_descriptors": [1, 1, 1, 1], "num_failed_transfers": [1]}}""", "data.transfer_duration[3]"),
				malformed("fractional byte count", """
						{"engine": 0, "data": {"transfer_duration": [0.1], "post_duration": [0.1],
						"bytes_transferred": [1.5], "num_descriptors": [1]}}""", "data.bytes_transferred[0]"),
				malformed("duration that is a string", """
						{"engine": 0, "data": {"transfer_duration": [0.1], "post_duration": ["0.1"],
						"bytes_transferred": [1], "num_descriptors": [1]}}""", "data.post_duration[0]"),
				malformed("fractional failure value after valid transfers", """
						{"engine": 0, "data": {"transfer_duration": [0.1], "post_duration": [0.1],
						"bytes_transferred": [1], "num_descriptors": [1], "num_kv_expired_reqs": [1, 1.5]}}""",
						"data.num_kv_expired_reqs[1]"),
				malformed("duration beyond the range of a double", """
						{"engine": 0, "data": {"transfer_duration": [1e400], "post_duration": [0.1],
						"bytes_transferred": [1], "num_descriptors": [1]}}""", "data.transfer_duration[0]"),
				malformed("byte count beyond 64 bits", """
						{"engine": 0, "data": {"transfer_duration": [0.1], "post_duration": [0.1],
						"bytes_transferred": [18446744073709551616], "num_descriptors": [1]}}""",
						"data.bytes_transferred[0]"),
				malformed("descriptor count above 2^32 - 1", """
						{"engine": 0, "data": {"transfer_duration": [0.1], "post_duration": [0.1],
						"bytes_transferred": [1], "num_descriptors": [4294967296]}}""", "data.num_descriptors[0]"),
				malformed("extra list holding a string", """
						{"engine": 0, "data": {"num_failed_transfers": [1], "new_field": [1, "x"]}}""",
						"data.new_field[1]"),
				malformed("lists of different lengths", """
						{"engine": 0, "data": {"transfer_duration": [0.1, 0.2], "post_duration": [0.1],
						"bytes_transferred": [1, 2], "num_descriptors": [1, 2]}}""", "data.post_duration"),
				malformed("negative engine", """
						{"engine": -1, "data": {"num_failed_transfers": [1]}}""", "engine"),
				malformed("engine that is not configured", """
						{"engine": 1, "data": {"num_failed_transfers": [1]}}""", "engine"),
				malformed("engine beyond the range of an int", """
						{"engine": 4294967296, "data": {"num_failed_transfers": [1]}}""", "engine"),
				malformed("engine that is a string", """
						{"engine": "0", "data": {"num_failed_transfers": [1]}}""", "engine"),
				malformed("data missing", """
						{"engine": 0}""", "data"), malformed("data that is not an object", """
						{"engine": 0, "data": [1]}""", "data"), malformed("malformed JSON", """
						{"engine": 0, "data": {"num_failed_transfers": [1]""", ""), malformed("duplicate key", """
						{"engine": 0, "data": {"num_failed_transfers": [1]}, "data": {}}""", ""),
				malformed("body that is not an object", """
						[{"engine": 0, "data": {"num_failed_transfers": [1]}}]""", ""));
	}

	private static Arguments malformed(String name, String payload, String path) {
		return arguments(named(name, payload), path);
	}

	@Test
	void postOfANonJsonBodyIsRefusedAsUnsupportedAndCounted() {
		List<String> before = this.client.scrape("vllm:nixl_");
		double rejectedBefore = rejectedPayloads();
		Response response = this.client.post("nixl", "engine=0", "application/x-www-form-urlencoded");
		assertThat(response.status()).isEqualTo(415);
		assertThat(response.json()).containsEntry("status", 415).containsEntry("path", "");
		assertThat(rejectedPayloads()).isEqualTo(rejectedBefore + 1);
		assertThat(this.client.post("nixl", VALID, "application/vnd.spring-boot.actuator.v3+json").status())
			.isEqualTo(204);
		assertThat(this.client.scrape("vllm:nixl_")).isNotEqualTo(before);
	}

	private double rejectedPayloads() {
		String prefix = "kvconnector_rejected_samples_total{connector=\"nixl\",reason=\"invalid_payload\"} ";
		List<String> lines = this.client.scrape(prefix);
		assertThat(lines).hasSize(1);
		return Double.parseDouble(lines.get(0).substring(prefix.length()));
	}

	@Test
	void postOnUnknownConnectorIsNotFound() {
		Response response = this.client.post("mooncake", VALID);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json()).containsEntry("status", 404).containsEntry("path", "connector");
		assertEmptyInterval(current());
	}

	@Test
	void postOfExactlyMaxIngestSizeIsAccepted() {
		String payload = VALID.substring(0, VALID.length() - 1) + " ".repeat(1024 - VALID.length()) + "}";
		assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
		assertThat(this.client.post("nixl", payload).status()).isEqualTo(204);
		assertThat(map(current(), "stats")).containsEntry("Num successful transfers", 2);
	}

	@Test
	void postOfOneByteMoreThanMaxIngestSizeIsRefused() {
		String payload = VALID.substring(0, VALID.length() - 1) + " ".repeat(1025 - VALID.length()) + "}";
		assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(1025);
		assertThat(this.client.post("nixl", payload).status()).isEqualTo(413);
		assertEmptyInterval(current());
	}

	@Test
	void postBeyondMaxSamplesPerIntervalKeepsTheFirstSamplesAndCountsTheOthersAsDropped() {
		String payload = """
				{"engine": 0, "data": {"transfer_duration": [0.001, 0.002, 0.003, 0.004, 0.005, 0.006],
				"post_duration": [0.001, 0.001, 0.001, 0.001, 0.001, 0.001],
				"bytes_transferred": [1, 2, 3, 4, 5, 6], "num_descriptors": [1, 1, 1, 1, 1, 1]}}""";
		String kept = """
				{"engine": 0, "data": {"transfer_duration": [0.001, 0.002, 0.003, 0.004],
				"post_duration": [0.001, 0.001, 0.001, 0.001],
				"bytes_transferred": [1, 2, 3, 4], "num_descriptors": [1, 1, 1, 1]}}""";
		List<String> before = this.client.scrape("");
		assertThat(this.client.post("nixl", payload).status()).isEqualTo(204);
		Map<String, Object> current = current();
		ReducedValues.assertIdenticalJson(map(current, "stats"), expectedStats(kept));
		assertThat(current.get("droppedSamples")).isEqualTo(2);
		List<String> after = this.client.scrape("");
		assertThat(sample(after, XFER_COUNT) - sample(before, XFER_COUNT)).isEqualTo(6.0);
		assertThat(sample(after, DROPPED) - sample(before, DROPPED)).isEqualTo(2.0);
	}

	@Test
	void postAboveMaxIngestSizeIsRefusedAndAppliesNothing() {
		StringBuilder durations = new StringBuilder("0.001");
		StringBuilder counts = new StringBuilder("1");
		for (int i = 1; i < 200; i++) {
			durations.append(", 0.001");
			counts.append(", 1");
		}
		String payload = "{\"engine\": 0, \"data\": {\"transfer_duration\": [" + durations + "], \"post_duration\": ["
				+ durations + "], \"bytes_transferred\": [" + counts + "], \"num_descriptors\": [" + counts + "]}}";
		assertThat(payload.length()).isGreaterThan(1024);
		List<String> before = this.client.scrape("vllm:nixl_");
		double rejectedBefore = rejectedPayloads();
		Response response = this.client.post("nixl", payload);
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json()).containsEntry("status", 413);
		assertThat(rejectedPayloads()).isEqualTo(rejectedBefore + 1);
		assertEmptyInterval(current());
		assertThat(this.client.scrape("vllm:nixl_")).isEqualTo(before);
	}

	@Test
	void deleteEmptiesTheCurrentIntervalButTheMetersKeepTheirCounts() {
		assertThat(this.client.post("nixl", VALID).status()).isEqualTo(204);
		assertThat(map(current(), "stats")).containsEntry("Num successful transfers", 2);
		List<String> meters = this.client.scrape("vllm:nixl_");
		assertThat(sample(meters, XFER_COUNT)).isGreaterThanOrEqualTo(2.0);
		Response response = this.client.delete("nixl");
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertEmptyInterval(current());
		assertThat(this.client.scrape("vllm:nixl_")).isEqualTo(meters);
	}

	@Test
	void deleteOfUnknownConnectorIsNotFound() {
		assertThat(this.client.delete("mooncake").status()).isEqualTo(404);
	}

	private Map<String, Object> current() {
		Response response = this.client.get("/nixl");
		assertThat(response.status()).isEqualTo(200);
		return response.json("engines", "0", "current");
	}

	private static void assertEmptyInterval(Map<String, Object> interval) {
		assertThat(interval.keySet()).containsExactly("start", "stats", "droppedSamples", "failures");
		assertThat((String) interval.get("start")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		Map<String, Object> stats = map(interval, "stats");
		assertThat(stats.keySet()).containsExactlyElementsOf(NixlKvConnectorStats.REDUCE_KEYS);
		assertThat(stats.values()).containsOnly(0);
		assertThat(interval.get("droppedSamples")).isEqualTo(0);
		assertThat(map(interval, "failures")).containsExactly(Map.entry("num_failed_transfers", 0),
				Map.entry("num_failed_notifications", 0), Map.entry("num_kv_expired_reqs", 0));
	}

	private static Map<String, ?> expectedStats(String payload) {
		Map<String, ?> request = StatsJson.read(payload);
		@SuppressWarnings("unchecked")
		Map<String, ?> data = (Map<String, ?>) request.get("data");
		Map<String, Number> reduced = NixlKvConnectorStats.fromData(data).reduce();
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
