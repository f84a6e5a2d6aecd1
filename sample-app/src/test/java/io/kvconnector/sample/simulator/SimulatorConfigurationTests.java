package io.kvconnector.sample.simulator;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import io.kvconnector.stats.autoconfigure.KvConnectorAutoConfiguration;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.autoconfigure.MooncakeStatsAutoConfiguration;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.autoconfigure.NixlStatsAutoConfiguration;
import io.kvconnector.stats.recording.KvConnectorRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SimulatorConfiguration} and the {@link SimulatedTraffic} it starts.
 *
 * @author kvconnector-stats
 */
class SimulatorConfigurationTests {

	// one request an hour, so that the tests tick by hand and nothing races them
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, KvConnectorAutoConfiguration.class,
				NixlStatsAutoConfiguration.class, MooncakeStatsAutoConfiguration.class))
		.withConfiguration(UserConfigurations.of(SimulatorConfiguration.class))
		.withPropertyValues("sample.simulator.request-rate=0.0003");

	@Test
	void everyConfiguredEngineGetsNixlAndMooncakeTraffic() {
		this.contextRunner.withPropertyValues("kvconnector.engines=0,2,5").run((context) -> {
			SimulatedTraffic traffic = context.getBean(SimulatedTraffic.class);
			assertThat(traffic.engines()).containsExactly(0, 2, 5);
			assertThat(traffic.isRunning()).isTrue();
			traffic.tick();
			for (int engine : new int[] { 0, 2, 5 }) {
				assertThat(transfersAndFailures(context, engine)).as("engine %d", engine).isEqualTo(1);
				assertThat(mooncakeStats(context, engine)).as("engine %d", engine)
					.containsEntry("save_exists_count", 1)
					.containsEntry("lookup_exists_count", 1)
					.containsEntry("save_put_count", 1)
					.containsEntry("save_exists_total_bytes", 0L)
					.containsEntry("lookup_exists_total_bytes", 0L);
			}
		});
	}

	@Test
	void aDisabledConnectorLeavesTheOtherOneSimulated() {
		this.contextRunner.withPropertyValues("kvconnector.mooncake.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MooncakeStatsRecorder.class);
			context.getBean(SimulatedTraffic.class).tick();
			assertThat(transfersAndFailures(context, 0)).isEqualTo(1);
		});
	}

	@Test
	void simulatorDisabledRecordsNothing() {
		this.contextRunner.withPropertyValues("sample.simulator.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SimulatedTraffic.class).doesNotHaveBean(SimulatorProperties.class);
			assertThat(recorderIsEmpty(context.getBean(NixlStatsRecorder.class))).isTrue();
			assertThat(recorderIsEmpty(context.getBean(MooncakeStatsRecorder.class))).isTrue();
		});
	}

	@Test
	void trafficStopsWithTheContext() {
		this.contextRunner.withPropertyValues("sample.simulator.request-rate=1000").run((context) -> {
			SimulatedTraffic traffic = context.getBean(SimulatedTraffic.class);
			ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
			NixlStatsRecorder nixl = context.getBean(NixlStatsRecorder.class);
			assertThat(traffic.isRunning()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> transfersAndFailures(nixl, 0) > 0);
			context.close();
			assertThat(traffic.isRunning()).isFalse();
			assertThat(scheduler.getScheduledExecutor().isShutdown()).isTrue();
			// the close closed the interval too; nothing is recorded into the next one
			Thread.sleep(50);
			assertThat(transfersAndFailures(nixl, 0)).isZero();
		});
	}

	@Test
	void simulatorRecordsOnItsOwnOnceTheContextStarts() {
		this.contextRunner.withPropertyValues("sample.simulator.request-rate=200").run((context) -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> transfersAndFailures(context, 0) >= 50);
		});
	}

	@Test
	void invalidSettingsStopStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("sample.simulator.prefix-hit-ratio=1.5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("sample.simulator.prefix-hit-ratio");
		});
		this.contextRunner.withPropertyValues("sample.simulator.request-rate=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sample.simulator.request-rate"));
		this.contextRunner
			.withPropertyValues("sample.simulator.min-prompt-tokens=4096", "sample.simulator.max-prompt-tokens=1024")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sample.simulator.max-prompt-tokens"));
		this.contextRunner.withPropertyValues("sample.simulator.model.layers=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sample.simulator.model.layers"));
	}

	private static long transfersAndFailures(AssertableApplicationContext context, int engine) {
		return transfersAndFailures(context.getBean(NixlStatsRecorder.class), engine);
	}

	private static long transfersAndFailures(NixlStatsRecorder nixl, int engine) {
		NixlKvConnectorStats stats = nixl.engine(engine).interval().current();
		return stats.numSuccessfulTransfers()
				+ stats.failureTotals().values().stream().mapToLong(Long::longValue).sum();
	}

	private static Map<String, Number> mooncakeStats(AssertableApplicationContext context, int engine) {
		return context.getBean(MooncakeStatsRecorder.class).engine(engine).interval().current().reduce();
	}

	private static boolean recorderIsEmpty(KvConnectorRecorder<?, ?> recorder) {
		return recorder.engines().stream().allMatch((engine) -> engine.interval().current().isEmpty());
	}

}
