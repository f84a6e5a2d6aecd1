package io.kvconnector.stats.mooncake.actuate;

import java.util.Map;
import java.util.stream.Stream;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorEndpointWebIntegrationTests;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code kvconnector} endpoint of a Mooncake store application over HTTP, on Spring
 * MVC and WebFlux.
 *
 * @author kvconnector-stats
 */
class MooncakeEndpointWebIntegrationTests extends AbstractKvConnectorEndpointWebIntegrationTests {

	@Override
	protected String connector() {
		return "mooncake";
	}

	@Override
	protected String validData() {
		return """
				{"save_put": [{"duration_seconds": 0.01, "num_keys": 2}],
				"load_get": [{"duration_seconds": 0.002, "num_keys": 3, "num_bytes": 4096, "status": "ok"},
				{"duration_seconds": 0.004, "num_keys": 1, "num_bytes": 1024, "status": "error", "num_failed_keys": 1}]}""";
	}

	@Override
	protected Map<String, Object> expectedStats() {
		return stats("load_get_count", 2, "load_get_avg_ms", 3.0, "load_get_p90_ms", 4.0, "load_get_total_keys", 4,
				"load_get_total_bytes", 5120, "load_get_failed_keys", 1, "load_get_error_count", 1, "save_put_count", 1,
				"save_put_avg_ms", 10.0, "save_put_p90_ms", 10.0, "save_put_total_keys", 2, "save_put_total_bytes", 0,
				"save_put_failed_keys", 0, "save_put_error_count", 0);
	}

	@Override
	protected Map<String, Object> emptyStats() {
		return stats();
	}

	@Override
	protected Map<String, Double> meterIncrements() {
		return Map.of(series("operation_total", "load_get", "ok"), 1.0, series("operation_total", "load_get", "error"),
				1.0, series("operation_keys_total", "load_get", "ok"), 3.0,
				series("operation_keys_total", "load_get", "error"), 1.0,
				series("operation_bytes_total", "load_get", "ok"), 4096.0,
				series("operation_bytes_total", "load_get", "error"), 1024.0,
				series("operation_failed_keys_total", "load_get", "error"), 1.0,
				series("operation_time_seconds_count", "load_get", "ok"), 1.0,
				series("operation_time_seconds_count", "save_put", "ok"), 1.0,
				series("operation_keys_total", "save_put", "ok"), 2.0);
	}

	@Override
	protected Overflow overflow() {
		return new Overflow("""
				{"load_get": [{"duration_seconds": 0.001, "num_keys": 1}, {"duration_seconds": 0.002, "num_keys": 1},
				{"duration_seconds": 0.003, "num_keys": 1}],
				"save_put": [{"duration_seconds": 0.004, "num_keys": 1}, {"duration_seconds": 0.005, "num_keys": 1},
				{"duration_seconds": 0.006, "num_keys": 1}]}""",
				stats("load_get_count", 3, "load_get_avg_ms", 2.0, "load_get_p90_ms", 3.0, "load_get_total_keys", 3,
						"load_get_total_bytes", 0, "load_get_failed_keys", 0, "load_get_error_count", 0,
						"save_put_count", 1, "save_put_avg_ms", 4.0, "save_put_p90_ms", 4.0, "save_put_total_keys", 1,
						"save_put_total_bytes", 0, "save_put_failed_keys", 0, "save_put_error_count", 0),
				2, Map.of(series("operation_time_seconds_count", "save_put", "ok"), 3.0,
						series("operation_time_seconds_count", "load_get", "ok"), 3.0));
	}

	@Override
	protected Stream<MalformedRequest> malformedRequests() {
		String longName = "x".repeat(129);
		return Stream.of(malformedData("fractional key count after valid records", """
				{"save_put": [{"duration_seconds": 0.01, "num_keys": 2}],
				"load_get": [{"duration_seconds": 0.002, "num_keys": 1.5}]}""", "data.load_get[0].num_keys"),
				malformedData("key count missing", """
						{"load_get": [{"duration_seconds": 0.002}]}""", "data.load_get[0].num_keys"),
				malformedData("negative duration", """
						{"load_get": [{"duration_seconds": 0.002, "num_keys": 1},
						{"duration_seconds": -0.002, "num_keys": 1}]}""", "data.load_get[1].duration_seconds"),
				malformedData("status that is not a string", """
						{"load_get": [{"duration_seconds": 0.002, "num_keys": 1, "status": 1}]}""",
						"data.load_get[0].status"),
				malformedData("negative failed keys", """
						{"load_get": [{"duration_seconds": 0.002, "num_keys": 1, "num_failed_keys": -1}]}""",
						"data.load_get[0].num_failed_keys"),
				malformedData("records that are not an array", """
						{"load_get": {"duration_seconds": 0.002, "num_keys": 1}}""", "data.load_get"),
				malformedData("record that is not an object", """
						{"load_get": [1]}""", "data.load_get[0]"),
				malformedData("operation name over 128 characters", """
						{"%s": [{"duration_seconds": 0.002, "num_keys": 1}]}""".formatted(longName),
						"data." + longName),
				malformedData("key count beyond 64 bits", """
						{"load_get": [{"duration_seconds": 0.002, "num_keys": 18446744073709551616}]}""",
						"data.load_get[0].num_keys"),
				malformedData("duration beyond the range of a double", """
						{"load_get": [{"duration_seconds": 1e400, "num_keys": 1}]}""",
						"data.load_get[0].duration_seconds"));
	}

	@Test
	void operationNamesTravelAsUtf8AndSortByCodePoint() {
		KvConnectorEndpointClient client = endpoint(EndpointServer.UNRESTRICTED);
		String data = """
				{"\ud83d\ude00_op": [{"duration_seconds": 0.001, "num_keys": 1}],
				"\uff61_op": [{"duration_seconds": 0.002, "num_keys": 2}],
				"загрузка": [{"duration_seconds": 0.003, "num_keys": 3}]}""";
		assertThat(client.post(connector(), request(0, data)).status()).isEqualTo(204);
		Response response = client.get("/" + connector());
		assertThat(response.contentType()).doesNotContainIgnoringCase("charset=ISO-8859-1");
		assertStats(response.json("engines", "0", "current", "stats"),
				stats("загрузка_count", 1, "загрузка_avg_ms", 3.0, "загрузка_p90_ms", 3.0, "загрузка_total_keys", 3,
						"загрузка_total_bytes", 0, "загрузка_failed_keys", 0, "загрузка_error_count", 0,
						"\uff61_op_count", 1, "\uff61_op_avg_ms", 2.0, "\uff61_op_p90_ms", 2.0, "\uff61_op_total_keys",
						2, "\uff61_op_total_bytes", 0, "\uff61_op_failed_keys", 0, "\uff61_op_error_count", 0,
						"\ud83d\ude00_op_count", 1, "\ud83d\ude00_op_avg_ms", 1.0, "\ud83d\ude00_op_p90_ms", 1.0,
						"\ud83d\ude00_op_total_keys", 1, "\ud83d\ude00_op_total_bytes", 0,
						"\ud83d\ude00_op_failed_keys", 0, "\ud83d\ude00_op_error_count", 0));
	}

	private static String series(String name, String operation, String status) {
		return "vllm:mooncake_store_%s{engine=\"0\",model_name=\"%s\",operation=\"%s\",status=\"%s\"}".formatted(name,
				MODEL_NAME, operation, status);
	}

}
