package io.kvconnector.stats.mooncake.actuate;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorIntervalLogWebIntegrationTests;
import io.kvconnector.stats.conformance.ConformanceCorpus;

/**
 * Logs vLLM's line for Mooncake store corpus cases posted to the {@code kvconnector}
 * endpoint.
 *
 * @author kvconnector-stats
 */
class MooncakeIntervalLogWebIntegrationTests extends AbstractKvConnectorIntervalLogWebIntegrationTests {

	MooncakeIntervalLogWebIntegrationTests() {
		super("mooncake", ConformanceCorpus.MOONCAKE_REDUCE);
	}

}
