package io.kvconnector.sample.observability;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds Prometheus's binaries ({@code prometheus}, {@code promtool}) on the {@code PATH},
 * as Debian's {@code prometheus} package installs them ({@code .ci/run} does); under
 * {@code CI=true} a missing binary fails the test, elsewhere it is skipped with a reason.
 *
 * @author kvconnector-stats
 */
final class PrometheusBinaries {

	private PrometheusBinaries() {
	}

	static Path require(String name) {
		Optional<Path> found = find(name);
		if (found.isEmpty()) {
			String reason = "'" + name + "' is not on the PATH (apt-get install prometheus)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(reason + "; under CI=true the observability tests must run");
			}
			Assumptions.abort(reason);
		}
		return found.get();
	}

	private static Optional<Path> find(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
