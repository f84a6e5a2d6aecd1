package io.kvconnector.stats.autoconfigure;

import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

import io.kvconnector.stats.actuate.endpoint.WebFluxKvConnectorIngestHandler;
import io.kvconnector.stats.actuate.endpoint.WebMvcKvConnectorIngestHandler;
import io.kvconnector.stats.recording.KvConnectorIngest;

/**
 * Maps {@code POST} ingest of the {@code kvconnector} endpoint in the management context
 * (the main one, or the child one on a separate management port) of a Spring MVC or a
 * WebFlux application, when the endpoint's access is {@code unrestricted}; on any other
 * web stack, warns at start-up that ingest is unavailable. Actuator write operations bind
 * bodies as flat string maps, so the nested {@code data} object is read by a router
 * function instead, mapped before actuator's handler mapping so that it sees the request
 * first.
 *
 * @author kvconnector-stats
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnBean({ KvConnectorIngest.class, PathMappedEndpoints.class, EndpointAccessResolver.class })
public final class KvConnectorIngestManagementContextConfiguration {

	private static final EndpointId ENDPOINT_ID = EndpointId.of("kvconnector");

	/**
	 * Order of the ingest handler mappings: ahead of actuator's ({@code -100}).
	 */
	static final int ORDER = -200;

	private static final String WEB_MVC_ROUTER_FUNCTION_MAPPING = "org.springframework.web.servlet.function.support.RouterFunctionMapping";

	private static final String WEB_FLUX_ROUTER_FUNCTION_MAPPING = "org.springframework.web.reactive.function.server.support.RouterFunctionMapping";

	/**
	 * Return the path whose {@code /{connector}} sub-paths take ingest.
	 * @param endpoints where endpoints are mapped
	 * @param accessResolver the endpoints' access
	 * @return the endpoint's path, or {@code null} when it is not exposed over HTTP or
	 * its access is not unrestricted
	 */
	private static @Nullable String ingestPath(PathMappedEndpoints endpoints, EndpointAccessResolver accessResolver) {
		String path = endpoints.getPath(ENDPOINT_ID);
		return (path != null && accessResolver.accessFor(ENDPOINT_ID, Access.READ_ONLY) == Access.UNRESTRICTED) ? path
				: null;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ DispatcherServlet.class, RouterFunctionMapping.class })
	@ConditionalOnBean(DispatcherServlet.class)
	static class WebMvcIngestConfiguration {

		@Bean
		RouterFunctionMapping kvConnectorIngestHandlerMapping(KvConnectorIngest ingest,
				KvConnectorProperties properties, PathMappedEndpoints pathMappedEndpoints,
				EndpointAccessResolver accessResolver) {
			RouterFunction<ServerResponse> routes = (request) -> Optional.empty();
			String path = ingestPath(pathMappedEndpoints, accessResolver);
			if (path != null) {
				routes = RouterFunctions.route()
					.POST(path + "/{connector}",
							new WebMvcKvConnectorIngestHandler(ingest, properties.getMaxIngestSize().toBytes(),
									properties.resolveMaxIngestInFlightBytes()))
					.build();
			}
			RouterFunctionMapping mapping = new RouterFunctionMapping(routes);
			mapping.setOrder(ORDER);
			return mapping;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass({ DispatcherHandler.class,
			org.springframework.web.reactive.function.server.support.RouterFunctionMapping.class })
	static class WebFluxIngestConfiguration {

		@Bean
		org.springframework.web.reactive.function.server.support.RouterFunctionMapping kvConnectorIngestHandlerMapping(
				KvConnectorIngest ingest, KvConnectorProperties properties, PathMappedEndpoints pathMappedEndpoints,
				EndpointAccessResolver accessResolver) {
			org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> routes = (
					request) -> Mono.empty();
			String path = ingestPath(pathMappedEndpoints, accessResolver);
			if (path != null) {
				routes = org.springframework.web.reactive.function.server.RouterFunctions.route()
					.POST(path + "/{connector}",
							new WebFluxKvConnectorIngestHandler(ingest, properties.getMaxIngestSize().toBytes(),
									properties.resolveMaxIngestInFlightBytes()))
					.build();
			}
			org.springframework.web.reactive.function.server.support.RouterFunctionMapping mapping = new org.springframework.web.reactive.function.server.support.RouterFunctionMapping(
					routes);
			mapping.setOrder(ORDER);
			return mapping;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NoIngestRoutesCondition.class)
	static class UnavailableIngestConfiguration {

		@Bean
		UnavailableIngestWarning kvConnectorUnavailableIngestWarning(PathMappedEndpoints pathMappedEndpoints,
				EndpointAccessResolver accessResolver, ApplicationContext context) {
			return new UnavailableIngestWarning(ingestPath(pathMappedEndpoints, accessResolver), context);
		}

	}

	/**
	 * Matches when neither Spring MVC nor WebFlux serves actuator with router functions.
	 */
	static final class NoIngestRoutesCondition extends NoneNestedConditions {

		NoIngestRoutesCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnWebApplication(type = Type.SERVLET)
		@ConditionalOnClass(name = WEB_MVC_ROUTER_FUNCTION_MAPPING)
		@ConditionalOnBean(type = "org.springframework.web.servlet.DispatcherServlet")
		static final class WebMvcRoutes {

		}

		@ConditionalOnWebApplication(type = Type.REACTIVE)
		@ConditionalOnClass(
				name = { "org.springframework.web.reactive.DispatcherHandler", WEB_FLUX_ROUTER_FUNCTION_MAPPING })
		static final class WebFluxRoutes {

		}

	}

	/**
	 * Warns once at start-up that ingest is unavailable although access to the endpoint
	 * is unrestricted.
	 */
	static final class UnavailableIngestWarning implements SmartInitializingSingleton {

		private static final Log logger = LogFactory.getLog(KvConnectorIngestManagementContextConfiguration.class);

		private final @Nullable String path;

		private final ApplicationContext context;

		UnavailableIngestWarning(@Nullable String path, ApplicationContext context) {
			this.path = path;
			this.context = context;
		}

		@Override
		public void afterSingletonsInstantiated() {
			if (this.path != null) {
				logger.warn("POST " + this.path + "/{connector} (ingest) is unavailable although access to the "
						+ "kvconnector endpoint is unrestricted: " + reason()
						+ "; ingest needs actuator served by Spring MVC or WebFlux, the other operations are not affected.");
			}
		}

		private String reason() {
			ClassLoader classLoader = this.context.getClassLoader();
			if (this.context instanceof ReactiveWebApplicationContext) {
				return "WebFlux's router functions are not on the class path";
			}
			if (!ClassUtils.isPresent(WEB_MVC_ROUTER_FUNCTION_MAPPING, classLoader)) {
				return "Spring MVC's router functions (spring-webmvc) are not on the class path";
			}
			return "actuator is not served by Spring MVC's DispatcherServlet (by Jersey, for example)";
		}

	}

}
