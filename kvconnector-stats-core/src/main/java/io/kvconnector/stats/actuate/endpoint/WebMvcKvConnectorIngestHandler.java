package io.kvconnector.stats.actuate.endpoint;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnectorIngest;

/**
 * Serves {@code POST /actuator/kvconnector/{connector}} on Spring MVC: streams the JSON
 * body, bounded in size and in bytes ingested at once, into {@link KvConnectorIngest}.
 *
 * @author kvconnector-stats
 */
public final class WebMvcKvConnectorIngestHandler implements HandlerFunction<ServerResponse> {

	private final KvConnectorIngestProtocol protocol;

	/**
	 * Create the handler.
	 * @param ingest validates, applies and counts requests
	 * @param maxBodyBytes the largest accepted body; larger ones get 413
	 * @param maxInFlightBytes the most bytes of bodies ingested at once; beyond it
	 * requests get 503
	 */
	public WebMvcKvConnectorIngestHandler(KvConnectorIngest ingest, long maxBodyBytes, long maxInFlightBytes) {
		this.protocol = new KvConnectorIngestProtocol(ingest, maxBodyBytes, maxInFlightBytes);
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws IOException {
		ServerRequest.Headers headers = request.headers();
		return respond(this.protocol.ingest(request.pathVariable("connector"), headers.contentType(),
				headers.contentLength(), request.servletRequest().getInputStream()));
	}

	private static ServerResponse respond(IngestResult result) {
		if (result.isApplied()) {
			return ServerResponse.noContent().build();
		}
		ServerResponse.BodyBuilder response = ServerResponse.status(result.status().httpStatus())
			.contentType(MediaType.APPLICATION_JSON);
		String retryAfter = KvConnectorIngestProtocol.retryAfter(result);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		return response.body(KvConnectorIngestProtocol.errorBody(result));
	}

}
