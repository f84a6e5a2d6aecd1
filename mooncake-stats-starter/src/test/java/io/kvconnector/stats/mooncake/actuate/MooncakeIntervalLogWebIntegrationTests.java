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

	@Override
	protected String connector() {
		return "mooncake";
	}

	@Override
	protected String corpus() {
		return ConformanceCorpus.MOONCAKE_REDUCE;
	}

}
