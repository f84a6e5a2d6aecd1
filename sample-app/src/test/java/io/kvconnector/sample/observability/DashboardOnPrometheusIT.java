package io.kvconnector.sample.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kvconnector.sample.observability.Dashboard.Query;
import io.kvconnector.sample.observability.PrometheusServer.Sample;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard of {@code observability/grafana}, and the NIXL rows of vLLM's and llm-d's
 * dashboards, run against a real Prometheus scraping the packaged sample app every second
 * while it simulates traffic on two engines under NIXL schema v2.
 *
 * @author kvconnector-stats
 */
@TestInstance(Lifecycle.PER_CLASS)
class DashboardOnPrometheusIT {

	/**
	 * What {@code $__rate_interval} stands for: Grafana's at least four scrape intervals.
	 */
	private static final Log logger = LogFactory.getLog(DashboardOnPrometheusIT.class);

	private static final String WINDOW = "15s";

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private static final double[] TRANSFER_TIME_BOUNDS = { 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.5, 0.75,
			1.0, 5.0 };

	private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*), (\\w+)\\)$");

	private SampleApp app;

	private PrometheusServer prometheus;

	private Instant scrapingSince;

	@BeforeAll
	void startTheSampleAppAndAPrometheusScrapingIt() throws Exception {
		this.app = SampleApp
			.start("dashboard-sample-app", "--kvconnector.engines=0,1", "--kvconnector.nixl.schema=v2",
					"--kvconnector.log-interval=10s", "--sample.simulator.request-rate=100")
			.awaitHealthy();
		String config = """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - %s
				scrape_configs:
				  - job_name: kvconnector-sample
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['%s']
				""".formatted(ObservabilityFiles.ALERT_RULES, this.app.target());
		this.prometheus = PrometheusServer.server("dashboard", config);
		this.scrapingSince = Instant.now();
	}

	@AfterAll
	void stop() throws Exception {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void everyDashboardQueryReturnsDataWithoutNaNForAllEnginesAndForEachConfiguredEngine() {
		List<Query> queries = Dashboard.ours().queries();
		assertThat(queries).hasSizeGreaterThan(30);
		await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			double now = now();
			List<String> failures = new ArrayList<>();
			for (String engine : List.of(".*", "0", "1")) {
				for (Query query : queries) {
					String expr = Dashboard.resolve(query.expr(), variables(engine), WINDOW);
					failures.addAll(problems(query + " (engine " + engine + ")", this.prometheus.query(expr, now)));
				}
			}
			assertThat(failures).isEmpty();
		});
	}

	@Test
	void theDashboardVariablesListTheJobInstanceModelAndEngines() {
		Map<String, List<String>> expected = Map.of("job", List.of("kvconnector-sample"), "instance",
				List.of(this.app.target()), "model_name", List.of("kvconnector-sample"), "engine", List.of("0", "1"));
		await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			for (Map<String, Object> variable : Dashboard.ours().variables()) {
				if (!"query".equals(variable.get("type"))) {
					continue;
				}
				Matcher matcher = LABEL_VALUES.matcher((String) variable.get("definition"));
				assertThat(matcher.matches()).isTrue();
				String selector = Dashboard.resolve(matcher.group(1), variables(".*"), WINDOW);
				assertThat(this.prometheus.labelValues(matcher.group(2), selector)).as((String) variable.get("name"))
					.containsExactlyElementsOf(expected.get((String) variable.get("name")));
			}
		});
	}

	@Test
	void theTransferTimeP90AndMeanAgreeWithTheEndpointsLastIntervalWithinTheBucketResolution() throws Exception {
		Map<String, Object> interval = await().atMost(TIMEOUT)
			.pollInterval(Duration.ofSeconds(1))
			.until(this::lastIntervalOfEngine0,
					(last) -> last != null
							&& Instant.parse((String) last.get("start")).isAfter(this.scrapingSince.plusSeconds(2))
							&& Instant.now().isAfter(Instant.parse((String) last.get("end")).plusSeconds(3)));
		Instant start = Instant.parse((String) interval.get("start"));
		Instant end = Instant.parse((String) interval.get("end"));
		Map<String, Object> stats = Dashboard.map(interval.get("stats"));
		double endpointMean = ((Number) stats.get("Avg xfer time (ms)")).doubleValue() / 1000;
		double endpointP90 = ((Number) stats.get("P90 xfer time (ms)")).doubleValue() / 1000;
		String window = Math.round(Duration.between(start, end).toMillis() / 1000.0) + "s";
		Dashboard dashboard = Dashboard.ours();
		String mean = Dashboard.resolve(dashboard.query("Transfer time", "mean").expr(), variables("0"), window);
		String p90 = Dashboard.resolve(dashboard.query("Transfer time", "p95").expr(), variables("0"), window)
			.replace("histogram_quantile(0.95,", "histogram_quantile(0.9,");
		double time = end.toEpochMilli() / 1000.0;
		double prometheusMean = single(this.prometheus.query(mean, time));
		double prometheusP90 = single(this.prometheus.query(p90, time));
		logger.info(String.format(
				"transfer time over %s..%s: endpoint mean %.4f s, p90 %.4f s; Prometheus mean %.4f s, p90 %.4f s",
				start, end, endpointMean, endpointP90, prometheusMean, prometheusP90));
		assertThat(bucket(prometheusMean)).as("bucket of the mean %s (endpoint %s)", prometheusMean, endpointMean)
			.isBetween(bucket(endpointMean) - 1, bucket(endpointMean) + 1);
		assertThat(bucket(prometheusP90)).as("bucket of the p90 %s (endpoint %s)", prometheusP90, endpointP90)
			.isBetween(bucket(endpointP90) - 1, bucket(endpointP90) + 1);
	}

	@Test
	void everyQueryOfVllmsOwnNixlRowReturnsDataUnchanged() {
		assertEveryQueryReturnsData(Dashboard.publishedRow("vllm-kv-cache-nixl-row.json"));
	}

	@Test
	void vllmsOwnVariablesFindNothingWhereOnlyTheStartersAreScraped() throws Exception {
		assertThat(this.prometheus.labelValues("job", "vllm:nixl_xfer_time_seconds_count")).isNotEmpty();
		assertThat(this.prometheus.labelValues("job", "vllm:num_requests_running")).isEmpty();
	}

	@Test
	void everyQueryOfLlmDsNixlRowReturnsDataButItsFailedTransfersStatNamesNoSeriesAndShowsZero() throws Exception {
		List<Query> row = Dashboard.publishedRow("llm-d-pd-coordinator-nixl-row.json");
		assertEveryQueryReturnsData(row);
		Query failed = row.stream()
			.filter((query) -> query.panel().equals("Failed KV Transfers"))
			.findFirst()
			.orElseThrow();
		await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			double now = now();
			assertThat(single(this.prometheus.query("sum(vllm:nixl_num_failed_transfers_total)", now))).isPositive();
			assertThat(single(this.prometheus.query(failed.expr(), now))).isZero();
		});
	}

	@Test
	void thePrometheusServerLoadsAndEvaluatesEveryAlertRuleWithoutError() {
		await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<Map<String, Object>> rules = this.prometheus.rules();
			assertThat(rules).hasSize(7);
			assertThat(rules).allSatisfy((rule) -> assertThat(rule).as((String) rule.get("name"))
				.containsEntry("health", "ok")
				.doesNotContainKey("lastError"));
		});
	}

	private void assertEveryQueryReturnsData(List<Query> queries) {
		assertThat(queries).isNotEmpty();
		await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			double now = now();
			List<String> failures = new ArrayList<>();
			for (Query query : queries) {
				String expr = Dashboard.resolve(query.expr(), variables(".*"), WINDOW);
				failures.addAll(problems(query.toString(), this.prometheus.query(expr, now)));
			}
			assertThat(failures).isEmpty();
		});
	}

	private Map<String, Object> lastIntervalOfEngine0() throws Exception {
		Map<String, Object> nixl = Dashboard
			.map(Dashboard.map(this.app.getJson("/actuator/kvconnector").get("connectors")).get("nixl"));
		Map<String, Object> engine = Dashboard.map(Dashboard.map(nixl.get("engines")).get("0"));
		return Dashboard.map(engine.get("lastInterval"));
	}

	static List<String> problems(String name, List<Sample> samples) {
		if (samples.isEmpty()) {
			return List.of(name + ": no data");
		}
		List<String> problems = new ArrayList<>();
		for (Sample sample : samples) {
			if (!Double.isFinite(sample.value())) {
				problems.add(name + ": " + sample.value() + " for " + sample.labels());
			}
		}
		return problems;
	}

	static Map<String, String> variables(String engine) {
		return Map.of("job", ".*", "instance", ".*", "model_name", ".*", "engine", engine);
	}

	static double now() {
		return System.currentTimeMillis() / 1000.0;
	}

	private static double single(List<Sample> samples) {
		assertThat(samples).hasSize(1);
		return samples.get(0).value();
	}

	/**
	 * Index of the first bound that holds the value (bounds are inclusive, as in vLLM).
	 */
	private static int bucket(double seconds) {
		for (int i = 0; i < TRANSFER_TIME_BOUNDS.length; i++) {
			if (seconds <= TRANSFER_TIME_BOUNDS[i]) {
				return i;
			}
		}
		return TRANSFER_TIME_BOUNDS.length;
	}

}
