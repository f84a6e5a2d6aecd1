package io.kvconnector.stats.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpoint;
import io.kvconnector.stats.recording.KvConnector;
import io.kvconnector.stats.recording.KvConnectorIngest;

/**
 * Auto-configuration of the {@code kvconnector} actuator endpoint.
 *
 * @author kvconnector-stats
 */
@AutoConfiguration(after = KvConnectorAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBooleanProperty(name = "kvconnector.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(KvConnectorEndpoint.class)
public final class KvConnectorEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KvConnectorEndpoint kvConnectorEndpoint(KvConnectorProperties properties,
			ObjectProvider<KvConnector<?>> connectors) {
		return new KvConnectorEndpoint(connectors.orderedStream().toList(), properties.getLogInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	KvConnectorIngest kvConnectorIngest(ObjectProvider<KvConnector<?>> connectors) {
		return new KvConnectorIngest(connectors.orderedStream().toList());
	}

}
