package io.kvconnector.stats.mooncake.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import io.kvconnector.stats.autoconfigure.KvConnectorAutoConfiguration;
import io.kvconnector.stats.autoconfigure.KvConnectorProperties;
import io.kvconnector.stats.metrics.PinnedDistributionMeterFilter;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;

/**
 * Auto-configuration of the Mooncake store connector's stats: the recorder that
 * application code calls and vLLM's {@code vllm:mooncake_store_*} meters.
 *
 * @author kvconnector-stats
 */
@AutoConfiguration(after = KvConnectorAutoConfiguration.class,
		afterName = "io.kvconnector.stats.nixl.autoconfigure.NixlStatsAutoConfiguration")
@ConditionalOnBooleanProperty(name = "kvconnector.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "kvconnector.mooncake.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MooncakeStatsProperties.class)
public final class MooncakeStatsAutoConfiguration {

	/**
	 * Name of the filter bean that keeps vLLM's buckets on the Mooncake store histogram;
	 * a bean of this name replaces it.
	 */
	public static final String PINNED_DISTRIBUTION_FILTER_BEAN_NAME = "mooncakePinnedDistributionMeterFilter";

	@Bean
	@ConditionalOnMissingBean
	MooncakeMetrics mooncakeMetrics(KvConnectorProperties properties, MooncakeStatsProperties mooncakeProperties,
			Environment environment) {
		return new MooncakeMetrics(properties.resolveModelName(environment), mooncakeProperties.getOperations(),
				mooncakeProperties.getMaxOperations(), mooncakeProperties.getMaxStatuses());
	}

	// after Boot's PropertiesMeterFilter (order 0) so that ours wins; by name, because
	// every connector declares a filter of this type
	@Bean(PINNED_DISTRIBUTION_FILTER_BEAN_NAME)
	@ConditionalOnMissingBean(name = PINNED_DISTRIBUTION_FILTER_BEAN_NAME)
	@Order(Ordered.LOWEST_PRECEDENCE)
	PinnedDistributionMeterFilter mooncakePinnedDistributionMeterFilter() {
		return MooncakeMetrics.pinnedDistributionFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	MooncakeStatsRecorder mooncakeStatsRecorder(KvConnectorProperties properties, MooncakeMetrics mooncakeMetrics) {
		return new MooncakeStatsRecorder(properties.getEngines(), properties.getMaxSamplesPerInterval(),
				mooncakeMetrics, Clock.systemUTC());
	}

}
