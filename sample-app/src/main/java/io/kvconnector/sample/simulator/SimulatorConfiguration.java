package io.kvconnector.sample.simulator;

import java.time.Duration;
import java.util.SplittableRandom;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.nixl.NixlSchema;
import io.kvconnector.stats.nixl.NixlStatsRecorder;

/**
 * Records simulated traffic into the recorders the starters configured, unless
 * {@code sample.simulator.enabled=false}.
 *
 * @author kvconnector-stats
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sample.simulator.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SimulatorProperties.class)
public class SimulatorConfiguration {

	@Bean
	SimulatedTraffic simulatedTraffic(SimulatorProperties properties, ThreadPoolTaskScheduler simulatorScheduler,
			ObjectProvider<NixlStatsRecorder> nixl, ObjectProvider<MooncakeStatsRecorder> mooncake) {
		Duration period = Duration.ofNanos(Math.max(1, Math.round(1e9 / properties.getRequestRate())));
		NixlStatsRecorder nixlRecorder = nixl.getIfAvailable();
		NixlSchema schema = (nixlRecorder != null) ? nixlRecorder.schema() : NixlSchema.V1;
		return new SimulatedTraffic(new TrafficModel(properties, schema), new SplittableRandom(), period,
				simulatorScheduler, nixlRecorder, mooncake.getIfAvailable());
	}

	/**
	 * The simulator's own one-thread scheduler, which the context shuts down after the
	 * simulator has stopped.
	 * @return the scheduler
	 */
	@Bean
	ThreadPoolTaskScheduler simulatorScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("simulated-kv-traffic-");
		scheduler.setDaemon(true);
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationSeconds(5);
		return scheduler;
	}

}
