package io.kvconnector.sample.observability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Prometheus of the test's own on a free port of 127.0.0.1, as a server (optionally
 * receiving remote writes) or in agent mode: in a {@code prom/prometheus} container on
 * the host's network when a Docker engine is available, else the local {@code prometheus}
 * binary with its configuration and storage in a temporary directory; never the system's
 * service.
 *
 * @author kvconnector-stats
 */
final class PrometheusServer implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** The 2.53 LTS line: the flags of Debian's 2.42 ({@code --enable-feature=agent}). */
	private static final DockerImageName IMAGE = DockerImageName.parse("prom/prometheus:v2.53.0");

	private static final String CONTAINER_CONFIG = "/etc/kvconnector/prometheus.yml";

	private static Boolean docker;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final Process process;

	private final GenericContainer<?> container;

	private final Path directory;

	private final int port;

	private PrometheusServer(Process process, GenericContainer<?> container, Path directory, int port) {
		this.process = process;
		this.container = container;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Start a server that scrapes and stores.
	 * @param name names the log file under {@code target/}
	 * @param config the {@code prometheus.yml}
	 * @param flags further command-line flags
	 * @return the started and ready server
	 */
	static PrometheusServer server(String name, String config, String... flags) throws IOException {
		return start(name, config, false, flags);
	}

	/**
	 * Start an agent that scrapes and remote-writes only.
	 * @param name names the log file under {@code target/}
	 * @param config the {@code prometheus.yml} with its {@code remote_write}
	 * @return the started and ready agent
	 */
	static PrometheusServer agent(String name, String config) throws IOException {
		return start(name, config, true);
	}

	private static PrometheusServer start(String name, String config, boolean agent, String... flags)
			throws IOException {
		boolean inContainer = dockerIsAvailable();
		Path binary = inContainer ? null : PrometheusBinaries.require("prometheus");
		Path directory = Files.createTempDirectory("kvconnector-prometheus-");
		Path configFile = Files.writeString(directory.resolve("prometheus.yml"), config);
		int port = freePort();
		Path storage = inContainer ? Path.of("/prometheus") : directory;
		List<String> arguments = new ArrayList<>(
				List.of("--config.file=" + (inContainer ? CONTAINER_CONFIG : configFile.toString()),
						"--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
		if (agent) {
			arguments.add("--enable-feature=agent");
			arguments.add("--storage.agent.path=" + storage.resolve("agent"));
		}
		else {
			arguments.add("--storage.tsdb.path=" + storage.resolve("data"));
		}
		arguments.addAll(List.of(flags));
		Path log = Path.of("target", name + "-prometheus.log");
		PrometheusServer server;
		if (inContainer) {
			server = new PrometheusServer(null, container(configFile, arguments), directory, port);
		}
		else {
			List<String> command = new ArrayList<>();
			command.add(binary.toString());
			command.addAll(arguments);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			server = new PrometheusServer(process, null, directory, port);
		}
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
			assertThat(server.isRunning()).as("prometheus runs, see %s", log).isTrue();
			assertThat(server.get("/-/ready").statusCode()).isEqualTo(200);
		});
		return server;
	}

	/**
	 * Start a container on the host's network, so that it reaches the apps on 127.0.0.1
	 * and listens there itself, with the configuration and the alert rules at the paths
	 * the arguments and the configuration name.
	 */
	private static GenericContainer<?> container(Path configFile, List<String> arguments) {
		GenericContainer<?> container = new GenericContainer<>(IMAGE).withNetworkMode("host")
			.withCopyFileToContainer(MountableFile.forHostPath(configFile, 0644), CONTAINER_CONFIG)
			.withCopyFileToContainer(MountableFile.forHostPath(ObservabilityFiles.ALERT_RULES, 0644),
					ObservabilityFiles.ALERT_RULES.toString())
			.withCommand(arguments.toArray(String[]::new));
		container.start();
		return container;
	}

	private static synchronized boolean dockerIsAvailable() {
		if (docker == null) {
			docker = DockerClientFactory.instance().isDockerAvailable();
		}
		return docker;
	}

	private boolean isRunning() {
		return (this.process != null) ? this.process.isAlive() : this.container.isRunning();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	String address() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Run an instant query.
	 * @param expr the PromQL
	 * @param time the evaluation time in Unix seconds
	 * @return the samples of its vector (or scalar) result
	 */
	List<Sample> query(String expr, double time) throws IOException, InterruptedException {
		Map<String, Object> data = data("/api/v1/query?query=" + encode(expr) + "&time=" + time);
		List<Sample> samples = new ArrayList<>();
		if ("scalar".equals(data.get("resultType"))) {
			samples.add(new Sample(Map.of(), value((List<?>) data.get("result"))));
			return samples;
		}
		for (Map<String, Object> result : Dashboard.list(data.get("result"))) {
			@SuppressWarnings("unchecked")
			Map<String, String> labels = (Map<String, String>) result.get("metric");
			samples.add(new Sample(labels, value((List<?>) result.get("value"))));
		}
		return samples;
	}

	/**
	 * Return the values of a label on the series that match a selector, as Grafana's
	 * {@code label_values(selector, label)} asks for them.
	 * @param label the label
	 * @param selector the series selector
	 * @return the values
	 */
	@SuppressWarnings("unchecked")
	List<String> labelValues(String label, String selector) throws IOException, InterruptedException {
		return (List<String>) body("/api/v1/label/" + label + "/values?match[]=" + encode(selector)).get("data");
	}

	/**
	 * Return the rules the server loaded.
	 * @return each rule's JSON, over every group
	 */
	List<Map<String, Object>> rules() throws IOException, InterruptedException {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : Dashboard.list(data("/api/v1/rules").get("groups"))) {
			rules.addAll(Dashboard.list(group.get("rules")));
		}
		return rules;
	}

	private Map<String, Object> data(String path) throws IOException, InterruptedException {
		return Dashboard.map(body(path).get("data"));
	}

	private Map<String, Object> body(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
		Map<String, Object> body = Dashboard.map(MAPPER.readValue(response.body(), Map.class));
		assertThat(body).as(path).containsEntry("status", "success");
		return body;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://" + address() + path))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build(), BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static double value(List<?> pair) {
		String text = (String) pair.get(1);
		return switch (text) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(text);
		};
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (this.container != null) {
			this.container.stop();
		}
		else {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	/**
	 * One sample of a query's result.
	 *
	 * @param labels its labels
	 * @param value its value
	 */
	record Sample(Map<String, String> labels, double value) {

	}

}
