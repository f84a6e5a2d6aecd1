package io.kvconnector.sample;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.nixl.NixlStatsRecorder;

/**
 * Sample service that records simulated KV-connector traffic.
 *
 * @author kvconnector-stats
 */
@SpringBootApplication
public class SampleApplication {

	@Bean
	@ConditionalOnBooleanProperty(name = "sample.traffic.enabled", matchIfMissing = true)
	SimulatedTraffic simulatedTraffic(NixlStatsRecorder nixl, MooncakeStatsRecorder mooncake,
			@Value("${sample.traffic.period-millis:5}") long periodMillis) {
		return new SimulatedTraffic(nixl, mooncake, periodMillis);
	}

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
