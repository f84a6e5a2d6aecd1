package io.kvconnector.stats.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.kvconnector.stats.recording.IntervalRotator;
import io.kvconnector.stats.recording.KvConnector;

/**
 * Auto-configuration of what the KV-connector starters share: the properties and the
 * interval rotation that logs vLLM's line.
 *
 * @author kvconnector-stats
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "kvconnector.enabled", matchIfMissing = true)
@EnableConfigurationProperties(KvConnectorProperties.class)
public final class KvConnectorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IntervalRotator kvConnectorIntervalRotator(ObjectProvider<KvConnector<?>> connectors) {
		return new IntervalRotator(connectors.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduledIntervalRotation kvConnectorScheduledIntervalRotation(KvConnectorProperties properties,
			IntervalRotator kvConnectorIntervalRotator) {
		return new ScheduledIntervalRotation(kvConnectorIntervalRotator, properties.getLogInterval());
	}

}
