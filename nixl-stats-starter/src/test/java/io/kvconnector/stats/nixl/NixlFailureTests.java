package io.kvconnector.stats.nixl;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

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
					tuple("num_kv_expired_reqs", "vllm:nixl_num_kv_expired_reqs",
							"Number of requests that had their KV expire. NOTE: This metric is tracked on the P instance."));
	}

	@Test
	void wireFormatListsTheKindsAfterTheTransfersInDeclarationOrder() {
		List<String> keys = List.copyOf(new NixlKvConnectorStats().data().keySet());
		assertThat(keys.subList(4, keys.size()))
			.containsExactly(List.of(NixlFailure.values()).stream().map(NixlFailure::wireKey).toArray(String[]::new));
		assertThat(new NixlKvConnectorStats().failureTotals().keySet()).containsExactlyElementsOf(keys.subList(4, 7));
	}

	@Test
	void everyKindHasItsCounterWithItsHelpForEveryEngine() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		NixlMetrics metrics = new NixlMetrics("model");
		metrics.bindTo(registry);
		metrics.engine(0);
		metrics.engine(4);
		for (NixlFailure kind : NixlFailure.values()) {
			for (String engine : List.of("0", "4")) {
				Counter counter = registry.get(kind.meterName())
					.tags("model_name", "model", "engine", engine)
					.counter();
				assertThat(counter.getId().getDescription()).isEqualTo(kind.description());
				assertThat(counter.count()).isZero();
			}
		}
	}

}
