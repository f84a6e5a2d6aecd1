package io.kvconnector.stats.nixl.actuate;

import java.util.List;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorEndpointConformanceWebIntegrationTests;
import io.kvconnector.stats.conformance.ConformanceCorpus;

/**
 * Serves vLLM's {@code reduce()} of NIXL schema v2 corpus cases posted to the
 * {@code kvconnector} endpoint of an application with {@code kvconnector.nixl.schema=v2}.
 *
 * @author kvconnector-stats
 */
class NixlV2EndpointConformanceWebIntegrationTests extends AbstractKvConnectorEndpointConformanceWebIntegrationTests {

	NixlV2EndpointConformanceWebIntegrationTests() {
		super("nixl", ConformanceCorpus.NIXL_V2_REDUCE, List.of("kvconnector.nixl.schema=v2"));
	}

}
