package io.kvconnector.sample.observability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules of {@code observability/prometheus} under {@code promtool}: the rule
 * file and the example configuration are clean, and every alert passes unit tests that
 * make it fire and keep it silent.
 *
 * @author kvconnector-stats
 */
class AlertRulesTests {

	private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\S+)");

	private static final Pattern TESTED_ALERT = Pattern.compile("(?m)^\\s*alertname: (\\S+)");

	@Test
	void theRuleFileIsCleanUnderPromtoolCheckRules() throws Exception {
		Result result = promtool("check", "rules", ObservabilityFiles.ALERT_RULES.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: " + alerts().size() + " rules found");
	}

	@Test
	void everyAlertPassesItsPromtoolUnitTests() throws Exception {
		Result result = promtool("test", "rules", ObservabilityFiles.ALERT_RULE_TESTS.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
	}

	@Test
	void everyAlertHasAUnitTest() {
		Set<String> tested = matches(TESTED_ALERT, ObservabilityFiles.read(ObservabilityFiles.ALERT_RULE_TESTS));
		assertThat(alerts()).containsExactlyInAnyOrder("NixlTransferFailureRatioHigh", "NixlKvExpiryRateHigh",
				"NixlTransferP99High", "MooncakeStoreErrorRatioHigh", "MooncakeStoreP99High",
				"KvConnectorSamplesRejected", "KvConnectorSamplesDropped");
		assertThat(tested).containsExactlyInAnyOrderElementsOf(alerts());
	}

	@Test
	void theExamplePrometheusConfigurationIsValidAndLoadsTheRules() throws Exception {
		Result result = promtool("check", "config", ObservabilityFiles.PROMETHEUS_CONFIG.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: 1 rule files found")
			.contains("SUCCESS: " + alerts().size() + " rules found");
	}

	private static Set<String> alerts() {
		return matches(ALERT, ObservabilityFiles.read(ObservabilityFiles.ALERT_RULES));
	}

	private static Set<String> matches(Pattern pattern, String text) {
		Set<String> found = new LinkedHashSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static Result promtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(PrometheusBinaries.require("promtool").toString());
		command.addAll(List.of(arguments));
		Path directory = ObservabilityFiles.ALERT_RULES.getParent();
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finishes").isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {

	}

}
