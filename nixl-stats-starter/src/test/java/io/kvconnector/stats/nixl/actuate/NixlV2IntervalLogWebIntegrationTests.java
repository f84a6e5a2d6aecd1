package io.kvconnector.stats.nixl.actuate;

import java.util.List;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorIntervalLogWebIntegrationTests;
import io.kvconnector.stats.conformance.ConformanceCorpus;

/**
 * Logs vLLM's ten-field line for NIXL schema v2 corpus cases posted to the
 * {@code kvconnector} endpoint of an application with {@code kvconnector.nixl.schema=v2}.
 *
 * @author kvconnector-stats
 */
class NixlV2IntervalLogWebIntegrationTests extends AbstractKvConnectorIntervalLogWebIntegrationTests {

	NixlV2IntervalLogWebIntegrationTests() {
		super("nixl", ConformanceCorpus.NIXL_V2_REDUCE, List.of("kvconnector.nixl.schema=v2"));
	}

}
