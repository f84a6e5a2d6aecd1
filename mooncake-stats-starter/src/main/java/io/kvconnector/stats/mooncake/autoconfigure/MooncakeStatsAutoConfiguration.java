package io.kvconnector.stats.mooncake.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.kvconnector.stats.autoconfigure.KvConnectorAutoConfiguration;
import io.kvconnector.stats.autoconfigure.KvConnectorProperties;
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

	@Bean
	@ConditionalOnMissingBean
	MooncakeMetrics mooncakeMetrics(KvConnectorProperties properties, MooncakeStatsProperties mooncakeProperties,
			Environment environment) {
		return new MooncakeMetrics(properties.resolveModelName(environment), mooncakeProperties.getOperations(),
				mooncakeProperties.getMaxOperations(), mooncakeProperties.getMaxStatuses());
	}

	@Bean
	@ConditionalOnMissingBean
	MooncakeStatsRecorder mooncakeStatsRecorder(KvConnectorProperties properties, MooncakeMetrics mooncakeMetrics) {
		return new MooncakeStatsRecorder(properties.getEngines(), properties.getMaxSamplesPerInterval(),
				mooncakeMetrics, Clock.systemUTC());
	}

}
