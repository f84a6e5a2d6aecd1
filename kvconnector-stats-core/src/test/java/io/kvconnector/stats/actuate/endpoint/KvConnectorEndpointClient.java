package io.kvconnector.stats.actuate.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running application's {@code kvconnector} and {@code prometheus} actuator
 * endpoints over real HTTP, for the starters' web integration tests.
 *
 * @author kvconnector-stats
 */
public final class KvConnectorEndpointClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final String actuator;

	/**
	 * Create a client of the actuator endpoints served on a port of the local host.
	 * @param port the port that serves {@code /actuator}
	 */
	public KvConnectorEndpointClient(int port) {
		this.actuator = "http://localhost:" + port + "/actuator";
	}

	/**
	 * {@code GET /actuator/kvconnector} followed by a path.
	 * @param path the rest of the path, such as {@code /nixl}, or empty
	 * @return the response
	 */
	public Response get(String path) {
		return send(request("/kvconnector" + path).GET());
	}

	/**
	 * {@code POST /actuator/kvconnector/{connector}} with a JSON body.
	 * @param connector the connector name
	 * @param json the body
	 * @return the response
	 */
	public Response post(String connector, String json) {
		return post(connector, json, "application/json");
	}

	/**
	 * {@code POST /actuator/kvconnector/{connector}} with a body of a given media type.
	 * @param connector the connector name
	 * @param body the body
	 * @param contentType its {@code Content-Type}
	 * @return the response
	 */
	public Response post(String connector, String body, String contentType) {
		return send(request("/kvconnector/" + connector).header("Content-Type", contentType)
			.POST(BodyPublishers.ofString(body)));
	}

	/**
	 * {@code POST} vLLM wire-format data to an engine of a connector.
	 * @param connector the connector name
	 * @param engine the engine index
	 * @param data the {@code data} object
	 * @return the response
	 */
	public Response post(String connector, int engine, Map<String, ?> data) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("engine", engine);
		request.put("data", data);
		return post(connector, MAPPER.writeValueAsString(request));
	}

	/**
	 * {@code POST} vLLM wire-format data to a connector without naming an engine, so that
	 * it goes to the first one.
	 * @param connector the connector name
	 * @param data the {@code data} object
	 * @return the response
	 */
	public Response post(String connector, Map<String, ?> data) {
		return post(connector, MAPPER.writeValueAsString(Map.of("data", data)));
	}

	/**
	 * {@code DELETE /actuator/kvconnector/{connector}}.
	 * @param connector the connector name
	 * @return the response
	 */
	public Response delete(String connector) {
		return send(request("/kvconnector/" + connector).DELETE());
	}

	/**
	 * Scrape {@code /actuator/prometheus} and keep the samples of the series whose name
	 * starts with a prefix, leaving out Micrometer's {@code _max} gauges (they decay with
	 * time).
	 * @param prefix the series name prefix, such as {@code vllm:nixl_}
	 * @return the matching sample lines, in exposition order
	 */
	public List<String> scrape(String prefix) {
		Response response = send(request("/prometheus").GET());
		if (response.status() != 200) {
			throw new IllegalStateException("scrape answered " + response.status() + ": " + response.body());
		}
		return response.body()
			.lines()
			.filter((line) -> line.startsWith(prefix) && !seriesName(line).endsWith("_max"))
			.toList();
	}

	private static String seriesName(String sample) {
		int end = sample.indexOf('{');
		end = (end >= 0) ? end : sample.indexOf(' ');
		return (end >= 0) ? sample.substring(0, end) : sample;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.actuator + path)).timeout(TIMEOUT);
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP response.
	 *
	 * @param status the status code
	 * @param body the body text
	 * @param contentType the {@code Content-Type} header, or empty
	 */
	public record Response(int status, String body, String contentType) {

		/**
		 * Decode the body as a JSON object: objects keep their key order, integers stay
		 * integers and floats are read as the nearest double.
		 * @return the decoded body
		 */
		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return MAPPER.readValue(this.body, Map.class);
		}

		/**
		 * Decode the body as {@link #json()} does and return a nested object.
		 * @param path the keys leading to the object, such as {@code "engines", "0"}
		 * @return the nested object
		 */
		@SuppressWarnings("unchecked")
		public Map<String, Object> json(String... path) {
			Map<String, Object> node = json();
			for (String key : path) {
				Object child = node.get(key);
				if (!(child instanceof Map)) {
					throw new AssertionError(
							"no object at '" + key + "' of " + String.join(".", path) + " in " + this.body);
				}
				node = (Map<String, Object>) child;
			}
			return node;
		}

	}

}
