package io.kvconnector.stats.nixl.actuate;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorIntervalLogWebIntegrationTests;
import io.kvconnector.stats.conformance.ConformanceCorpus;

/**
 * Logs vLLM's line for NIXL corpus cases posted to the {@code kvconnector} endpoint.
 *
 * @author kvconnector-stats
 */
class NixlIntervalLogWebIntegrationTests extends AbstractKvConnectorIntervalLogWebIntegrationTests {

	NixlIntervalLogWebIntegrationTests() {
		super("nixl", ConformanceCorpus.NIXL_REDUCE);
	}

}
