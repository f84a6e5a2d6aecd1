package io.kvconnector.stats.mooncake.actuate;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorEndpointConformanceWebIntegrationTests;
import io.kvconnector.stats.conformance.ConformanceCorpus;

/**
 * Serves vLLM's {@code reduce()} of Mooncake store corpus cases posted to the
 * {@code kvconnector} endpoint.
 *
 * @author kvconnector-stats
 */
class MooncakeEndpointConformanceWebIntegrationTests extends AbstractKvConnectorEndpointConformanceWebIntegrationTests {

	MooncakeEndpointConformanceWebIntegrationTests() {
		super("mooncake", ConformanceCorpus.MOONCAKE_REDUCE);
	}

}
