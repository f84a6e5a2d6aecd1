package io.kvconnector.stats.mooncake.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.kvconnector.stats.autoconfigure.AbstractKvConnectorAutoConfigurationTests;
import io.kvconnector.stats.autoconfigure.StartupFailures;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.mooncake.MooncakeConnectorUnderTest;
import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.MooncakeStoreConnectorStats;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MooncakeStatsAutoConfiguration} and {@link MooncakeStatsProperties}.
 *
 * @author kvconnector-stats
 */
class MooncakeStatsAutoConfigurationTests extends
		AbstractKvConnectorAutoConfigurationTests<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> {

	private static final String OPERATION_COUNTER = "vllm:mooncake_store_operation";

	@Override
	protected ConnectorUnderTest<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> connector() {
		return new MooncakeConnectorUnderTest();
	}

	@Override
	protected Class<?> connectorAutoConfiguration() {
		return MooncakeStatsAutoConfiguration.class;
	}

	@Override
	protected Class<?> propertiesType() {
		return MooncakeStatsProperties.class;
	}

	@Override
	protected String logLineOfOneSample() {
		return "KV Transfer metrics: save_exists_count=1, save_exists_avg_ms=250.0, save_exists_p90_ms=250.0, "
				+ "save_exists_total_keys=3, save_exists_total_bytes=4096, save_exists_failed_keys=0, "
				+ "save_exists_error_count=0";
	}

	@Test
	void propertiesHaveSpecDefaults() {
		this.contextRunner.run((context) -> {
			MooncakeStatsProperties properties = context.getBean(MooncakeStatsProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getOperations()).containsExactlyElementsOf(MooncakeConnectorUnderTest.OPERATIONS);
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
		this.contextRunner.withPropertyValues(property).run(StartupFailures.failsNamingProperty(expectedName));
	}

	@Test
	void tooLongOperationNameFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("kvconnector.mooncake.operations=" + "x".repeat(129))
			.run(StartupFailures.failsNamingProperty("kvconnector.mooncake.operations"));
	}

	@Test
	void disabledMooncakeIgnoresOtherwiseInvalidProperties() {
		this.contextRunner
			.withPropertyValues("kvconnector.mooncake.enabled=false", "kvconnector.mooncake.max-statuses=0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void noOperationsNeedToBePreRegisteredAndRecordedOnesAreRegisteredOnTheirEngine() {
		this.metricsRunner.withPropertyValues("kvconnector.mooncake.operations=", "kvconnector.engines=0,1")
			.run((context) -> {
				assertThat(context.getBean(MooncakeStatsProperties.class).getOperations()).isEmpty();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find(OPERATION_COUNTER).counters()).isEmpty();
				context.getBean(MooncakeStatsRecorder.class)
					.recordOperation(1, MooncakeOperation.builder("save_put").durationSeconds(0.1).keys(2).build());
				assertThat(registry.find(OPERATION_COUNTER).counters())
					.extracting((counter) -> counter.getId().getTag("engine") + "/"
							+ counter.getId().getTag("operation") + "/" + counter.getId().getTag("status"))
					.containsExactly("1/save_put/ok");
				assertThat(registry.get(OPERATION_COUNTER + "_keys").tag("engine", "1").counter().count()).isEqualTo(2);
			});
	}

	@Test
	void configuredOperationsAreTheOnesPreRegistered() {
		this.metricsRunner.withPropertyValues("kvconnector.mooncake.operations=batch_get").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find(OPERATION_COUNTER).counters())
				.extracting((counter) -> counter.getId().getTag("operation") + "/" + counter.getId().getTag("status"))
				.containsExactlyInAnyOrder("batch_get/ok", "batch_get/error");
		});
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
				assertThat(registry.get(OPERATION_COUNTER).tag("operation", "save_put").counter().count()).isOne();
				assertThat(registry.get(OPERATION_COUNTER).tag("operation", "other").counter().count()).isEqualTo(2);
				assertThat(recorder.engines().get(0).interval().current().data()).containsKeys("lookup_exists",
						"batch_get");
			});
	}

}
