package io.kvconnector.stats.actuate.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves {@code POST /actuator/kvconnector/{connector}}: reads the JSON body, bounded in
 * size, and hands it to {@link KvConnectorEndpoint#ingest}.
 *
 * @author kvconnector-stats
 */
public final class KvConnectorIngestHandler implements HandlerFunction<ServerResponse> {

	private final KvConnectorEndpoint endpoint;

	private final long maxBodyBytes;

	/**
	 * Create the handler.
	 * @param endpoint the endpoint that ingests
	 * @param maxBodyBytes the largest accepted body; larger ones get 413
	 */
	public KvConnectorIngestHandler(KvConnectorEndpoint endpoint, long maxBodyBytes) {
		this.endpoint = endpoint;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws IOException {
		String connector = request.pathVariable("connector");
		MediaType contentType = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
		if (!isJson(contentType)) {
			return error(this.endpoint.refuse(connector, HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
					"Unsupported Media Type", "expected a JSON body but got " + contentType));
		}
		long declaredLength = request.headers().contentLength().orElse(-1);
		byte[] body = (declaredLength > this.maxBodyBytes) ? null
				: readBounded(request.servletRequest().getInputStream());
		if (body == null) {
			return error(this.endpoint.refuse(connector, HttpStatus.CONTENT_TOO_LARGE.value(), "Content Too Large",
					"the body exceeds " + this.maxBodyBytes + " bytes (kvconnector.max-ingest-size)"));
		}
		KvConnectorEndpoint.ErrorDescriptor error = this.endpoint.ingest(connector,
				new String(body, StandardCharsets.UTF_8));
		return (error != null) ? error(error) : ServerResponse.noContent().build();
	}

	private static boolean isJson(MediaType contentType) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| (contentType.getSubtype().endsWith("+json") && "application".equals(contentType.getType()));
	}

	private byte @Nullable [] readBounded(InputStream input) throws IOException {
		byte[] body = input.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBodyBytes + 1));
		return (body.length > this.maxBodyBytes) ? null : body;
	}

	private static ServerResponse error(KvConnectorEndpoint.ErrorDescriptor error) {
		return ServerResponse.status(error.status())
			.contentType(MediaType.APPLICATION_JSON)
			.body(JsonMapper.shared().writeValueAsString(error));
	}

}
