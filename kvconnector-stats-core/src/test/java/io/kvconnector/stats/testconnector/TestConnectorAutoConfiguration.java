package io.kvconnector.stats.testconnector;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.kvconnector.stats.autoconfigure.KvConnectorAutoConfiguration;
import io.kvconnector.stats.autoconfigure.KvConnectorProperties;

/**
 * Auto-configuration of the test connector, as a starter would configure a real one; only
 * on core's test class path, and off unless {@code kvconnector.test.enabled=true}.
 *
 * @author kvconnector-stats
 */
@AutoConfiguration(after = KvConnectorAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "kvconnector.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("kvconnector.test.enabled")
public final class TestConnectorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TestMetrics testMetrics() {
		return new TestMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	TestConnector testConnector(KvConnectorProperties properties, TestMetrics testMetrics) {
		return new TestConnector(properties.getEngines(), properties.getMaxSamplesPerInterval(), testMetrics,
				Clock.systemUTC());
	}

}
