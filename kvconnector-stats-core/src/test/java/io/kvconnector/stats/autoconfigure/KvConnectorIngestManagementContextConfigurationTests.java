package io.kvconnector.stats.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

import io.kvconnector.stats.actuate.endpoint.WebFluxKvConnectorIngestHandler;
import io.kvconnector.stats.actuate.endpoint.WebMvcKvConnectorIngestHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KvConnectorIngestManagementContextConfiguration}.
 *
 * @author kvconnector-stats
 */
@ExtendWith(OutputCaptureExtension.class)
class KvConnectorIngestManagementContextConfigurationTests {

	private static final String MAPPING = "kvConnectorIngestHandlerMapping";

	private static final String UNAVAILABLE = "POST /actuator/kvconnector/{connector} (ingest) is unavailable";

	private static final AutoConfigurations ACTUATOR = AutoConfigurations.of(EndpointAutoConfiguration.class,
			WebEndpointAutoConfiguration.class, KvConnectorAutoConfiguration.class,
			KvConnectorEndpointAutoConfiguration.class, ManagementContextAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(ACTUATOR)
		.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class))
		.withInitializer(KvConnectorIngestManagementContextConfigurationTests::useApplicationConversionService)
		.withPropertyValues("management.endpoints.web.exposure.include=kvconnector");

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(ACTUATOR)
		.withInitializer(KvConnectorIngestManagementContextConfigurationTests::useApplicationConversionService)
		.withPropertyValues("management.endpoints.web.exposure.include=kvconnector");

	@Test
	void unrestrictedAccessRoutesPostToTheWebMvcIngestHandler(CapturedOutput output) {
		this.contextRunner.withPropertyValues("management.endpoint.kvconnector.access=unrestricted").run((context) -> {
			assertThat(mapping(context).getOrder()).isEqualTo(-200);
			HandlerExecutionChain chain = handler(context, "POST", "/actuator/kvconnector/nixl");
			assertThat(chain).isNotNull();
			assertThat(chain.getHandler()).isInstanceOf(WebMvcKvConnectorIngestHandler.class);
			assertThat(handler(context, "GET", "/actuator/kvconnector/nixl")).isNull();
			assertThat(handler(context, "DELETE", "/actuator/kvconnector/nixl")).isNull();
			assertThat(handler(context, "POST", "/actuator/kvconnector")).isNull();
		});
		assertThat(output).doesNotContain(UNAVAILABLE);
	}

	@Test
	void unrestrictedAccessRoutesPostToTheWebFluxIngestHandler(CapturedOutput output) {
		this.reactiveContextRunner.withPropertyValues("management.endpoint.kvconnector.access=unrestricted")
			.run((context) -> {
				assertThat(reactiveMapping(context).getOrder()).isEqualTo(-200);
				assertThat(handler(context, HttpMethod.POST, "/actuator/kvconnector/nixl"))
					.isInstanceOf(WebFluxKvConnectorIngestHandler.class);
				assertThat(handler(context, HttpMethod.GET, "/actuator/kvconnector/nixl")).isNull();
				assertThat(handler(context, HttpMethod.DELETE, "/actuator/kvconnector/nixl")).isNull();
				assertThat(handler(context, HttpMethod.POST, "/actuator/kvconnector")).isNull();
			});
		assertThat(output).doesNotContain(UNAVAILABLE);
	}

	@Test
	void ingestRouteFollowsTheEndpointBasePath() {
		String[] properties = { "management.endpoint.kvconnector.access=unrestricted",
				"management.endpoints.web.base-path=/manage", "management.endpoints.web.path-mapping.kvconnector=kv" };
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(handler(context, "POST", "/manage/kv/nixl")).isNotNull();
			assertThat(handler(context, "POST", "/actuator/kvconnector/nixl")).isNull();
		});
		this.reactiveContextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(handler(context, HttpMethod.POST, "/manage/kv/nixl")).isNotNull();
			assertThat(handler(context, HttpMethod.POST, "/actuator/kvconnector/nixl")).isNull();
		});
	}

	@Test
	void defaultReadOnlyAccessRoutesNothing() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean(MAPPING);
			assertThat(handler(context, "POST", "/actuator/kvconnector/nixl")).isNull();
		});
		this.reactiveContextRunner.run((context) -> {
			assertThat(context).hasBean(MAPPING);
			assertThat(handler(context, HttpMethod.POST, "/actuator/kvconnector/nixl")).isNull();
		});
	}

	@Test
	void readOnlyDefaultAccessOfAllEndpointsRoutesNothing() {
		this.contextRunner
			.withPropertyValues("management.endpoints.access.default=unrestricted",
					"management.endpoints.access.max-permitted=read-only")
			.run((context) -> assertThat(handler(context, "POST", "/actuator/kvconnector/nixl")).isNull());
	}

	@Test
	void unrestrictedDefaultAccessOfAllEndpointsRoutesPost() {
		this.contextRunner.withPropertyValues("management.endpoints.access.default=unrestricted")
			.run((context) -> assertThat(handler(context, "POST", "/actuator/kvconnector/nixl")).isNotNull());
		this.reactiveContextRunner.withPropertyValues("management.endpoints.access.default=unrestricted")
			.run((context) -> assertThat(handler(context, HttpMethod.POST, "/actuator/kvconnector/nixl")).isNotNull());
	}

	@Test
	void noAccessRegistersNoRoute() {
		this.contextRunner.withPropertyValues("management.endpoint.kvconnector.access=none")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MAPPING));
		this.reactiveContextRunner.withPropertyValues("management.endpoint.kvconnector.access=none")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MAPPING));
	}

	@Test
	void unexposedEndpointRoutesNothing() {
		this.contextRunner
			.withPropertyValues("management.endpoint.kvconnector.access=unrestricted",
					"management.endpoints.web.exposure.exclude=kvconnector")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MAPPING));
	}

	@Test
	void nonWebApplicationRegistersNoRoute() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
					KvConnectorAutoConfiguration.class, KvConnectorEndpointAutoConfiguration.class))
			.withUserConfiguration(KvConnectorIngestManagementContextConfiguration.class)
			.withInitializer(KvConnectorIngestManagementContextConfigurationTests::useApplicationConversionService)
			.withPropertyValues("management.endpoints.web.exposure.include=kvconnector",
					"management.endpoint.kvconnector.access=unrestricted")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RouterFunctionMapping.class));
	}

	@Test
	void servletApplicationWithoutSpringMvcRouterFunctionsWarnsThatIngestIsUnavailable(CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RouterFunctionMapping.class))
			.withPropertyValues("management.endpoint.kvconnector.access=unrestricted")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(MAPPING);
				assertThat(output).containsOnlyOnce(UNAVAILABLE).contains("spring-webmvc");
			});
	}

	@Test
	void servletApplicationWhoseActuatorIsNotServedBySpringMvcWarnsThatIngestIsUnavailable(CapturedOutput output) {
		new WebApplicationContextRunner().withConfiguration(ACTUATOR)
			.withInitializer(KvConnectorIngestManagementContextConfigurationTests::useApplicationConversionService)
			.withPropertyValues("management.endpoints.web.exposure.include=kvconnector",
					"management.endpoint.kvconnector.access=unrestricted")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(MAPPING);
				assertThat(output).containsOnlyOnce(UNAVAILABLE).contains("DispatcherServlet");
			});
	}

	@Test
	void unavailableIngestIsNotWarnedAboutWhenAccessIsReadOnly(CapturedOutput output) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RouterFunctionMapping.class))
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(UNAVAILABLE);
	}

	// SpringApplication converts 'unrestricted' to Access.UNRESTRICTED; a bare context
	// does not
	private static void useApplicationConversionService(ConfigurableApplicationContext context) {
		context.getEnvironment().setConversionService(new ApplicationConversionService());
	}

	private static RouterFunctionMapping mapping(AssertableWebApplicationContext context) {
		return context.getBean(MAPPING, RouterFunctionMapping.class);
	}

	private static HandlerExecutionChain handler(AssertableWebApplicationContext context, String method, String path)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(context.getServletContext(), method, path);
		return mapping(context).getHandler(request);
	}

	private static org.springframework.web.reactive.function.server.support.RouterFunctionMapping reactiveMapping(
			AssertableReactiveWebApplicationContext context) {
		return context.getBean(MAPPING,
				org.springframework.web.reactive.function.server.support.RouterFunctionMapping.class);
	}

	private static Object handler(AssertableReactiveWebApplicationContext context, HttpMethod method, String path) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
		return reactiveMapping(context).getHandler(exchange).block();
	}

}
