package io.kvconnector.stats.actuate.endpoint;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnectorIngest;

/**
 * Serves {@code POST /actuator/kvconnector/{connector}} on WebFlux: collects the JSON
 * body, bounded in size, and hands it to {@link KvConnectorIngest} off the event loop,
 * since decoding and validating a large body takes a while.
 *
 * @author kvconnector-stats
 */
public final class WebFluxKvConnectorIngestHandler implements HandlerFunction<ServerResponse> {

	private final KvConnectorIngestProtocol protocol;

	private final Scheduler scheduler;

	/**
	 * Create a handler that ingests on {@link Schedulers#boundedElastic()}.
	 * @param ingest validates, applies and counts requests
	 * @param maxBodyBytes the largest accepted body; larger ones get 413
	 */
	public WebFluxKvConnectorIngestHandler(KvConnectorIngest ingest, long maxBodyBytes) {
		this(ingest, maxBodyBytes, Schedulers.boundedElastic());
	}

	/**
	 * Create a handler.
	 * @param ingest validates, applies and counts requests
	 * @param maxBodyBytes the largest accepted body; larger ones get 413
	 * @param scheduler where bodies are ingested
	 */
	public WebFluxKvConnectorIngestHandler(KvConnectorIngest ingest, long maxBodyBytes, Scheduler scheduler) {
		this.protocol = new KvConnectorIngestProtocol(ingest, maxBodyBytes);
		this.scheduler = scheduler;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		String connector = request.pathVariable("connector");
		IngestResult refused = this.protocol.refuseUnread(connector, request.headers().contentType(),
				request.headers().contentLength());
		if (refused != null) {
			return respond(refused);
		}
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), this.protocol.readLimit())
			.map(WebFluxKvConnectorIngestHandler::bytes)
			.publishOn(this.scheduler)
			.map((body) -> this.protocol.ingest(connector, body))
			.switchIfEmpty(Mono.fromSupplier(() -> this.protocol.ingest(connector, null)).subscribeOn(this.scheduler))
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> Mono.fromSupplier(() -> this.protocol.tooLarge(connector)))
			.flatMap(WebFluxKvConnectorIngestHandler::respond);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static Mono<ServerResponse> respond(IngestResult result) {
		if (result.isApplied()) {
			return ServerResponse.noContent().build();
		}
		byte[] body = KvConnectorIngestProtocol.errorBody(result);
		return ServerResponse.status(result.status().httpStatus())
			.contentType(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromDataBuffers(
					Mono.<DataBuffer>fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(body))));
	}

}
