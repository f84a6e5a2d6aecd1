package io.kvconnector.stats.mooncake.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpoint;
import io.kvconnector.stats.autoconfigure.KvConnectorAutoConfiguration;
import io.kvconnector.stats.autoconfigure.KvConnectorEndpointAutoConfiguration;
import io.kvconnector.stats.autoconfigure.KvConnectorProperties;
import io.kvconnector.stats.autoconfigure.ScheduledIntervalRotation;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MooncakeStatsAutoConfiguration} and {@link MooncakeStatsProperties}.
 *
 * @author kvconnector-stats
 */
class MooncakeStatsAutoConfigurationTests {

	private static final List<String> DEFAULT_OPERATIONS = List.of("save_exists", "save_put", "load_get",
			"lookup_exists");

	private static final List<String> COUNTERS = List.of("vllm:mooncake_store_operation",
			"vllm:mooncake_store_operation_keys", "vllm:mooncake_store_operation_bytes",
			"vllm:mooncake_store_operation_failed_keys");

	private static final List<String> REJECTION_REASONS = List.of("invalid_duration", "negative_count",
			"invalid_operation", "invalid_status", "unknown_engine", "invalid_payload");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer(MooncakeStatsAutoConfigurationTests::useApplicationConversionService)
		.withConfiguration(
				AutoConfigurations.of(KvConnectorAutoConfiguration.class, MooncakeStatsAutoConfiguration.class));

	private final ApplicationContextRunner metricsRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	private final ApplicationContextRunner endpointRunner = this.contextRunner
		.withConfiguration(
				AutoConfigurations.of(EndpointAutoConfiguration.class, KvConnectorEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=kvconnector");

	@Test
	void registersMetricsAndRecorder() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MooncakeMetrics.class)
				.hasSingleBean(MooncakeStatsRecorder.class)
				.hasSingleBean(MooncakeStatsProperties.class)
				.hasSingleBean(ScheduledIntervalRotation.class)
				.doesNotHaveBean(KvConnectorEndpoint.class);
			MooncakeStatsRecorder recorder = context.getBean(MooncakeStatsRecorder.class);
			assertThat(recorder.name()).isEqualTo("mooncake");
			assertThat(recorder.engines()).extracting((engine) -> engine.engine()).containsExactly(0);
		});
	}

	@Test
	void propertiesHaveSpecDefaults() {
		this.contextRunner.run((context) -> {
			MooncakeStatsProperties properties = context.getBean(MooncakeStatsProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getOperations()).containsExactlyElementsOf(DEFAULT_OPERATIONS);
			assertThat(properties.getMaxOperations()).isEqualTo(32);
			assertThat(properties.getMaxStatuses()).isEqualTo(8);
		});
	}

	@Test
	void propertiesBind() {
		this.contextRunner
			.withPropertyValues("kvconnector.mooncake.operations=load_get,batch_put",
					"kvconnector.mooncake.max-operations=2", "kvconnector.mooncake.max-statuses=3")
			.run((context) -> {
				MooncakeStatsProperties properties = context.getBean(MooncakeStatsProperties.class);
				assertThat(properties.getOperations()).containsExactly("load_get", "batch_put");
				assertThat(properties.getMaxOperations()).isEqualTo(2);
				assertThat(properties.getMaxStatuses()).isEqualTo(3);
			});
	}

	@Test
	void noOperationsNeedToBePreRegistered() {
		this.metricsRunner.withPropertyValues("kvconnector.mooncake.operations=").run((context) -> {
			assertThat(context.getBean(MooncakeStatsProperties.class).getOperations()).isEmpty();
			assertThat(context.getBean(MeterRegistry.class).find("vllm:mooncake_store_operation").counters()).isEmpty();
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					cap below operation count      | kvconnector.mooncake.max-operations=3                     | kvconnector.mooncake.max-operations
					zero operation cap             | kvconnector.mooncake.max-operations=0                     | kvconnector.mooncake.max-operations
					one status                     | kvconnector.mooncake.max-statuses=1                       | kvconnector.mooncake.max-statuses
					no statuses                    | kvconnector.mooncake.max-statuses=0                       | kvconnector.mooncake.max-statuses
					duplicate operation            | kvconnector.mooncake.operations=load_get,save_put,load_get | kvconnector.mooncake.operations
					control character in operation | kvconnector.mooncake.operations[0]=load\tget              | kvconnector.mooncake.operations
					""")
	void invalidConfigurationFailsStartUpNamingTheProperty(String name, String property, String expectedName) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property " + expectedName + " with value");
		});
	}

	@Test
	void tooLongOperationNameFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("kvconnector.mooncake.operations=" + "x".repeat(129))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property kvconnector.mooncake.operations with value"));
	}

	@Test
	void invalidSharedConfigurationFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("kvconnector.engines=0,0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property kvconnector.engines with value"));
	}

	@Test
	void registersEndpointWithActuator() {
		this.endpointRunner.run((context) -> {
			assertThat(context).hasSingleBean(KvConnectorEndpoint.class);
			KvConnectorEndpoint endpoint = context.getBean(KvConnectorEndpoint.class);
			assertThat(endpoint.connectors().connectors()).containsOnlyKeys("mooncake");
			context.getBean(MooncakeStatsRecorder.class)
				.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.25).keys(3).build());
			assertThat(endpoint.connector("mooncake").engines().get("0").current().stats())
				.containsEntry("load_get_count", 1)
				.containsEntry("load_get_avg_ms", 250.0);
		});
	}

	@Test
	void backsOffToUserMetrics() {
		this.contextRunner.withUserConfiguration(UserMetricsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MooncakeMetrics.class);
			UserMetricsConfiguration user = context.getBean(UserMetricsConfiguration.class);
			assertThat(context.getBean(MooncakeMetrics.class)).isSameAs(user.metrics);
			context.getBean(MooncakeStatsRecorder.class)
				.recordOperation(MooncakeOperation.builder("custom").durationSeconds(0.25).keys(3).build());
			assertThat(user.registry.get("vllm:mooncake_store_operation")
				.tags("model_name", "user", "operation", "custom")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@ParameterizedTest(name = "kvconnector.engines={0}")
	@ValueSource(strings = { "0,1", "1,0" })
	void userMetricsRecordUnderTheEnginesOfTheProperties(String engines) {
		this.contextRunner.withUserConfiguration(UserMetricsConfiguration.class)
			.withPropertyValues("kvconnector.engines=" + engines)
			.run((context) -> {
				SimpleMeterRegistry registry = context.getBean(UserMetricsConfiguration.class).registry;
				MooncakeStatsRecorder recorder = context.getBean(MooncakeStatsRecorder.class);
				recorder.recordOperation(1, MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(2).build());
				recorder.recordOperation(0,
						MooncakeOperation.builder("save_put").durationSeconds(0.2).keys(3).bytes(4096).build());
				assertThat(registry.get("vllm:mooncake_store_operation_keys")
					.tags("engine", "1", "operation", "load_get", "status", "ok")
					.counter()
					.count()).isEqualTo(2);
				assertThat(registry.get("vllm:mooncake_store_operation_bytes")
					.tags("engine", "0", "operation", "save_put", "status", "ok")
					.counter()
					.count()).isEqualTo(4096);
				assertThat(registry.find("vllm:mooncake_store_operation").counters())
					.extracting(
							(counter) -> counter.getId().getTag("engine") + "/" + counter.getId().getTag("operation"))
					.containsExactlyInAnyOrder("1/load_get", "0/save_put");
				assertThat(registry.find(SampleHealthMeters.DROPPED).counters())
					.extracting((counter) -> counter.getId().getTag("engine"))
					.containsExactlyInAnyOrder("0", "1");
			});
	}

	@Test
	void backsOffToUserRecorder() {
		this.contextRunner.withUserConfiguration(UserRecorderConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MooncakeStatsRecorder.class);
			assertThat(context.getBean(MooncakeStatsRecorder.class))
				.isSameAs(context.getBean(UserRecorderConfiguration.class).recorder);
		});
	}

	@Test
	void backsOffToUserEndpoint() {
		this.endpointRunner.withUserConfiguration(UserEndpointConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(KvConnectorEndpoint.class);
			assertThat(context.getBean(KvConnectorEndpoint.class))
				.isSameAs(context.getBean(UserEndpointConfiguration.class).endpoint);
		});
	}

	@Test
	void mooncakeCanBeDisabled() {
		this.endpointRunner.withPropertyValues("kvconnector.mooncake.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MooncakeMetrics.class)
				.doesNotHaveBean(MooncakeStatsRecorder.class)
				.doesNotHaveBean(MooncakeStatsProperties.class)
				.hasSingleBean(KvConnectorProperties.class);
			assertThat(context.getBean(KvConnectorEndpoint.class).connectors().connectors()).isEmpty();
		});
	}

	@Test
	void disabledMooncakeIgnoresOtherwiseInvalidProperties() {
		this.contextRunner
			.withPropertyValues("kvconnector.mooncake.enabled=false", "kvconnector.mooncake.max-statuses=0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void everythingCanBeDisabled() {
		this.endpointRunner.withPropertyValues("kvconnector.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MooncakeMetrics.class)
				.doesNotHaveBean(MooncakeStatsRecorder.class)
				.doesNotHaveBean(ScheduledIntervalRotation.class)
				.doesNotHaveBean(KvConnectorEndpoint.class));
	}

	@Test
	void configuredOperationsOfEveryEngineExistAtZeroWithOkAndErrorFromStartUp() {
		this.metricsRunner.withPropertyValues("kvconnector.engines=0,1", "kvconnector.model-name=llama")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (String engine : List.of("0", "1")) {
					for (String operation : DEFAULT_OPERATIONS) {
						for (String status : List.of("ok", "error")) {
							Tags tags = Tags.of("model_name", "llama", "engine", engine, "operation", operation,
									"status", status);
							assertThat(registry.get("vllm:mooncake_store_operation_time").tags(tags).timer().count())
								.isZero();
							for (String counter : COUNTERS) {
								assertThat(registry.get(counter).tags(tags).counter().count()).as(counter).isZero();
							}
						}
					}
					assertThat(registry.get(SampleHealthMeters.DROPPED)
						.tags("connector", "mooncake", "engine", engine)
						.counter()
						.count()).isZero();
				}
				assertThat(registry.find("vllm:mooncake_store_operation_time").timers()).hasSize(2 * 4 * 2);
				for (String reason : REJECTION_REASONS) {
					assertThat(registry.get(SampleHealthMeters.REJECTED)
						.tags("connector", "mooncake", "reason", reason)
						.counter()
						.count()).as(reason).isZero();
				}
				assertThat(registry.find(SampleHealthMeters.REJECTED).counters()).hasSize(REJECTION_REASONS.size());
			});
	}

	@Test
	void configuredOperationsAreTheOnesPreRegistered() {
		this.metricsRunner.withPropertyValues("kvconnector.mooncake.operations=batch_get").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("vllm:mooncake_store_operation").counters())
				.extracting((counter) -> counter.getId().getTag("operation") + "/" + counter.getId().getTag("status"))
				.containsExactlyInAnyOrder("batch_get/ok", "batch_get/error");
		});
	}

	@Test
	void modelNameLabelFallsBackToApplicationName() {
		this.metricsRunner.withPropertyValues("spring.application.name=store-gateway")
			.run((context) -> assertThat(context.getBean(MeterRegistry.class)
				.get("vllm:mooncake_store_operation")
				.tags("model_name", "store-gateway", "operation", "load_get", "status", "ok")
				.counter()
				.count()).isZero());
	}

	@Test
	void maxOperationsCapsOperationLabelsOfTheAutoConfiguredRegistry() {
		this.metricsRunner
			.withPropertyValues("kvconnector.mooncake.operations=load_get", "kvconnector.mooncake.max-operations=2")
			.run((context) -> {
				MooncakeStatsRecorder recorder = context.getBean(MooncakeStatsRecorder.class);
				recorder.recordOperation(MooncakeOperation.builder("save_put").durationSeconds(0.1).keys(1).build());
				recorder
					.recordOperation(MooncakeOperation.builder("lookup_exists").durationSeconds(0.1).keys(1).build());
				recorder.recordOperation(MooncakeOperation.builder("batch_get").durationSeconds(0.1).keys(1).build());
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("vllm:mooncake_store_operation").tag("operation", "save_put").counter().count())
					.isOne();
				assertThat(registry.get("vllm:mooncake_store_operation").tag("operation", "other").counter().count())
					.isEqualTo(2);
				assertThat(recorder.engines().get(0).interval().current().data()).containsKeys("lookup_exists",
						"batch_get");
			});
	}

	@Test
	void prometheusExposesConfiguredOperationsFromStartUp() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
							PrometheusMetricsExportAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("kvconnector.engines=0,1", "kvconnector.model-name=llama")
			.run((context) -> {
				assertThat(context).hasSingleBean(PrometheusMeterRegistry.class);
				String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
				for (String engine : List.of("0", "1")) {
					for (String operation : DEFAULT_OPERATIONS) {
						for (String status : List.of("ok", "error")) {
							String labels = "{engine=\"" + engine + "\",model_name=\"llama\",operation=\"" + operation
									+ "\",status=\"" + status + "\"}";
							assertThat(scrape).contains(
									"vllm:mooncake_store_operation_time_seconds_count" + labels + " 0",
									"vllm:mooncake_store_operation_total" + labels + " 0.0",
									"vllm:mooncake_store_operation_keys_total" + labels + " 0.0",
									"vllm:mooncake_store_operation_bytes_total" + labels + " 0.0",
									"vllm:mooncake_store_operation_failed_keys_total" + labels + " 0.0");
						}
					}
					assertThat(scrape).contains(
							"kvconnector_dropped_samples_total{connector=\"mooncake\",engine=\"" + engine + "\"} 0.0");
				}
				for (String reason : REJECTION_REASONS) {
					assertThat(scrape).contains(
							"kvconnector_rejected_samples_total{connector=\"mooncake\",reason=\"" + reason + "\"} 0.0");
				}
			});
	}

	@Test
	void missingPrometheusRegistryFallsBackToSimpleRegistry() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(PrometheusMeterRegistry.class))
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
							PrometheusMetricsExportAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PrometheusMeterRegistry.class)
					.hasSingleBean(SimpleMeterRegistry.class);
				context.getBean(MooncakeStatsRecorder.class)
					.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(2).build());
				assertThat(context.getBean(MeterRegistry.class)
					.get("vllm:mooncake_store_operation_keys")
					.tags("operation", "load_get", "status", "ok")
					.counter()
					.count()).isEqualTo(2);
			});
	}

	@Test
	void missingActuatorRegistersNoEndpointButRecorderWorks() {
		this.endpointRunner.withClassLoader(new FilteredClassLoader(Endpoint.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(KvConnectorEndpoint.class);
			MooncakeStatsRecorder recorder = context.getBean(MooncakeStatsRecorder.class);
			recorder.recordOperation(MooncakeOperation.builder("load_get").durationSeconds(0.1).keys(2).build());
			assertThat(recorder.engines().get(0).interval().current().data()).containsOnlyKeys("load_get");
		});
	}

	@Test
	void missingActuatorEndpointPackageRegistersNoEndpoint() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(KvConnectorEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=kvconnector")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(MooncakeStatsRecorder.class));
	}

	@Test
	void excludedEndpointIsNotRegistered() {
		this.endpointRunner.withPropertyValues("management.endpoints.web.exposure.exclude=kvconnector")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(MooncakeStatsRecorder.class));
	}

	@Test
	void endpointIsNotExposedByDefault() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KvConnectorAutoConfiguration.class, MooncakeStatsAutoConfiguration.class,
							EndpointAutoConfiguration.class, KvConnectorEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(MooncakeStatsRecorder.class));
	}

	@Test
	void endpointWithNoAccessIsNotRegistered() {
		this.endpointRunner.withPropertyValues("management.endpoint.kvconnector.access=none")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(MooncakeStatsRecorder.class));
	}

	// SpringApplication converts 'none' to Access.NONE; a bare context does not
	private static void useApplicationConversionService(ConfigurableApplicationContext context) {
		context.getEnvironment().setConversionService(new ApplicationConversionService());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		final SimpleMeterRegistry registry = new SimpleMeterRegistry();

		final MooncakeMetrics metrics = new MooncakeMetrics("user", List.of(), 4, 2);

		@Bean
		MooncakeMetrics userMooncakeMetrics() {
			this.metrics.bindTo(this.registry);
			return this.metrics;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRecorderConfiguration {

		final MooncakeStatsRecorder recorder = new MooncakeStatsRecorder(List.of(7), 10,
				new MooncakeMetrics("user", List.of(), 4, 2), Clock.systemUTC());

		@Bean
		MooncakeStatsRecorder userMooncakeStatsRecorder() {
			return this.recorder;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		final KvConnectorEndpoint endpoint = new KvConnectorEndpoint(List.of(), Duration.ofSeconds(1));

		@Bean
		KvConnectorEndpoint userKvConnectorEndpoint() {
			return this.endpoint;
		}

	}

}
