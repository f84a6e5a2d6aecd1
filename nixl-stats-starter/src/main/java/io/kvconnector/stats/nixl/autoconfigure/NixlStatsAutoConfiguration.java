package io.kvconnector.stats.nixl.autoconfigure;

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
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;

/**
 * Auto-configuration of the NIXL connector's stats: the recorder that application code
 * calls and vLLM's {@code vllm:nixl_*} meters.
 *
 * @author kvconnector-stats
 */
@AutoConfiguration(after = KvConnectorAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "kvconnector.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "kvconnector.nixl.enabled", matchIfMissing = true)
@EnableConfigurationProperties(NixlStatsProperties.class)
public final class NixlStatsAutoConfiguration {

	/**
	 * Name of the filter bean that keeps vLLM's buckets on the NIXL histograms; a bean of
	 * this name replaces it.
	 */
	public static final String PINNED_DISTRIBUTION_FILTER_BEAN_NAME = "nixlPinnedDistributionMeterFilter";

	@Bean
	@ConditionalOnMissingBean
	NixlMetrics nixlMetrics(KvConnectorProperties properties, NixlStatsProperties nixlProperties,
			Environment environment) {
		return new NixlMetrics(properties.resolveModelName(environment), nixlProperties.getSchema());
	}

	// after Boot's PropertiesMeterFilter (order 0) so that ours wins; by name, because
	// every connector declares a filter of this type
	@Bean(PINNED_DISTRIBUTION_FILTER_BEAN_NAME)
	@ConditionalOnMissingBean(name = PINNED_DISTRIBUTION_FILTER_BEAN_NAME)
	@Order(Ordered.LOWEST_PRECEDENCE)
	PinnedDistributionMeterFilter nixlPinnedDistributionMeterFilter() {
		return NixlMetrics.pinnedDistributionFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	NixlStatsRecorder nixlStatsRecorder(KvConnectorProperties properties, NixlMetrics nixlMetrics) {
		return new NixlStatsRecorder(properties.getEngines(), properties.getMaxSamplesPerInterval(), nixlMetrics,
				Clock.systemUTC());
	}

}
