package io.kvconnector.stats.nixl.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpoint;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpoint.ConnectorDescriptor;
import io.kvconnector.stats.autoconfigure.AbstractKvConnectorAutoConfigurationTests;
import io.kvconnector.stats.autoconfigure.KvConnectorEndpointAutoConfiguration;
import io.kvconnector.stats.autoconfigure.StartupFailures;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlSchema;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link NixlStatsAutoConfiguration}.
 *
 * @author kvconnector-stats
 */
class NixlStatsAutoConfigurationTests
		extends AbstractKvConnectorAutoConfigurationTests<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> {

	@Override
	protected ConnectorUnderTest<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> connector() {
		return new NixlConnectorUnderTest();
	}

	@Override
	protected Class<?> connectorAutoConfiguration() {
		return NixlStatsAutoConfiguration.class;
	}

	@Override
	protected Class<?> propertiesType() {
		return NixlStatsProperties.class;
	}

	@Test
	void schemaDefaultsToV1() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(NixlStatsProperties.class).getSchema()).isEqualTo(NixlSchema.V1);
			assertThat(context.getBean(NixlMetrics.class).schema()).isEqualTo(NixlSchema.V1);
			assertThat(context.getBean(NixlStatsRecorder.class).schema()).isEqualTo(NixlSchema.V1);
		});
	}

	@ParameterizedTest(name = "kvconnector.nixl.schema={0}")
	@ValueSource(strings = { "v2", "V2" })
	void schemaBindsCaseInsensitivelyAndReachesMetricsRecorderAndIntervals(String value) {
		this.contextRunner.withPropertyValues("kvconnector.nixl.schema=" + value).run((context) -> {
			assertThat(context.getBean(NixlStatsProperties.class).getSchema()).isEqualTo(NixlSchema.V2);
			assertThat(context.getBean(NixlMetrics.class).schema()).isEqualTo(NixlSchema.V2);
			NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
			assertThat(recorder.schema()).isEqualTo(NixlSchema.V2);
			assertThat(recorder.engines().get(0).interval().current().schema()).isEqualTo(NixlSchema.V2);
			assertThat(recorder.fromData(Map.of()).schema()).isEqualTo(NixlSchema.V2);
		});
	}

	@ParameterizedTest(name = "kvconnector.nixl.schema={0}")
	@ValueSource(strings = { "v3", "1", "v1,v2" })
	void invalidSchemaFailsStartUpNamingTheProperty(String value) {
		this.contextRunner.withPropertyValues("kvconnector.nixl.schema=" + value)
			.run(StartupFailures.failsToBindProperty("kvconnector.nixl.schema"));
	}

	@Test
	void v2MetersCountLateNotificationsOfEveryEngineFromStartUp() {
		this.metricsRunner.withPropertyValues("kvconnector.nixl.schema=v2", "kvconnector.engines=0,1")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("vllm:nixl_num_notifications_after_expiry").counters())
					.extracting((counter) -> counter.getId().getTag("engine"), Counter::count)
					.containsExactlyInAnyOrder(tuple("0", 0.0), tuple("1", 0.0));
				context.getBean(NixlStatsRecorder.class).recordNotificationAfterExpiry(1);
				assertThat(
						registry.get("vllm:nixl_num_notifications_after_expiry").tag("engine", "1").counter().count())
					.isOne();
			});
	}

	@Test
	void v2RotationLogsTheTenFieldLine(CapturedOutput output) {
		this.contextRunner.withPropertyValues("kvconnector.nixl.schema=v2", "kvconnector.log-interval=50ms")
			.run((context) -> {
				NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
				connector().record(recorder, 0, false);
				recorder.recordFailedHandshake();
				recorder.recordKvExpiredReq();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> output.getOut()
						.contains(logLineOfOneSample() + ", Num failed transfers=1, Num KV expired reqs=1"));
			});
	}

	@Test
	void endpointListsTheFailuresOfV1WithHandshakesAsFailedTransfers() {
		assertThat(failuresServedAfterOneOfEachNewerKind("v1")).containsExactly(Map.entry("num_failed_transfers", 1L),
				Map.entry("num_failed_notifications", 1L), Map.entry("num_kv_expired_reqs", 0L));
	}

	@Test
	void endpointListsTheFailuresOfV2WithHandshakesAndLateNotifications() {
		assertThat(failuresServedAfterOneOfEachNewerKind("v2")).containsExactly(Map.entry("num_failed_transfers", 0L),
				Map.entry("num_failed_notifications", 1L), Map.entry("num_failed_handshakes", 1L),
				Map.entry("num_kv_expired_reqs", 0L), Map.entry("num_notifications_after_expiry", 1L));
	}

	private Map<String, Long> failuresServedAfterOneOfEachNewerKind(String schema) {
		Map<String, Long> served = new LinkedHashMap<>();
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(EndpointAutoConfiguration.class, KvConnectorEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=kvconnector",
					"kvconnector.nixl.schema=" + schema)
			.run((context) -> {
				NixlStatsRecorder recorder = context.getBean(NixlStatsRecorder.class);
				recorder.recordFailedHandshake();
				recorder.recordFailedNotification();
				recorder.recordNotificationAfterExpiry();
				ConnectorDescriptor descriptor = context.getBean(KvConnectorEndpoint.class).connector("nixl");
				assertThat(descriptor).isNotNull();
				Map<String, Long> failures = descriptor.engines().get("0").current().failures();
				assertThat(failures).isNotNull();
				served.putAll(failures);
			});
		return served;
	}

	@Override
	protected String logLineOfOneSample() {
		return "KV Transfer metrics: Num successful transfers=1, Avg xfer time (ms)=2.0, P90 xfer time (ms)=2.0, "
				+ "Avg post time (ms)=0.5, P90 post time (ms)=0.5, Avg MB per transfer=1.0, "
				+ "Throughput (MB/s)=500.0, Avg number of descriptors=4.0";
	}

}
