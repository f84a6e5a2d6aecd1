package io.kvconnector.stats.nixl.autoconfigure;

import io.kvconnector.stats.autoconfigure.AbstractKvConnectorAutoConfigurationTests;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;

/**
 * Tests for {@link NixlStatsAutoConfiguration}.
 *
 * @author kvconnector-stats
 */
class NixlStatsAutoConfigurationTests
		extends AbstractKvConnectorAutoConfigurationTests<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> {

	@Override
	protected ConnectorUnderTest<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> connector() {
		return new NixlConnectorUnderTest();
	}

	@Override
	protected Class<?> connectorAutoConfiguration() {
		return NixlStatsAutoConfiguration.class;
	}

	@Override
	protected Class<?> propertiesType() {
		return NixlStatsProperties.class;
	}

	@Override
	protected String logLineOfOneSample() {
		return "KV Transfer metrics: Num successful transfers=1, Avg xfer time (ms)=2.0, P90 xfer time (ms)=2.0, "
				+ "Avg post time (ms)=0.5, P90 post time (ms)=0.5, Avg MB per transfer=1.0, "
				+ "Throughput (MB/s)=500.0, Avg number of descriptors=4.0";
	}

}
