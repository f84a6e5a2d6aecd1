package io.kvconnector.stats.nixl;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.kvconnector.stats.conformance.AbstractReduceConformanceTests;
import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.contract.ConnectorUnderTest;

/**
 * Checks {@link NixlKvConnectorStats} of each schema against every case vLLM's own
 * {@code NixlKVConnectorStats} of that version produced.
 *
 * @author kvconnector-stats
 */
@ParameterizedClass(name = "{0}")
@EnumSource(NixlSchema.class)
class NixlConformanceTests extends AbstractReduceConformanceTests<NixlKvConnectorStats> {

	@Parameter
	NixlSchema schema;

	@Override
	protected ConnectorUnderTest<NixlKvConnectorStats, ?, ?> connector() {
		return new NixlConnectorUnderTest(this.schema);
	}

	@Override
	protected String corpus() {
		return switch (this.schema) {
			case V1 -> ConformanceCorpus.NIXL_REDUCE;
			case V2 -> ConformanceCorpus.NIXL_V2_REDUCE;
		};
	}

}
