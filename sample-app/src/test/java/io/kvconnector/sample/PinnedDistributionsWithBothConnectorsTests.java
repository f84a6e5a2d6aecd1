package io.kvconnector.sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.kvconnector.stats.autoconfigure.KvConnectorAutoConfiguration;
import io.kvconnector.stats.metrics.PinnedDistributionMeterFilter;
import io.kvconnector.stats.mooncake.autoconfigure.MooncakeStatsAutoConfiguration;
import io.kvconnector.stats.nixl.autoconfigure.NixlStatsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the NIXL and Mooncake starters together each pin their own histograms.
 *
 * @author kvconnector-stats
 */
class PinnedDistributionsWithBothConnectorsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						PrometheusMetricsExportAutoConfiguration.class, KvConnectorAutoConfiguration.class,
						NixlStatsAutoConfiguration.class, MooncakeStatsAutoConfiguration.class))
		.withPropertyValues("management.metrics.distribution.percentiles-histogram.all=true");

	@Test
	void eachConnectorDeclaresItsOwnFilterAndKeepsVllmsBuckets() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBeansOfType(PinnedDistributionMeterFilter.class)).containsOnlyKeys(
					NixlStatsAutoConfiguration.PINNED_DISTRIBUTION_FILTER_BEAN_NAME,
					MooncakeStatsAutoConfiguration.PINNED_DISTRIBUTION_FILTER_BEAN_NAME);
			String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
			assertThat(buckets(scrape, "vllm:nixl_xfer_time_seconds_bucket")).isEqualTo(13);
			assertThat(buckets(scrape, "vllm:mooncake_store_operation_time_seconds_bucket\\{[^}]*"
					+ "operation=\"save_put\",[^}]*status=\"ok\""))
				.isEqualTo(16);
		});
	}

	private static int buckets(String scrape, String series) {
		Matcher matcher = Pattern.compile("(?m)^" + series + "[,{][^}]*le=").matcher(scrape);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
