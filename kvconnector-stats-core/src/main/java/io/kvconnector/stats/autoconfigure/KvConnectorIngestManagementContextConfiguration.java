package io.kvconnector.stats.autoconfigure;

import java.util.Optional;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

import io.kvconnector.stats.actuate.endpoint.KvConnectorIngestHandler;
import io.kvconnector.stats.recording.KvConnectorIngest;

/**
 * Maps {@code POST} ingest of the {@code kvconnector} endpoint in the management context
 * (the main one, or the child one on a separate management port), when the endpoint's
 * access is {@code unrestricted}. Actuator write operations bind bodies as flat string
 * maps, so the nested {@code data} object is read here instead; the mapping is ordered
 * before actuator's so that it sees the request first.
 *
 * @author kvconnector-stats
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(RouterFunctionMapping.class)
@ConditionalOnBean({ KvConnectorIngest.class, PathMappedEndpoints.class, EndpointAccessResolver.class })
public final class KvConnectorIngestManagementContextConfiguration {

	private static final EndpointId ENDPOINT_ID = EndpointId.of("kvconnector");

	@Bean
	RouterFunctionMapping kvConnectorIngestHandlerMapping(KvConnectorIngest ingest, KvConnectorProperties properties,
			PathMappedEndpoints pathMappedEndpoints, EndpointAccessResolver accessResolver) {
		RouterFunction<ServerResponse> routes = (request) -> Optional.empty();
		String path = pathMappedEndpoints.getPath(ENDPOINT_ID);
		if (path != null && accessResolver.accessFor(ENDPOINT_ID, Access.READ_ONLY) == Access.UNRESTRICTED) {
			routes = RouterFunctions.route()
				.POST(path + "/{connector}",
						new KvConnectorIngestHandler(ingest, properties.getMaxIngestSize().toBytes()))
				.build();
		}
		RouterFunctionMapping mapping = new RouterFunctionMapping(routes);
		mapping.setOrder(-200);
		return mapping;
	}

}
