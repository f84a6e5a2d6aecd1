package io.kvconnector.sample.observability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PromQL of a Grafana dashboard, panel by panel, and the substitution Grafana makes
 * before it sends a query: its variables and its {@code $__rate_interval} and
 * {@code $__range} macros.
 *
 * @author kvconnector-stats
 */
final class Dashboard {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Map<String, Object> json;

	private Dashboard(Map<String, Object> json) {
		this.json = json;
	}

	static Dashboard ours() {
		return new Dashboard(read(ObservabilityFiles.DASHBOARD));
	}

	Map<String, Object> json() {
		return this.json;
	}

	/**
	 * Return every target of every panel with the title of the row it sits in.
	 * @return the queries in dashboard order
	 */
	List<Query> queries() {
		List<Query> queries = new ArrayList<>();
		String row = "";
		for (Map<String, Object> panel : list(this.json.get("panels"))) {
			if ("row".equals(panel.get("type"))) {
				row = (String) panel.get("title");
				continue;
			}
			for (Map<String, Object> target : list(panel.get("targets"))) {
				queries.add(new Query(row, (String) panel.get("title"), (String) target.get("legendFormat"),
						(String) target.get("expr")));
			}
		}
		return queries;
	}

	Query query(String panel, String legend) {
		return queries().stream()
			.filter((query) -> query.panel().equals(panel) && query.legend().equals(legend))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no query '" + legend + "' in panel '" + panel + "'"));
	}

	List<Map<String, Object>> panels() {
		return list(this.json.get("panels"));
	}

	List<Map<String, Object>> variables() {
		return list(map(this.json.get("templating")).get("list"));
	}

	/**
	 * Return the queries of another project's dashboard row kept as data under
	 * {@code src/test/resources/observability}.
	 * @param resource the name of the resource
	 * @return the queries, each with the title of its panel
	 */
	static List<Query> publishedRow(String resource) {
		Map<String, Object> row;
		try (InputStream in = Dashboard.class.getResourceAsStream("/observability/" + resource)) {
			assertThat(in).as(resource).isNotNull();
			row = map(MAPPER.readValue(in, Map.class));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		List<Query> queries = new ArrayList<>();
		for (Map<String, Object> panel : list(row.get("panels"))) {
			List<?> expressions = (List<?>) panel.get("expr");
			for (int i = 0; i < expressions.size(); i++) {
				queries.add(new Query((String) row.get("row"), (String) panel.get("title"), "#" + (i + 1),
						(String) expressions.get(i)));
			}
		}
		return queries;
	}

	/**
	 * Return an expression as Grafana sends it.
	 * @param expr the expression with variables and macros
	 * @param variables the value of each variable, a regular expression for {@code =~}
	 * @param window the duration that {@code $__rate_interval} and {@code $__range} stand
	 * for, such as {@code 15s}
	 * @return the expression Prometheus receives
	 */
	static String resolve(String expr, Map<String, String> variables, String window) {
		String resolved = expr.replace("$__rate_interval", window).replace("$__range", window);
		for (Map.Entry<String, String> variable : variables.entrySet()) {
			resolved = resolved.replace("${" + variable.getKey() + "}", variable.getValue())
				.replace("$" + variable.getKey(), variable.getValue());
		}
		assertThat(resolved).as("every variable of %s is set", expr).doesNotContain("$");
		return resolved;
	}

	private static Map<String, Object> read(Path file) {
		try {
			return map(MAPPER.readValue(Files.readString(file), Map.class));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

	/**
	 * One target of a panel.
	 *
	 * @param row the title of the row
	 * @param panel the title of the panel
	 * @param legend the target's legend
	 * @param expr its PromQL with variables and macros
	 */
	record Query(String row, String panel, String legend, String expr) {

		@Override
		public String toString() {
			return this.row + " / " + this.panel + " / " + this.legend;
		}

	}

}
