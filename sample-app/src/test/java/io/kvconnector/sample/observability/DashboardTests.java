package io.kvconnector.sample.observability;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.kvconnector.sample.observability.Dashboard.Query;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure of the Grafana dashboard of {@code observability/grafana}: provisionable,
 * with job, instance, model and engine variables, a NIXL row that covers every query of
 * vLLM's own, a Mooncake store row and the starters' health counters. Its queries run
 * against a real Prometheus in {@code DashboardOnPrometheusIT}.
 *
 * @author kvconnector-stats
 */
class DashboardTests {

	private static final Pattern METRIC = Pattern.compile("(vllm:[a-z_]+|kvconnector_[a-z_]+)");

	private final Dashboard dashboard = Dashboard.ours();

	@Test
	void isProvisionableWithAStableUidAndNoInstanceId() {
		Map<String, Object> json = this.dashboard.json();
		assertThat(json).containsEntry("uid", "kvconnector-stats").containsKey("title").containsKey("schemaVersion");
		assertThat(json.get("id")).isNull();
		assertThat(ObservabilityFiles
			.read(ObservabilityFiles.DIRECTORY.resolve("grafana/provisioning/dashboards/kvconnector.yml")))
			.contains("type: file");
	}

	@Test
	void hasADataSourceVariableAndMultiValueVariablesForJobInstanceModelAndEngine() {
		Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
		this.dashboard.variables().forEach((variable) -> variables.put((String) variable.get("name"), variable));
		assertThat(variables).containsOnlyKeys("datasource", "job", "instance", "model_name", "engine");
		assertThat(variables.get("datasource")).containsEntry("type", "datasource")
			.containsEntry("query", "prometheus");
		for (String name : List.of("job", "instance", "model_name", "engine")) {
			assertThat(variables.get(name)).as(name)
				.containsEntry("type", "query")
				.containsEntry("includeAll", true)
				.containsEntry("multi", true)
				.containsEntry("allValue", ".*");
			assertThat((String) variables.get(name).get("definition")).as(name)
				.startsWith("label_values(")
				.endsWith(", " + name + ")");
		}
	}

	@Test
	void hasANixlRowAMooncakeStoreRowAndAHealthRow() {
		List<String> rows = this.dashboard.panels()
			.stream()
			.filter((panel) -> "row".equals(panel.get("type")))
			.map((panel) -> (String) panel.get("title"))
			.toList();
		assertThat(rows).containsExactly("NIXL transfers", "Mooncake store", "kvconnector health");
	}

	@Test
	void everyPanelHasAUniqueIdAndEveryTargetAQueryOnTheDataSourceVariable() {
		Set<Object> ids = new HashSet<>();
		for (Map<String, Object> panel : this.dashboard.panels()) {
			assertThat(ids.add(panel.get("id"))).as("id of %s", panel.get("title")).isTrue();
			if (!"row".equals(panel.get("type"))) {
				assertThat(Dashboard.map(panel.get("datasource"))).containsEntry("uid", "${datasource}");
				List<Map<String, Object>> targets = Dashboard.list(panel.get("targets"));
				assertThat(targets).as("targets of %s", panel.get("title")).isNotEmpty();
				assertThat(targets).extracting((target) -> target.get("refId")).doesNotHaveDuplicates();
				assertThat(targets).allSatisfy((target) -> assertThat((String) target.get("expr")).isNotBlank());
			}
		}
	}

	@Test
	void everyQueryFiltersByTheVariablesItsMetricsCarry() {
		for (Query query : this.dashboard.queries()) {
			assertThat(query.expr()).as(query.toString()).contains("job=~\"$job\"").contains("instance=~\"$instance\"");
			if (query.row().equals("kvconnector health")) {
				assertThat(query.expr()).as(query.toString()).doesNotContain("model_name");
			}
			else {
				assertThat(query.expr()).as(query.toString())
					.contains("model_name=~\"$model_name\"")
					.contains("engine=~\"$engine\"");
			}
		}
	}

	@Test
	void theNixlRowUsesEveryNixlMeterIncludingTheV2Series() {
		assertThat(metrics("NIXL transfers")).contains("vllm:nixl_xfer_time_seconds_bucket",
				"vllm:nixl_xfer_time_seconds_sum", "vllm:nixl_xfer_time_seconds_count",
				"vllm:nixl_post_time_seconds_bucket", "vllm:nixl_bytes_transferred_bucket",
				"vllm:nixl_bytes_transferred_sum", "vllm:nixl_num_descriptors_bucket",
				"vllm:nixl_num_failed_transfers_total", "vllm:nixl_num_failed_notifications_total",
				"vllm:nixl_num_kv_expired_reqs_total", "vllm:nixl_num_notifications_after_expiry_total");
	}

	@Test
	void theNixlRowIsAtLeastAsCompleteAsVllmsOwn() {
		List<Query> ours = this.dashboard.queries()
			.stream()
			.filter((query) -> query.row().equals("NIXL transfers"))
			.toList();
		for (Query theirs : Dashboard.publishedRow("vllm-kv-cache-nixl-row.json")) {
			String normalised = normalise(theirs.expr());
			assertThat(ours).as("a query of ours computes vLLM's %s", theirs)
				.anySatisfy((query) -> assertThat(normalise(query.expr())).isEqualTo(normalised));
		}
	}

	@Test
	void theMooncakeRowCoversRateLatencyErrorsKeysBytesAndFailedKeysPerOperation() {
		assertThat(metrics("Mooncake store")).containsExactlyInAnyOrder("vllm:mooncake_store_operation_total",
				"vllm:mooncake_store_operation_time_seconds_bucket", "vllm:mooncake_store_operation_time_seconds_sum",
				"vllm:mooncake_store_operation_time_seconds_count", "vllm:mooncake_store_operation_keys_total",
				"vllm:mooncake_store_operation_bytes_total", "vllm:mooncake_store_operation_failed_keys_total");
		List<Query> row = this.dashboard.queries()
			.stream()
			.filter((query) -> query.row().equals("Mooncake store"))
			.toList();
		assertThat(row)
			.allSatisfy((query) -> assertThat(query.expr()).containsAnyOf("by (operation)", "by (le, operation)"));
		assertThat(row).extracting(Query::expr)
			.anySatisfy((expr) -> assertThat(expr).startsWith("histogram_quantile(0.5,"))
			.anySatisfy((expr) -> assertThat(expr).startsWith("histogram_quantile(0.95,"))
			.anySatisfy((expr) -> assertThat(expr).startsWith("histogram_quantile(0.99,"))
			.anySatisfy((expr) -> assertThat(expr).contains("status=\"error\""));
	}

	@Test
	void theHealthRowShowsRejectedAndDroppedSamples() {
		assertThat(metrics("kvconnector health")).containsExactlyInAnyOrder("kvconnector_rejected_samples_total",
				"kvconnector_dropped_samples_total");
	}

	private Set<String> metrics(String row) {
		return this.dashboard.queries().stream().filter((query) -> query.row().equals(row)).flatMap((query) -> {
			Matcher matcher = METRIC.matcher(query.expr());
			return matcher.results().map((result) -> result.group(1));
		}).collect(Collectors.toSet());
	}

	/**
	 * An expression without its label matchers' order and without white space, so that
	 * two spellings of one query compare equal.
	 */
	private static String normalise(String expr) {
		Matcher matcher = Pattern.compile("\\{([^}]*)\\}").matcher(expr);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String sorted = java.util.Arrays.stream(matcher.group(1).split(","))
				.map(String::strip)
				.sorted()
				.collect(Collectors.joining(","));
			matcher.appendReplacement(out, Matcher.quoteReplacement("{" + sorted + "}"));
		}
		matcher.appendTail(out);
		return out.toString().replaceAll("\\s+", "");
	}

}
