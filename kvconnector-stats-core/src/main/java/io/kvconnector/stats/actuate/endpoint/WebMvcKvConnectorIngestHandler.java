package io.kvconnector.stats.actuate.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnectorIngest;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves {@code POST /actuator/kvconnector/{connector}} on Spring MVC: reads the JSON
 * body, bounded in size, and hands it to {@link KvConnectorIngest}.
 *
 * @author kvconnector-stats
 */
public final class KvConnectorIngestHandler implements HandlerFunction<ServerResponse> {

	private final KvConnectorIngest ingest;

	private final long maxBodyBytes;

	/**
	 * Create the handler.
	 * @param ingest validates, applies and counts requests
	 * @param maxBodyBytes the largest accepted body; larger ones get 413
	 */
	public KvConnectorIngestHandler(KvConnectorIngest ingest, long maxBodyBytes) {
		this.ingest = ingest;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws IOException {
		String connector = request.pathVariable("connector");
		MediaType contentType = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
		if (!isJson(contentType)) {
			return respond(this.ingest.refuse(connector, IngestResult.Status.UNSUPPORTED_MEDIA_TYPE,
					"expected a JSON body but got " + contentType));
		}
		long declaredLength = request.headers().contentLength().orElse(-1);
		byte[] body = (declaredLength > this.maxBodyBytes) ? null
				: readBounded(request.servletRequest().getInputStream());
		if (body == null) {
			return respond(this.ingest.refuse(connector, IngestResult.Status.CONTENT_TOO_LARGE,
					"the body exceeds " + this.maxBodyBytes + " bytes (kvconnector.max-ingest-size)"));
		}
		return respond(this.ingest.ingest(connector, new String(body, StandardCharsets.UTF_8)));
	}

	private static boolean isJson(MediaType contentType) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| (contentType.getSubtype().endsWith("+json") && "application".equals(contentType.getType()));
	}

	private byte @Nullable [] readBounded(InputStream input) throws IOException {
		byte[] body = input.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBodyBytes + 1));
		return (body.length > this.maxBodyBytes) ? null : body;
	}

	private static ServerResponse respond(IngestResult result) {
		if (result.isApplied()) {
			return ServerResponse.noContent().build();
		}
		KvConnectorEndpoint.ErrorDescriptor error = KvConnectorEndpoint.ErrorDescriptor.of(result);
		return ServerResponse.status(error.status())
			.contentType(MediaType.APPLICATION_JSON)
			.body(JsonMapper.shared().writeValueAsString(error));
	}

}
