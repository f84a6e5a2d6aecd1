package io.kvconnector.sample.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kvconnector.sample.observability.Dashboard.Query;
import io.kvconnector.sample.observability.PrometheusServer.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out as Thanos, Mimir or VictoriaMetrics receive it: two sample-app instances
 * scraped by a Prometheus in agent mode that remote-writes to a central Prometheus
 * ({@code --web.enable-remote-write-receiver}), where the dashboard's queries sum both
 * instances.
 *
 * @author kvconnector-stats
 */
@TestInstance(Lifecycle.PER_CLASS)
class ScaleOutByRemoteWriteIT {

	private static final String WINDOW = "15s";

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private final List<SampleApp> apps = new ArrayList<>();

	private PrometheusServer central;

	private PrometheusServer agent;

	@BeforeAll
	void startTwoAppsAnAgentScrapingThemAndACentralPrometheusReceivingItsWrites() throws Exception {
		for (int i = 1; i <= 2; i++) {
			this.apps.add(SampleApp.start("scale-out-sample-app-" + i, "--kvconnector.nixl.schema=v2",
					"--sample.simulator.request-rate=50"));
		}
		this.apps.forEach(SampleApp::awaitHealthy);
		this.central = PrometheusServer.server("scale-out-central", "global:\n  evaluation_interval: 1s\n",
				"--web.enable-remote-write-receiver");
		String config = """
				global:
				  scrape_interval: 1s
				scrape_configs:
				  - job_name: kvconnector-sample
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['%s', '%s']
				remote_write:
				  - url: http://%s/api/v1/write
				    queue_config:
				      batch_send_deadline: 1s
				      min_backoff: 100ms
				      max_backoff: 1s
				""".formatted(this.apps.get(0).target(), this.apps.get(1).target(), this.central.address());
		this.agent = PrometheusServer.agent("scale-out-agent", config);
	}

	@AfterAll
	void stop() throws Exception {
		if (this.agent != null) {
			this.agent.close();
		}
		if (this.central != null) {
			this.central.close();
		}
		for (SampleApp app : this.apps) {
			app.close();
		}
	}

	@Test
	void theCentralPrometheusHoldsTheSeriesOfBothInstancesWrittenByTheAgent() {
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.central.labelValues("instance", "vllm:nixl_xfer_time_seconds_count"))
				.containsExactlyInAnyOrder(this.apps.get(0).target(), this.apps.get(1).target()));
	}

	@Test
	void everyDashboardQueryOnTheCentralPrometheusReturnsDataAndTheSumsAreThoseOfBothInstances() {
		List<Query> queries = Dashboard.ours().queries();
		await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			double time = DashboardOnPrometheusIT.now() - 2;
			List<String> failures = new ArrayList<>();
			for (Query query : queries) {
				List<Sample> all = this.central.query(resolve(query, ".*"), time);
				failures.addAll(DashboardOnPrometheusIT.problems(query.toString(), all));
				if (isSum(query)) {
					Map<Map<String, String>, Double> perInstance = new HashMap<>();
					for (SampleApp app : this.apps) {
						List<Sample> own = this.central.query(resolve(query, app.target()), time);
						failures.addAll(DashboardOnPrometheusIT.problems(query + " of " + app.target(), own));
						own.forEach((sample) -> perInstance.merge(sample.labels(), sample.value(), Double::sum));
					}
					Map<Map<String, String>, Double> total = new HashMap<>();
					all.forEach((sample) -> total.put(sample.labels(), sample.value()));
					assertThat(total.keySet()).as(query.toString()).isEqualTo(perInstance.keySet());
					total.forEach((labels, value) -> assertThat(value).as("%s %s", query, labels)
						.isCloseTo(perInstance.get(labels),
								org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(value)))));
				}
			}
			assertThat(failures).isEmpty();
		});
	}

	@Test
	void bothInstancesContributeTransfersOnTheCentralPrometheus() {
		String transfers = Dashboard.ours().query("Transfers / s", "transfers").expr();
		await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			double time = DashboardOnPrometheusIT.now() - 2;
			for (SampleApp app : this.apps) {
				List<Sample> own = this.central.query(Dashboard.resolve(transfers,
						Map.of("job", ".*", "instance", app.target(), "model_name", ".*", "engine", ".*"), WINDOW),
						time);
				assertThat(own).as(app.target())
					.singleElement()
					.satisfies((sample) -> assertThat(sample.value()).isPositive());
			}
		});
	}

	private static String resolve(Query query, String instance) {
		return Dashboard.resolve(query.expr(),
				Map.of("job", ".*", "instance", instance, "model_name", ".*", "engine", ".*"), WINDOW);
	}

	/**
	 * A sum of rates with no ratio adds up over instances; quantiles and ratios do not.
	 */
	private static boolean isSum(Query query) {
		return query.expr().startsWith("sum") && !query.expr().contains(" / ");
	}

}
