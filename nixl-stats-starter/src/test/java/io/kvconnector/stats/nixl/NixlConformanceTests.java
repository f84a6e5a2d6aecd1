package io.kvconnector.stats.nixl;

import io.kvconnector.stats.conformance.AbstractReduceConformanceTests;
import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.contract.ConnectorUnderTest;

/**
 * Checks {@link NixlKvConnectorStats} against every case vLLM's own
 * {@code NixlKVConnectorStats} produced.
 *
 * @author kvconnector-stats
 */
class NixlConformanceTests extends AbstractReduceConformanceTests<NixlKvConnectorStats> {

	@Override
	protected ConnectorUnderTest<NixlKvConnectorStats, ?, ?> connector() {
		return new NixlConnectorUnderTest();
	}

	@Override
	protected String corpus() {
		return ConformanceCorpus.NIXL_REDUCE;
	}

}
