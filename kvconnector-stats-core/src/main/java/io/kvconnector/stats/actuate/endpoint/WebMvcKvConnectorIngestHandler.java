package io.kvconnector.stats.actuate.endpoint;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnectorIngest;

/**
 * Serves {@code POST /actuator/kvconnector/{connector}} on Spring MVC: reads the JSON
 * body, bounded in size, and hands it to {@link KvConnectorIngest}.
 *
 * @author kvconnector-stats
 */
public final class WebMvcKvConnectorIngestHandler implements HandlerFunction<ServerResponse> {

	private final KvConnectorIngestProtocol protocol;

	/**
	 * Create the handler.
	 * @param ingest validates, applies and counts requests
	 * @param maxBodyBytes the largest accepted body; larger ones get 413
	 */
	public WebMvcKvConnectorIngestHandler(KvConnectorIngest ingest, long maxBodyBytes) {
		this.protocol = new KvConnectorIngestProtocol(ingest, maxBodyBytes);
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws IOException {
		String connector = request.pathVariable("connector");
		IngestResult refused = this.protocol.refuseUnread(connector, request.headers().contentType(),
				request.headers().contentLength());
		if (refused != null) {
			return respond(refused);
		}
		byte[] body = request.servletRequest().getInputStream().readNBytes(this.protocol.readLimit());
		return respond(this.protocol.ingest(connector, body));
	}

	private static ServerResponse respond(IngestResult result) {
		if (result.isApplied()) {
			return ServerResponse.noContent().build();
		}
		return ServerResponse.status(result.status().httpStatus())
			.contentType(MediaType.APPLICATION_JSON)
			.body(KvConnectorIngestProtocol.errorBody(result));
	}

}
