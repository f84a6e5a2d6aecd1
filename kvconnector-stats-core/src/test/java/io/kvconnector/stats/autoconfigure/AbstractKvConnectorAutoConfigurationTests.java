package io.kvconnector.stats.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpoint;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.recording.KvConnector;
import io.kvconnector.stats.recording.KvConnectorEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks what every connector's auto-configuration promises, as Boot's
 * {@code AbstractCacheAutoConfigurationTests} does for cache providers: the recorder and
 * meters, one engine per configured index, back-off to the user's beans, the switches,
 * the {@code model_name} label, every series at zero from start-up, the optional
 * Prometheus registry and actuator, the endpoint's exposure and the interval log. Each
 * starter extends it with its auto-configuration; its own properties are tested in the
 * subclass.
 *
 * @param <S> the stats type
 * @param <R> the recorder type
 * @param <M> the meter binder type
 * @author kvconnector-stats
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class AbstractKvConnectorAutoConfigurationTests<S extends KvConnectorStats<S>, R extends KvConnector<S>, M extends MeterBinder> {

	private static final String ENDPOINT_ID = "kvconnector";

	/**
	 * Runs the shared and the connector's auto-configuration.
	 */
	protected final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer(AbstractKvConnectorAutoConfigurationTests::useApplicationConversionService)
		.withConfiguration(AutoConfigurations.of(KvConnectorAutoConfiguration.class, connectorAutoConfiguration()));

	/**
	 * Adds Boot's metrics auto-configuration with a simple registry.
	 */
	protected final ApplicationContextRunner metricsRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	private final ApplicationContextRunner prometheusRunner = this.contextRunner.withConfiguration(
			AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					PrometheusMetricsExportAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	private final ApplicationContextRunner endpointRunner = this.contextRunner
		.withConfiguration(
				AutoConfigurations.of(EndpointAutoConfiguration.class, KvConnectorEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=" + ENDPOINT_ID);

	/**
	 * Return the connector under test.
	 * @return the connector
	 */
	protected abstract ConnectorUnderTest<S, R, M> connector();

	/**
	 * Return the connector's auto-configuration class; called while the runners are
	 * built, so it must not depend on the subclass's fields.
	 * @return the auto-configuration class
	 */
	protected abstract Class<?> connectorAutoConfiguration();

	/**
	 * Return the connector's {@code @ConfigurationProperties} type.
	 * @return the properties type
	 */
	protected abstract Class<?> propertiesType();

	/**
	 * Return the line the interval rotation logs for an interval holding sample 0 of
	 * {@link ConnectorUnderTest#record(KvConnector, long, boolean)}, as vLLM writes it.
	 * @return the line
	 */
	protected abstract String logLineOfOneSample();

	@Test
	void registersMetricsAndRecorder() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(connector().metricsType())
				.hasSingleBean(connector().recorderType())
				.hasSingleBean(propertiesType())
				.hasSingleBean(ScheduledIntervalRotation.class)
				.doesNotHaveBean(KvConnectorEndpoint.class);
			R recorder = context.getBean(connector().recorderType());
			assertThat(recorder.name()).isEqualTo(connector().name());
			assertThat(recorder.engines()).extracting(KvConnectorEngine::engine).containsExactly(0);
		});
	}

	@Test
	void recorderHasOneEnginePerConfiguredIndex() {
		this.contextRunner.withPropertyValues("kvconnector.engines=3,1").run((context) -> {
			R recorder = context.getBean(connector().recorderType());
			assertThat(recorder.engines()).extracting(KvConnectorEngine::engine).containsExactly(3, 1);
			connector().record(recorder, 1, 0, false);
			assertThat(current(recorder, 0).isEmpty()).isTrue();
			assertThat(samples(current(recorder, 1))).isOne();
		});
	}

	@Test
	void recorderKeepsAtMostMaxSamplesPerInterval() {
		this.contextRunner.withPropertyValues("kvconnector.max-samples-per-interval=2").run((context) -> {
			R recorder = context.getBean(connector().recorderType());
			for (int i = 0; i < 3; i++) {
				connector().record(recorder, i, false);
			}
			assertThat(samples(current(recorder, 0))).isEqualTo(2);
			assertThat(current(recorder, 0).droppedSamples()).isOne();
		});
	}

	@Test
	void invalidSharedConfigurationFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("kvconnector.engines=0,0")
			.run(StartupFailures.failsNamingProperty("kvconnector.engines"));
	}

	@Test
	void registersEndpointThatSeesTheRecordedSamples() {
		this.endpointRunner.run((context) -> {
			assertThat(context).hasSingleBean(KvConnectorEndpoint.class);
			KvConnectorEndpoint endpoint = context.getBean(KvConnectorEndpoint.class);
			assertThat(endpoint.connectors().connectors()).containsOnlyKeys(connector().name());
			assertThat(endpoint.connectors().logInterval()).isEqualTo("PT10S");
			R recorder = context.getBean(connector().recorderType());
			connector().record(recorder, 0, false);
			KvConnectorEndpoint.ConnectorDescriptor descriptor = endpoint.connector(connector().name());
			assertThat(descriptor).isNotNull();
			assertThat(descriptor.engines().get("0").current().stats())
				.containsExactlyEntriesOf(current(recorder, 0).reduce());
			assertThat(samples(current(recorder, 0))).isOne();
		});
	}

	@Test
	void backsOffToUserMetrics() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		M metrics = connector().metrics("user");
		metrics.bindTo(registry);
		this.contextRunner.withBean("userMetrics", connector().metricsType(), () -> metrics).run((context) -> {
			assertThat(context).hasSingleBean(connector().metricsType());
			assertThat(context.getBean(connector().metricsType())).isSameAs(metrics);
			connector().record(context.getBean(connector().recorderType()), 0, false);
			assertThat(connector().meteredSamples(registry, 0)).isOne();
			assertThat(vllmMeters(registry)).isNotEmpty()
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("model_name")).isEqualTo("user"));
		});
	}

	@ParameterizedTest(name = "kvconnector.engines={0}")
	@ValueSource(strings = { "0,1", "1,0" })
	void userMetricsRecordEveryConfiguredEngineUnderItsOwnLabel(String engines) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		M metrics = connector().metrics("user");
		metrics.bindTo(registry);
		this.contextRunner.withPropertyValues("kvconnector.engines=" + engines)
			.withBean("userMetrics", connector().metricsType(), () -> metrics)
			.run((context) -> {
				R recorder = context.getBean(connector().recorderType());
				connector().record(recorder, 1, 0, false);
				connector().record(recorder, 1, 1, false);
				connector().record(recorder, 0, 2, true);
				assertThat(connector().meteredSamples(registry, 1)).isEqualTo(2);
				assertThat(connector().meteredSamples(registry, 0)).isOne();
				assertThat(connector().meteredFailures(registry)).isOne();
				assertThat(registry.find(SampleHealthMeters.DROPPED).counters())
					.extracting((counter) -> counter.getId().getTag("engine"))
					.containsExactlyInAnyOrder("0", "1");
			});
	}

	@Test
	void backsOffToUserRecorder() {
		R recorder = connector().recorder(List.of(7), 10, connector().metrics("user"));
		this.contextRunner.withBean("userRecorder", connector().recorderType(), () -> recorder).run((context) -> {
			assertThat(context).hasSingleBean(connector().recorderType());
			assertThat(context.getBean(connector().recorderType())).isSameAs(recorder);
		});
	}

	@Test
	void backsOffToUserEndpoint() {
		KvConnectorEndpoint endpoint = new KvConnectorEndpoint(List.of(), Duration.ofSeconds(1));
		this.endpointRunner.withBean("userEndpoint", KvConnectorEndpoint.class, () -> endpoint).run((context) -> {
			assertThat(context).hasSingleBean(KvConnectorEndpoint.class);
			assertThat(context.getBean(KvConnectorEndpoint.class)).isSameAs(endpoint);
		});
	}

	@Test
	void connectorCanBeDisabled() {
		this.endpointRunner.withPropertyValues("kvconnector." + connector().name() + ".enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(connector().metricsType())
					.doesNotHaveBean(connector().recorderType())
					.doesNotHaveBean(propertiesType())
					.hasSingleBean(KvConnectorProperties.class)
					.hasSingleBean(ScheduledIntervalRotation.class);
				assertThat(context.getBean(KvConnectorEndpoint.class).connectors().connectors()).isEmpty();
			});
	}

	@Test
	void everythingCanBeDisabled() {
		this.endpointRunner.withPropertyValues("kvconnector.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(connector().metricsType())
				.doesNotHaveBean(connector().recorderType())
				.doesNotHaveBean(propertiesType())
				.doesNotHaveBean(ScheduledIntervalRotation.class)
				.doesNotHaveBean(KvConnectorEndpoint.class));
	}

	@Test
	void prometheusExposesEverySeriesOfEveryEngineAtZeroFromStartUp() {
		this.prometheusRunner.withPropertyValues("kvconnector.engines=0,1", "kvconnector.model-name=llama")
			.run((context) -> {
				assertThat(context).hasSingleBean(PrometheusMeterRegistry.class);
				String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
				List<String> expected = new ArrayList<>();
				for (int engine : List.of(0, 1)) {
					expected.addAll(connector().seriesAtZero(engine, "llama"));
				}
				assertThat(vllmCountsAndTotals(scrape)).containsExactlyInAnyOrderElementsOf(expected);
				String connector = "connector=\"" + connector().name() + "\"";
				assertThat(scrape).contains("kvconnector_dropped_samples_total{" + connector + ",engine=\"0\"} 0.0",
						"kvconnector_dropped_samples_total{" + connector + ",engine=\"1\"} 0.0");
				List<String> rejected = connector().rejectionReasons()
					.stream()
					.map((reason) -> "kvconnector_rejected_samples_total{" + connector + ",reason=\"" + reason
							+ "\"} 0.0")
					.toList();
				assertThat(scrape.lines().filter((line) -> line.startsWith("kvconnector_rejected_samples_total{")))
					.containsExactlyInAnyOrderElementsOf(rejected);
			});
	}

	@Test
	void modelNameLabelFallsBackToApplicationName() {
		this.prometheusRunner.withPropertyValues("spring.application.name=router")
			.run((context) -> assertThat(vllmCountsAndTotals(context.getBean(PrometheusMeterRegistry.class).scrape()))
				.containsExactlyInAnyOrderElementsOf(connector().seriesAtZero(0, "router")));
	}

	@Test
	void modelNameLabelIsUnknownWithoutApplicationName() {
		this.prometheusRunner
			.run((context) -> assertThat(vllmCountsAndTotals(context.getBean(PrometheusMeterRegistry.class).scrape()))
				.containsExactlyInAnyOrderElementsOf(connector().seriesAtZero(0, "unknown")));
	}

	@Test
	void recordingUpdatesTheAutoConfiguredRegistryOnItsEngine() {
		this.metricsRunner.withPropertyValues("kvconnector.engines=0,1").run((context) -> {
			connector().record(context.getBean(connector().recorderType()), 1, 0, true);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(connector().meteredSamples(registry, 1)).isOne();
			assertThat(connector().meteredSamples(registry, 0)).isZero();
			assertThat(connector().meteredFailures(registry)).isOne();
		});
	}

	@Test
	void missingPrometheusRegistryFallsBackToSimpleRegistry() {
		this.prometheusRunner.withClassLoader(new FilteredClassLoader(PrometheusMeterRegistry.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(PrometheusMeterRegistry.class).hasSingleBean(SimpleMeterRegistry.class);
			connector().record(context.getBean(connector().recorderType()), 0, false);
			assertThat(connector().meteredSamples(context.getBean(MeterRegistry.class), 0)).isOne();
		});
	}

	@Test
	void missingActuatorRegistersNoEndpointButRecorderWorks() {
		this.endpointRunner.withClassLoader(new FilteredClassLoader(Endpoint.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(KvConnectorEndpoint.class);
			R recorder = context.getBean(connector().recorderType());
			connector().record(recorder, 0, false);
			assertThat(samples(current(recorder, 0))).isOne();
		});
	}

	@Test
	void missingActuatorEndpointPackageRegistersNoEndpoint() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(KvConnectorEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=" + ENDPOINT_ID)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(connector().recorderType()));
	}

	@Test
	void excludedEndpointIsNotRegistered() {
		this.endpointRunner.withPropertyValues("management.endpoints.web.exposure.exclude=" + ENDPOINT_ID)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(connector().recorderType()));
	}

	@Test
	void endpointIsNotExposedByDefault() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KvConnectorAutoConfiguration.class, connectorAutoConfiguration(),
					EndpointAutoConfiguration.class, KvConnectorEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(connector().recorderType()));
	}

	@Test
	void endpointWithNoAccessIsNotRegistered() {
		this.endpointRunner.withPropertyValues("management.endpoint." + ENDPOINT_ID + ".access=none")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KvConnectorEndpoint.class)
				.hasSingleBean(connector().recorderType()));
	}

	@Test
	void rotationClosesIntervalsAndLogsVllmsLine(CapturedOutput output) {
		this.contextRunner.withPropertyValues("kvconnector.log-interval=50ms").run((context) -> {
			R recorder = context.getBean(connector().recorderType());
			connector().record(recorder, 0, false);
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(logLineOfOneSample()));
			assertThat(recorder.engines().get(0).interval().last()).isNotNull();
			assertThat(current(recorder, 0).isEmpty()).isTrue();
		});
	}

	private S current(R recorder, int position) {
		return recorder.engines().get(position).interval().current();
	}

	private long samples(S stats) {
		return connector().samples(stats.reduce());
	}

	private static List<Meter> vllmMeters(MeterRegistry registry) {
		return registry.getMeters().stream().filter((meter) -> meter.getId().getName().startsWith("vllm:")).toList();
	}

	// the samples that count observations: a series exists exactly when they do
	private static List<String> vllmCountsAndTotals(String scrape) {
		return scrape.lines()
			.filter((line) -> line.startsWith("vllm:"))
			.filter((line) -> line.contains("_count{") || line.contains("_total{"))
			.toList();
	}

	// SpringApplication converts 'none' to Access.NONE; a bare context does not
	private static void useApplicationConversionService(ConfigurableApplicationContext context) {
		context.getEnvironment().setConversionService(new ApplicationConversionService());
	}

}
