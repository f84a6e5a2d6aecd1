package io.kvconnector.stats.actuate.endpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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

	private final int port;

	private final String actuator;

	/**
	 * Create a client of the actuator endpoints served on a port of the local host.
	 * @param port the port that serves {@code /actuator}
	 */
	public KvConnectorEndpointClient(int port) {
		this.port = port;
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
	 * {@code POST /actuator/kvconnector/{connector}} with a JSON body streamed without a
	 * declared length, in chunks.
	 * @param connector the connector name
	 * @param body the body, read as the request is sent
	 * @return the response, once it has arrived
	 */
	public CompletableFuture<Response> postChunked(String connector, InputStream body) {
		HttpRequest request = request("/kvconnector/" + connector).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> body))
			.build();
		return this.http.sendAsync(request, BodyHandlers.ofString()).thenApply(Response::of);
	}

	/**
	 * Start a {@code POST /actuator/kvconnector/{connector}} whose chunked body is sent
	 * when the caller says, over a connection of its own.
	 * @param connector the connector name
	 * @return the request, its headers sent
	 * @throws IOException if connecting fails
	 */
	public ChunkedPost startChunkedPost(String connector) throws IOException {
		Socket socket = new Socket("localhost", this.port);
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		ChunkedPost post = new ChunkedPost(socket);
		post.write(("POST /actuator/kvconnector/" + connector + " HTTP/1.1\r\nHost: localhost:" + this.port
				+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		return post;
	}

	/**
	 * A request whose chunked body is sent piece by piece.
	 */
	public static final class ChunkedPost implements AutoCloseable {

		private final Socket socket;

		ChunkedPost(Socket socket) {
			this.socket = socket;
		}

		/**
		 * Send a chunk of the body.
		 * @param chunk the chunk
		 * @throws IOException if sending fails
		 */
		public void send(byte[] chunk) throws IOException {
			write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			write(chunk);
			write("\r\n".getBytes(StandardCharsets.US_ASCII));
		}

		/**
		 * End the body and read the response's status code.
		 * @return the status code
		 * @throws IOException if sending or reading fails
		 */
		public int finish() throws IOException {
			write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			BufferedReader response = new BufferedReader(
					new InputStreamReader(this.socket.getInputStream(), StandardCharsets.US_ASCII));
			String statusLine = response.readLine();
			if (statusLine == null) {
				throw new IOException("no response");
			}
			return Integer.parseInt(statusLine.split(" ")[1]);
		}

		private void write(byte[] bytes) throws IOException {
			OutputStream output = this.socket.getOutputStream();
			output.write(bytes);
			output.flush();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

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
			return Response.of(this.http.send(request.build(), BodyHandlers.ofString()));
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
	 * @param retryAfter the {@code Retry-After} header, or empty
	 */
	public record Response(int status, String body, String contentType, String retryAfter) {

		static Response of(HttpResponse<String> response) {
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").orElse(""));
		}

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
