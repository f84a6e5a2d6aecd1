package io.kvconnector.stats.autoconfigure;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.unit.DataSize;

import io.kvconnector.stats.recording.IntervalRotator;
import io.kvconnector.stats.recording.KvTransferLogCapture;
import io.kvconnector.stats.testconnector.TestConnector;
import io.kvconnector.stats.testconnector.TestConnectorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link KvConnectorAutoConfiguration} and {@link KvConnectorProperties}.
 *
 * @author kvconnector-stats
 */
class KvConnectorAutoConfigurationTests {

	private static final String ROTATION_THREAD = ScheduledIntervalRotation.THREAD_NAME;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KvConnectorAutoConfiguration.class));

	@Test
	void propertiesHaveSpecDefaults() {
		this.contextRunner.run((context) -> {
			KvConnectorProperties properties = context.getBean(KvConnectorProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getModelName()).isNull();
			assertThat(properties.getEngines()).containsExactly(0);
			assertThat(properties.getLogInterval()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getMaxSamplesPerInterval()).isEqualTo(1_000_000);
			assertThat(properties.getMaxIngestSize()).isEqualTo(DataSize.ofMegabytes(64));
		});
	}

	@Test
	void propertiesBind() {
		this.contextRunner
			.withPropertyValues("kvconnector.engines=0,1", "kvconnector.log-interval=250ms",
					"kvconnector.max-samples-per-interval=5", "kvconnector.model-name=llama-3-70b",
					"kvconnector.max-ingest-size=2KB")
			.run((context) -> {
				KvConnectorProperties properties = context.getBean(KvConnectorProperties.class);
				assertThat(properties.getEngines()).containsExactly(0, 1);
				assertThat(properties.getLogInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.getMaxSamplesPerInterval()).isEqualTo(5);
				assertThat(properties.getModelName()).isEqualTo("llama-3-70b");
				assertThat(properties.getMaxIngestSize()).isEqualTo(DataSize.ofKilobytes(2));
				assertThat(properties.resolveModelName(context.getEnvironment())).isEqualTo("llama-3-70b");
			});
	}

	@Test
	void modelNameFallsBackToApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=router")
			.run((context) -> assertThat(
					context.getBean(KvConnectorProperties.class).resolveModelName(context.getEnvironment()))
				.isEqualTo("router"));
	}

	@Test
	void modelNameFallsBackToUnknownWithoutApplicationName() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(KvConnectorProperties.class).resolveModelName(context.getEnvironment()))
			.isEqualTo("unknown"));
	}

	@Test
	void modelNameFallsBackToUnknownWithABlankApplicationName() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test", Map.of("spring.application.name", " "))))
			.run((context) -> assertThat(
					context.getBean(KvConnectorProperties.class).resolveModelName(context.getEnvironment()))
				.isEqualTo("unknown"));
	}

	@Test
	void configuredModelNameWinsOverApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=router", "kvconnector.model-name=qwen")
			.run((context) -> assertThat(
					context.getBean(KvConnectorProperties.class).resolveModelName(context.getEnvironment()))
				.isEqualTo("qwen"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					zero log interval                  | kvconnector.log-interval=0s                 | kvconnector.log-interval
					negative log interval              | kvconnector.log-interval=-1s                | kvconnector.log-interval
					log interval beyond a year         | kvconnector.log-interval=366d               | kvconnector.log-interval
					no engines                         | kvconnector.engines=                        | kvconnector.engines
					negative engine                    | kvconnector.engines=0,-1                    | kvconnector.engines
					duplicate engine                   | kvconnector.engines=1,0,1                   | kvconnector.engines
					no samples per interval            | kvconnector.max-samples-per-interval=0      | kvconnector.max-samples-per-interval
					negative samples per interval      | kvconnector.max-samples-per-interval=-3     | kvconnector.max-samples-per-interval
					empty model name                   | kvconnector.model-name=                     | kvconnector.model-name
					empty ingest size                  | kvconnector.max-ingest-size=0B              | kvconnector.max-ingest-size
					in flight below the ingest size    | kvconnector.max-ingest-in-flight=1MB        | kvconnector.max-ingest-in-flight
					""")
	void invalidConfigurationFailsStartUpNamingTheProperty(String name, String property, String expectedName) {
		this.contextRunner.withPropertyValues(property).run(StartupFailures.failsNamingProperty(expectedName));
	}

	@Test
	void blankModelNameFailsStartUpNamingTheProperty() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test", Map.of("kvconnector.model-name", " \t "))))
			.run(StartupFailures.failsNamingProperty("kvconnector.model-name"));
	}

	@Test
	void disabledRegistersNothing() {
		this.contextRunner.withPropertyValues("kvconnector.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorProperties.class)
				.doesNotHaveBean(ScheduledIntervalRotation.class));
	}

	@Test
	void disabledIgnoresOtherwiseInvalidProperties() {
		this.contextRunner.withPropertyValues("kvconnector.enabled=false", "kvconnector.log-interval=0s")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void lifecycleBacksOffToUserBean() {
		this.contextRunner.withUserConfiguration(UserLifecycleConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ScheduledIntervalRotation.class);
			assertThat(context.getBean(ScheduledIntervalRotation.class))
				.isSameAs(context.getBean(UserLifecycleConfiguration.class).lifecycle);
		});
	}

	@Test
	void lifecycleRunsWithTheContextAndStopsItsThreadOnClose() {
		Set<Thread> before = rotationThreads();
		ScheduledIntervalRotation[] lifecycle = new ScheduledIntervalRotation[1];
		Set<Thread> started = new HashSet<>();
		this.contextRunner.withPropertyValues("kvconnector.log-interval=1h").run((context) -> {
			lifecycle[0] = context.getBean(ScheduledIntervalRotation.class);
			assertThat(lifecycle[0].isRunning()).isTrue();
			started.addAll(rotationThreads());
			started.removeAll(before);
			assertThat(started).hasSize(1).allMatch(Thread::isDaemon);
		});
		assertThat(lifecycle[0].isRunning()).isFalse();
		// the executor's worker ends right after awaitTermination returns
		await().atMost(Duration.ofSeconds(10)).until(() -> started.stream().noneMatch(Thread::isAlive));
	}

	@Test
	void lifecycleIsRestartable() {
		ScheduledIntervalRotation lifecycle = new ScheduledIntervalRotation(new IntervalRotator(List.of()),
				Duration.ofHours(1));
		assertThat(lifecycle.isRunning()).isFalse();
		lifecycle.start();
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isTrue();
		lifecycle.stop();
		lifecycle.stop();
		assertThat(lifecycle.isRunning()).isFalse();
		lifecycle.start();
		assertThat(lifecycle.isRunning()).isTrue();
		lifecycle.stop();
		assertThat(lifecycle.isRunning()).isFalse();
	}

	@Test
	void closingTheContextLogsTheLastPartialIntervalOnce() {
		try (KvTransferLogCapture log = KvTransferLogCapture.start()) {
			this.contextRunner.withConfiguration(AutoConfigurations.of(TestConnectorAutoConfiguration.class))
				.withPropertyValues("kvconnector.test.enabled=true", "kvconnector.log-interval=1h")
				.run((context) -> {
					context.getBean(TestConnector.class).record(0.5);
					assertThat(log.pending()).isEmpty();
				});
			assertThat(log.awaitLine()).isEqualTo("KV Transfer metrics: count=1, total=0.5");
			assertThat(log.pending()).isEmpty();
		}
	}

	@Test
	void closingTheContextLogsNothingWhenTheIntervalIsEmpty() {
		try (KvTransferLogCapture log = KvTransferLogCapture.start()) {
			this.contextRunner.withConfiguration(AutoConfigurations.of(TestConnectorAutoConfiguration.class))
				.withPropertyValues("kvconnector.test.enabled=true", "kvconnector.log-interval=1h")
				.run((context) -> assertThat(context).hasSingleBean(TestConnector.class));
			assertThat(log.pending()).isEmpty();
		}
	}

	private static Set<Thread> rotationThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> ROTATION_THREAD.equals(thread.getName()))
			.collect(Collectors.toSet());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserLifecycleConfiguration {

		final ScheduledIntervalRotation lifecycle = new ScheduledIntervalRotation(new IntervalRotator(List.of()),
				Duration.ofHours(1));

		@Bean
		ScheduledIntervalRotation userLifecycle() {
			return this.lifecycle;
		}

	}

}
