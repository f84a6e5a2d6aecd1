package io.kvconnector.stats.nixl.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpoint;
import io.kvconnector.stats.autoconfigure.KvConnectorAutoConfiguration;
import io.kvconnector.stats.autoconfigure.KvConnectorEndpointAutoConfiguration;
import io.kvconnector.stats.autoconfigure.KvConnectorProperties;
import io.kvconnector.stats.autoconfigure.ScheduledIntervalRotation;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;
import io.kvconnector.stats.recording.KvConnectorEngine;

import static io.kvconnector.stats.nixl.NixlTransfers.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link NixlStatsAutoConfiguration}.
 *
 * @author kvconnector-stats
 */
@ExtendWith(OutputCaptureExtension.class)
class NixlStatsAutoConfigurationTests {

	private static final List<String> TIMERS = List.of("vllm:nixl_xfer_time", "vllm:nixl_post_time");

	private static final List<String> SUMMARIES = List.of("vllm:nixl_bytes_transferred", "vllm:nixl_num_descriptors");

	private static final List<String> COUNTERS = List.of("vllm:nixl_num_failed_transfers",
			"vllm:nixl_num_failed_notifications", "vllm:nixl_num_kv_expired_reqs");

	private static final List<String> REJECTION_REASONS = List.of("invalid_duration", "negative_count",
			"descriptors_out_of_range", "unknown_engine", "invalid_payload");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer(NixlStatsAutoConfigurationTests::useApplicationConversionService)
		.withConfiguration(AutoConfigurations.of(KvConnectorAutoConfiguration.class, NixlStatsAutoConfiguration.class));

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
			assertThat(context).hasSingleBean(NixlMetrics.class)
				.hasSingleBean(NixlStatsRecorder.class)
				.hasSingleBean(NixlStatsProperties.class)
				.hasSingleBean(ScheduledIntervalRotation.class)
				.doesNotHaveBean(KvConnectorEndpoint.class);
			NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
			assertThat(recorder.name()).isEqualTo("nixl");
			assertThat(recorder.engines()).extracting((KvConnectorEngine<?> engine) -> engine.engine())
				.containsExactly(0);
		});
	}

	@Test
	void recorderHasOneIntervalPerConfiguredEngine() {
		this.contextRunner.withPropertyValues("kvconnector.engines=3,1").run((context) -> {
			NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
			assertThat(recorder.engines()).extracting((KvConnectorEngine<?> engine) -> engine.engine())
				.containsExactly(3, 1);
			recorder.recordTransfer(1, transfer(1000, 10, 4096, 2));
			assertThat(current(recorder, 0).isEmpty()).isTrue();
			assertThat(current(recorder, 1).numSuccessfulTransfers()).isEqualTo(1);
		});
	}

	@Test
	void recorderKeepsAtMostMaxSamplesPerInterval() {
		this.contextRunner.withPropertyValues("kvconnector.max-samples-per-interval=2").run((context) -> {
			NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
			for (int i = 0; i < 3; i++) {
				recorder.recordTransfer(transfer(1000, 10, 4096, 2));
			}
			assertThat(current(recorder, 0).numSuccessfulTransfers()).isEqualTo(2);
			assertThat(current(recorder, 0).droppedSamples()).isEqualTo(1);
		});
	}

	@Test
	void registersEndpointWithActuator() {
		this.endpointRunner.run((context) -> {
			assertThat(context).hasSingleBean(KvConnectorEndpoint.class);
			KvConnectorEndpoint endpoint = context.getBean(KvConnectorEndpoint.class);
			assertThat(endpoint.connectors().connectors()).containsOnlyKeys("nixl");
			assertThat(endpoint.connectors().logInterval()).isEqualTo("PT10S");
		});
	}

	@Test
	void endpointSeesRecordedTransfers() {
		this.endpointRunner.run((context) -> {
			context.getBean(NixlStatsRecorder.class).recordTransfer(transfer(2000, 500, 1048576, 4));
			KvConnectorEndpoint endpoint = context.getBean(KvConnectorEndpoint.class);
			assertThat(endpoint.connector("nixl").engines().get("0").current().stats())
				.containsEntry("Num successful transfers", 1)
				.containsEntry("Avg xfer time (ms)", 2.0);
		});
	}

	@Test
	void backsOffToUserMetrics() {
		this.contextRunner.withUserConfiguration(UserMetricsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(NixlMetrics.class);
			UserMetricsConfiguration user = context.getBean(UserMetricsConfiguration.class);
			assertThat(context.getBean(NixlMetrics.class)).isSameAs(user.metrics);
			context.getBean(NixlStatsRecorder.class).recordTransfer(transfer(1000, 10, 4096, 2));
			assertThat(user.registry.get("vllm:nixl_xfer_time").tag("model_name", "user").timer().count()).isEqualTo(1);
		});
	}

	@Test
	void backsOffToUserRecorder() {
		this.contextRunner.withUserConfiguration(UserRecorderConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(NixlStatsRecorder.class);
			assertThat(context.getBean(NixlStatsRecorder.class))
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
	void nixlCanBeDisabled() {
		this.endpointRunner.withPropertyValues("kvconnector.nixl.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(NixlMetrics.class)
				.doesNotHaveBean(NixlStatsRecorder.class)
				.hasSingleBean(KvConnectorProperties.class)
				.hasSingleBean(ScheduledIntervalRotation.class);
			assertThat(context.getBean(KvConnectorEndpoint.class).connectors().connectors()).isEmpty();
		});
	}

	@Test
	void everythingCanBeDisabled() {
		this.endpointRunner.withPropertyValues("kvconnector.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(NixlMetrics.class)
				.doesNotHaveBean(NixlStatsRecorder.class)
				.doesNotHaveBean(ScheduledIntervalRotation.class)
				.doesNotHaveBean(KvConnectorEndpoint.class));
	}

	@Test
	void everySeriesOfEveryEngineExistsAtZeroFromStartUp() {
		this.metricsRunner.withPropertyValues("kvconnector.engines=0,1", "kvconnector.model-name=llama")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (String engine : List.of("0", "1")) {
					Tags tags = Tags.of("model_name", "llama", "engine", engine);
					for (String timer : TIMERS) {
						assertThat(registry.get(timer).tags(tags).timer().count()).as(timer).isZero();
					}
					for (String summary : SUMMARIES) {
						assertThat(registry.get(summary).tags(tags).summary().count()).as(summary).isZero();
					}
					for (String counter : COUNTERS) {
						assertThat(registry.get(counter).tags(tags).counter().count()).as(counter).isZero();
					}
					assertThat(health(registry, SampleHealthMeters.DROPPED).tag("engine", engine).counter().count())
						.isZero();
				}
				for (String reason : REJECTION_REASONS) {
					assertThat(health(registry, SampleHealthMeters.REJECTED).tag("reason", reason).counter().count())
						.as(reason)
						.isZero();
				}
				assertThat(registry.find(SampleHealthMeters.REJECTED).counters()).hasSize(REJECTION_REASONS.size());
				assertThat(registry.find("vllm:nixl_xfer_time").timers()).hasSize(2);
			});
	}

	@Test
	void modelNameLabelFallsBackToApplicationName() {
		this.metricsRunner.withPropertyValues("spring.application.name=router")
			.run((context) -> assertThat(context.getBean(MeterRegistry.class)
				.get("vllm:nixl_xfer_time")
				.tags("model_name", "router", "engine", "0")
				.timer()
				.count()).isZero());
	}

	@Test
	void modelNameLabelIsUnknownWithoutApplicationName() {
		this.metricsRunner.run((context) -> assertThat(context.getBean(MeterRegistry.class)
			.get("vllm:nixl_num_failed_transfers")
			.tags("model_name", "unknown", "engine", "0")
			.counter()
			.count()).isZero());
	}

	@Test
	void recordingUpdatesAutoConfiguredRegistry() {
		this.metricsRunner.withPropertyValues("kvconnector.engines=0,1").run((context) -> {
			NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
			recorder.recordTransfer(1, transfer(1000, 10, 4096, 2));
			recorder.recordFailedNotification(1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("vllm:nixl_xfer_time").tag("engine", "1").timer().count()).isEqualTo(1);
			assertThat(registry.get("vllm:nixl_xfer_time").tag("engine", "0").timer().count()).isZero();
			assertThat(registry.get("vllm:nixl_num_failed_notifications").tag("engine", "1").counter().count())
				.isEqualTo(1);
		});
	}

	@Test
	void prometheusExposesEverySeriesOfEveryEngineFromStartUp() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
							PrometheusMetricsExportAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("kvconnector.engines=0,1", "kvconnector.model-name=llama")
			.run((context) -> {
				assertThat(context).hasSingleBean(PrometheusMeterRegistry.class);
				String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
				for (String engine : List.of("0", "1")) {
					String labels = "{engine=\"" + engine + "\",model_name=\"llama\"}";
					assertThat(scrape).contains("vllm:nixl_xfer_time_seconds_count" + labels + " 0",
							"vllm:nixl_post_time_seconds_count" + labels + " 0",
							"vllm:nixl_bytes_transferred_count" + labels + " 0",
							"vllm:nixl_num_descriptors_count" + labels + " 0",
							"vllm:nixl_num_failed_transfers_total" + labels + " 0.0",
							"vllm:nixl_num_failed_notifications_total" + labels + " 0.0",
							"vllm:nixl_num_kv_expired_reqs_total" + labels + " 0.0",
							"kvconnector_dropped_samples_total{connector=\"nixl\",engine=\"" + engine + "\"} 0.0");
				}
				for (String reason : REJECTION_REASONS) {
					assertThat(scrape).contains(
							"kvconnector_rejected_samples_total{connector=\"nixl\",reason=\"" + reason + "\"} 0.0");
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
				context.getBean(NixlStatsRecorder.class).recordTransfer(transfer(1000, 10, 4096, 2));
				assertThat(context.getBean(MeterRegistry.class).get("vllm:nixl_xfer_time").timer().count())
					.isEqualTo(1);
			});
	}

	@Test
	void missingActuatorRegistersNoEndpointButRecorderWorks() {
		this.endpointRunner.withClassLoader(new FilteredClassLoader(Endpoint.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(KvConnectorEndpoint.class);
			NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
			recorder.recordTransfer(transfer(1000, 10, 4096, 2));
			assertThat(current(recorder, 0).numSuccessfulTransfers()).isEqualTo(1);
		});
	}

	@Test
	void missingActuatorEndpointPackageRegistersNoEndpoint() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(KvConnectorEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=kvconnector")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(NixlStatsRecorder.class));
	}

	@Test
	void excludedEndpointIsNotRegistered() {
		this.endpointRunner.withPropertyValues("management.endpoints.web.exposure.exclude=kvconnector")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(NixlStatsRecorder.class));
	}

	@Test
	void endpointIsNotExposedByDefault() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(KvConnectorAutoConfiguration.class, NixlStatsAutoConfiguration.class,
							EndpointAutoConfiguration.class, KvConnectorEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(NixlStatsRecorder.class));
	}

	@Test
	void endpointWithNoAccessIsNotRegistered() {
		this.endpointRunner.withPropertyValues("management.endpoint.kvconnector.access=none")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(NixlStatsRecorder.class));
	}

	@Test
	void lifecycleRotatesIntervalsAndLogsVllmLine(CapturedOutput output) {
		this.contextRunner.withPropertyValues("kvconnector.log-interval=50ms").run((context) -> {
			NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
			recorder.recordTransfer(transfer(2000, 500, 1048576, 4));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut()
					.contains("KV Transfer metrics: Num successful transfers=1, "
							+ "Avg xfer time (ms)=2.0, P90 xfer time (ms)=2.0, Avg post time (ms)=0.5, "
							+ "P90 post time (ms)=0.5, Avg MB per transfer=1.0, Throughput (MB/s)=500.0, "
							+ "Avg number of descriptors=4.0"));
			assertThat(engine(recorder, 0).interval().last()).isNotNull();
			assertThat(current(recorder, 0).isEmpty()).isTrue();
		});
	}

	@Test
	void userMetricsRecordEveryConfiguredEngineUnderItsOwnLabel() {
		for (String engines : List.of("0,1", "1,0")) {
			this.contextRunner.withPropertyValues("kvconnector.engines=" + engines)
				.withUserConfiguration(UserMetricsConfiguration.class)
				.run((context) -> {
					UserMetricsConfiguration user = context.getBean(UserMetricsConfiguration.class);
					NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
					recorder.recordTransfer(1, transfer(1000, 10, 4096, 2));
					recorder.recordTransfer(1, transfer(2000, 10, 4096, 2));
					recorder.recordFailedNotification(0);
					assertThat(user.registry.get("vllm:nixl_xfer_time").tag("engine", "1").timer().count()).as(engines)
						.isEqualTo(2);
					assertThat(user.registry.get("vllm:nixl_xfer_time").tag("engine", "0").timer().count()).as(engines)
						.isZero();
					assertThat(user.registry.get("vllm:nixl_num_failed_notifications")
						.tag("engine", "0")
						.counter()
						.count()).as(engines).isOne();
					assertThat(user.registry.get("vllm:nixl_num_failed_notifications")
						.tag("engine", "1")
						.counter()
						.count()).as(engines).isZero();
				});
		}
	}

	private static KvConnectorEngine<NixlKvConnectorStats> engine(NixlStatsRecorder recorder, int position) {
		return recorder.engines().get(position);
	}

	private static NixlKvConnectorStats current(NixlStatsRecorder recorder, int position) {
		return engine(recorder, position).interval().current();
	}

	private static RequiredSearch health(MeterRegistry registry, String name) {
		return registry.get(name).tag("connector", "nixl");
	}

	// SpringApplication converts 'none' to Access.NONE; a bare context does not
	private static void useApplicationConversionService(ConfigurableApplicationContext context) {
		context.getEnvironment().setConversionService(new ApplicationConversionService());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		final SimpleMeterRegistry registry = new SimpleMeterRegistry();

		final NixlMetrics metrics = new NixlMetrics("user");

		@Bean
		NixlMetrics userNixlMetrics() {
			this.metrics.bindTo(this.registry);
			return this.metrics;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRecorderConfiguration {

		final NixlStatsRecorder recorder = new NixlStatsRecorder(List.of(7), 10, new NixlMetrics("user"),
				Clock.systemUTC());

		@Bean
		NixlStatsRecorder userNixlStatsRecorder() {
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
