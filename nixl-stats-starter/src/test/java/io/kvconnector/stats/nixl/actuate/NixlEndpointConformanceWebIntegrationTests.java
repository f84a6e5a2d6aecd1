package io.kvconnector.stats.nixl.actuate;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorEndpointConformanceWebIntegrationTests;
import io.kvconnector.stats.conformance.ConformanceCorpus;

/**
 * Serves vLLM's {@code reduce()} of NIXL corpus cases posted to the {@code kvconnector}
 * endpoint.
 *
 * @author kvconnector-stats
 */
class NixlEndpointConformanceWebIntegrationTests extends AbstractKvConnectorEndpointConformanceWebIntegrationTests {

	NixlEndpointConformanceWebIntegrationTests() {
		super("nixl", ConformanceCorpus.NIXL_REDUCE);
	}

}
