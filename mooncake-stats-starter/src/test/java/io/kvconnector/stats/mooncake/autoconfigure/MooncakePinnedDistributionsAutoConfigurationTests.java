package io.kvconnector.stats.mooncake.autoconfigure;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.ApplicationContext;

import io.kvconnector.stats.autoconfigure.AbstractPinnedDistributionsAutoConfigurationTests;
import io.kvconnector.stats.autoconfigure.KvConnectorAutoConfiguration;
import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;

/**
 * Checks that {@link MooncakeStatsAutoConfiguration} keeps vLLM's Mooncake store buckets
 * whatever {@code management.metrics.distribution.*} says.
 *
 * @author kvconnector-stats
 */
class MooncakePinnedDistributionsAutoConfigurationTests extends AbstractPinnedDistributionsAutoConfigurationTests {

	private static final String OPERATION_TIME = "vllm:mooncake_store_operation_time";

	@Override
	protected AutoConfigurations connectorAutoConfigurations() {
		return AutoConfigurations.of(KvConnectorAutoConfiguration.class, MooncakeStatsAutoConfiguration.class);
	}

	@Override
	protected String pinnedDistributionFilterBeanName() {
		return MooncakeStatsAutoConfiguration.PINNED_DISTRIBUTION_FILTER_BEAN_NAME;
	}

	@Override
	protected List<VllmHistogram> vllmHistograms() {
		return List.of(VllmHistogram.of(OPERATION_TIME, OPERATION_TIME + "_seconds", 0.001, 0.005, 0.01, 0.05, 0.1, 0.2,
				0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0));
	}

	@Override
	protected void record(ApplicationContext context, ToDoubleFunction<String> valueOfMeter) {
		context.getBean(MooncakeStatsRecorder.class)
			.recordOperation(MooncakeOperation.builder("save_put")
				.durationSeconds(valueOfMeter.applyAsDouble(OPERATION_TIME))
				.keys(1)
				.bytes(1)
				.build());
	}

}
