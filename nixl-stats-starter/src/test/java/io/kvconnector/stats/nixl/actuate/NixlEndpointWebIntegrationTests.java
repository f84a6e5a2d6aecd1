package io.kvconnector.stats.nixl.actuate;

import java.util.Map;
import java.util.stream.Stream;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorEndpointWebIntegrationTests;

/**
 * The {@code kvconnector} endpoint of a NIXL application over HTTP, on Spring MVC and
 * WebFlux.
 *
 * @author kvconnector-stats
 */
class NixlEndpointWebIntegrationTests extends AbstractKvConnectorEndpointWebIntegrationTests {

	private static final String LABELS = "{engine=\"0\",model_name=\"" + MODEL_NAME + "\"}";

	@Override
	protected String connector() {
		return "nixl";
	}

	@Override
	protected String validData() {
		return """
				{"transfer_duration": [0.001, 0.003], "post_duration": [0.0001, 0.0002],
				"bytes_transferred": [1048576, 3145728], "num_descriptors": [4, 6],
				"num_failed_transfers": [1], "num_failed_notifications": [], "num_kv_expired_reqs": [1, 2]}""";
	}

	@Override
	protected Map<String, Object> expectedStats() {
		return stats("Num successful transfers", 2, "Avg xfer time (ms)", 2.0, "P90 xfer time (ms)", 2.8,
				"Avg post time (ms)", 0.15, "P90 post time (ms)", 0.19, "Avg MB per transfer", 2.0, "Throughput (MB/s)",
				1000.0, "Avg number of descriptors", 5.0);
	}

	@Override
	protected Map<String, Object> emptyStats() {
		return stats("Num successful transfers", 0, "Avg xfer time (ms)", 0, "P90 xfer time (ms)", 0,
				"Avg post time (ms)", 0, "P90 post time (ms)", 0, "Avg MB per transfer", 0, "Throughput (MB/s)", 0,
				"Avg number of descriptors", 0);
	}

	@Override
	protected Map<String, Object> emptyExtraMembers() {
		return failures(0, 0, 0);
	}

	@Override
	protected Map<String, Object> expectedExtraMembers() {
		return failures(1, 0, 3);
	}

	private static Map<String, Object> failures(int transfers, int notifications, int expiredRequests) {
		return stats("failures", stats("num_failed_transfers", transfers, "num_failed_notifications", notifications,
				"num_kv_expired_reqs", expiredRequests));
	}

	@Override
	protected Map<String, Double> meterIncrements() {
		return Map.of("vllm:nixl_xfer_time_seconds_count" + LABELS, 2.0, "vllm:nixl_post_time_seconds_count" + LABELS,
				2.0, "vllm:nixl_bytes_transferred_count" + LABELS, 2.0, "vllm:nixl_bytes_transferred_sum" + LABELS,
				4194304.0, "vllm:nixl_num_descriptors_count" + LABELS, 2.0, "vllm:nixl_num_descriptors_sum" + LABELS,
				10.0, "vllm:nixl_num_failed_transfers_total" + LABELS, 1.0,
				"vllm:nixl_num_failed_notifications_total" + LABELS, 0.0,
				"vllm:nixl_num_kv_expired_reqs_total" + LABELS, 3.0);
	}

	@Override
	protected Overflow overflow() {
		return new Overflow("""
				{"transfer_duration": [0.001, 0.002, 0.003, 0.004, 0.005, 0.006],
				"post_duration": [0.001, 0.001, 0.001, 0.001, 0.001, 0.001],
				"bytes_transferred": [1, 2, 3, 4, 5, 6], "num_descriptors": [1, 1, 1, 1, 1, 1]}""",
				stats("Num successful transfers", 4, "Avg xfer time (ms)", 2.5, "P90 xfer time (ms)", 3.7,
						"Avg post time (ms)", 1.0, "P90 post time (ms)", 1.0, "Avg MB per transfer", 0.0,
						"Throughput (MB/s)", 0.001, "Avg number of descriptors", 1.0),
				2, Map.of("vllm:nixl_xfer_time_seconds_count" + LABELS, 6.0, "vllm:nixl_bytes_transferred_sum" + LABELS,
						21.0));
	}

	@Override
	protected Stream<MalformedRequest> malformedRequests() {
		return Stream.of(malformedData("negative duration after valid ones", """
				{"transfer_duration": [0.1, 0.2, 0.3, -1.0], "post_duration": [0.1, 0.1, 0.1, 0.1],
				"bytes_transferred": [1, 2, 3, 4], "num_descriptors": [1, 1, 1, 1], "num_failed_transfers": [1]}""",
				"data.transfer_duration[3]"), malformedData("fractional byte count", """
						{"transfer_duration": [0.1], "post_duration": [0.1], "bytes_transferred": [1.5],
						"num_descriptors": [1]}""", "data.bytes_transferred[0]"),
				malformedData("duration that is a string", """
						{"transfer_duration": [0.1], "post_duration": ["0.1"], "bytes_transferred": [1],
						"num_descriptors": [1]}""", "data.post_duration[0]"),
				malformedData("fractional failure value after valid transfers", """
						{"transfer_duration": [0.1], "post_duration": [0.1], "bytes_transferred": [1],
						"num_descriptors": [1], "num_kv_expired_reqs": [1, 1.5]}""", "data.num_kv_expired_reqs[1]"),
				malformedData("duration beyond the range of a double", """
						{"transfer_duration": [1e400], "post_duration": [0.1], "bytes_transferred": [1],
						"num_descriptors": [1]}""", "data.transfer_duration[0]"),
				malformedData("byte count beyond 64 bits", """
						{"transfer_duration": [0.1], "post_duration": [0.1],
						"bytes_transferred": [18446744073709551616], "num_descriptors": [1]}""",
						"data.bytes_transferred[0]"),
				malformedData("descriptor count above 2^32 - 1", """
						{"transfer_duration": [0.1], "post_duration": [0.1], "bytes_transferred": [1],
						"num_descriptors": [4294967296]}""", "data.num_descriptors[0]"),
				malformedData("extra list holding a string", """
						{"num_failed_transfers": [1], "new_field": [1, "x"]}""", "data.new_field[1]"),
				malformedData("lists of different lengths", """
						{"transfer_duration": [0.1, 0.2], "post_duration": [0.1], "bytes_transferred": [1, 2],
						"num_descriptors": [1, 2]}""", "data.post_duration"));
	}

}
