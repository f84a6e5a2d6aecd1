package io.kvconnector.sample.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample application in a JVM of its own on a free port of 127.0.0.1,
 * recording simulated traffic.
 *
 * @author kvconnector-stats
 */
final class SampleApp implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final Process process;

	private final int port;

	private final Path log;

	private SampleApp(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start the app without waiting for it.
	 * @param name names the log file under {@code target/}
	 * @param arguments the app's arguments beyond its port
	 * @return the starting app
	 */
	static SampleApp start(String name, String... arguments) throws IOException {
		int port = PrometheusServer.freePort();
		Path jar = Path.of(System.getProperty("sample.jar", "target/kvconnector-sample.jar"));
		assertThat(jar).as("the packaged sample app").exists();
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port));
		command.addAll(List.of(arguments));
		Path log = Path.of("target", name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new SampleApp(process, port, log);
	}

	SampleApp awaitHealthy() {
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.process.isAlive()).as("the app runs, see %s", this.log).isTrue();
			assertThat(get("/actuator/health")).contains("\"status\":\"UP\"");
		});
		return this;
	}

	/**
	 * Return the address Prometheus scrapes, which becomes the {@code instance} label.
	 * @return {@code 127.0.0.1:port}
	 */
	String target() {
		return "127.0.0.1:" + this.port;
	}

	String get(String path) throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://" + target() + path)).timeout(TIMEOUT).GET().build(),
					BodyHandlers.ofString())
			.body();
	}

	Map<String, Object> getJson(String path) throws IOException, InterruptedException {
		return Dashboard.map(MAPPER.readValue(get(path), Map.class));
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
