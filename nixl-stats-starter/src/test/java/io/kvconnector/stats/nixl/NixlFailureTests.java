package io.kvconnector.stats.nixl;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.kvconnector.stats.nixl.metrics.NixlMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link NixlFailure}.
 *
 * @author kvconnector-stats
 */
class NixlFailureTests {

	@Test
	void everyKindCarriesVllmWireKeyMeterNameAndHelpInWireOrder() {
		assertThat(NixlFailure.values())
			.extracting(NixlFailure::wireKey, NixlFailure::meterName, NixlFailure::description)
			.containsExactly(
					tuple("num_failed_transfers", "vllm:nixl_num_failed_transfers",
							"Number of failed NIXL KV Cache transfers."),
					tuple("num_failed_notifications", "vllm:nixl_num_failed_notifications",
							"Number of failed NIXL KV Cache notifications."),
					tuple("num_failed_handshakes", "vllm:nixl_num_failed_transfers",
							"Number of failed NIXL KV Cache transfers."),
					tuple("num_kv_expired_reqs", "vllm:nixl_num_kv_expired_reqs",
							"Number of requests that had their KV expire. NOTE: This metric is tracked on the P instance."),
					tuple("num_notifications_after_expiry", "vllm:nixl_num_notifications_after_expiry",
							"Number of NIXL KV Cache notifications that arrived after their KV expired."));
	}

	@ParameterizedTest
	@EnumSource(NixlSchema.class)
	void wireFormatListsTheKindsOfTheSchemaAfterTheTransfersInDeclarationOrder(NixlSchema schema) {
		List<String> keys = List.copyOf(new NixlKvConnectorStats(schema).data().keySet());
		List<String> kinds = schema.failures().stream().map(NixlFailure::wireKey).toList();
		assertThat(keys.subList(4, keys.size())).containsExactlyElementsOf(kinds);
		assertThat(schema.failures()).isSortedAccordingTo(NixlFailure::compareTo);
		assertThat(new NixlKvConnectorStats(schema).failureTotals().keySet()).containsExactlyElementsOf(kinds);
	}

	@ParameterizedTest
	@EnumSource(NixlSchema.class)
	void everyCounterOfTheSchemaHasItsHelpForEveryEngine(NixlSchema schema) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		NixlMetrics metrics = new NixlMetrics("model", schema);
		metrics.bindTo(registry);
		metrics.engine(0);
		metrics.engine(4);
		for (NixlFailure kind : schema.counters()) {
			for (String engine : List.of("0", "4")) {
				Counter counter = registry.get(kind.meterName())
					.tags("model_name", "model", "engine", engine)
					.counter();
				assertThat(counter.getId().getDescription()).isEqualTo(kind.description());
				assertThat(counter.count()).isZero();
			}
		}
		assertThat(registry.find(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY.meterName()).counters())
			.hasSize((schema == NixlSchema.V2) ? 2 : 0);
		assertThat(registry.getMeters())
			.filteredOn((meter) -> meter instanceof Counter && meter.getId().getName().startsWith("vllm:"))
			.hasSize(2 * schema.counters().size());
	}

}
