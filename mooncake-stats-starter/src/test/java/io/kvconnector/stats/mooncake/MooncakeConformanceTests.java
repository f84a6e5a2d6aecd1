package io.kvconnector.stats.mooncake;

import io.kvconnector.stats.conformance.AbstractReduceConformanceTests;
import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.contract.ConnectorUnderTest;

/**
 * Checks {@link MooncakeStoreConnectorStats} against every case vLLM's own
 * {@code MooncakeStoreConnectorStats} produced.
 *
 * @author kvconnector-stats
 */
class MooncakeConformanceTests extends AbstractReduceConformanceTests<MooncakeStoreConnectorStats> {

	@Override
	protected ConnectorUnderTest<MooncakeStoreConnectorStats, ?, ?> connector() {
		return new MooncakeConnectorUnderTest();
	}

	@Override
	protected String corpus() {
		return ConformanceCorpus.MOONCAKE_REDUCE;
	}

}
