package io.kvconnector.sample.observability;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of the repository's {@code observability/} directory, seen from the sample
 * app's module directory, where Maven runs its tests.
 *
 * @author kvconnector-stats
 */
final class ObservabilityFiles {

	static final Path DIRECTORY = Path.of("..", "observability").toAbsolutePath().normalize();

	static final Path DASHBOARD = file("grafana/kvconnector.json");

	static final Path ALERT_RULES = file("prometheus/kvconnector-alerts.yml");

	static final Path ALERT_RULE_TESTS = file("prometheus/kvconnector-alerts-tests.yml");

	static final Path PROMETHEUS_CONFIG = file("prometheus/prometheus.yml");

	private ObservabilityFiles() {
	}

	private static Path file(String name) {
		return DIRECTORY.resolve(name);
	}

	static String read(Path file) {
		assertThat(file).as("a file of observability/").isRegularFile();
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
