package io.kvconnector.stats.mooncake.reliability;

import io.kvconnector.stats.contract.AbstractRecordingReliabilityTests;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.mooncake.MooncakeConnectorUnderTest;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.MooncakeStoreConnectorStats;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;

/**
 * Tests that Mooncake recording loses and invents nothing while intervals rotate every
 * millisecond under many recording threads, and that the per-interval bound holds.
 *
 * @author kvconnector-stats
 */
class MooncakeRecordingReliabilityTests
		extends AbstractRecordingReliabilityTests<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> {

	@Override
	protected ConnectorUnderTest<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> connector() {
		return new MooncakeConnectorUnderTest();
	}

}
