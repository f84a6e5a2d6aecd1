package io.kvconnector.stats.nixl.reliability;

import io.kvconnector.stats.contract.AbstractRecordingReliabilityTests;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;

/**
 * Tests that NIXL recording loses and invents nothing while intervals rotate every
 * millisecond under many recording threads, and that the per-interval bound holds.
 *
 * @author kvconnector-stats
 */
class NixlRecordingReliabilityTests
		extends AbstractRecordingReliabilityTests<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> {

	@Override
	protected ConnectorUnderTest<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> connector() {
		return new NixlConnectorUnderTest();
	}

}
