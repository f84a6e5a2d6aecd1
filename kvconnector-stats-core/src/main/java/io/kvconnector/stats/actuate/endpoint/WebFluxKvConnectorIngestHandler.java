package io.kvconnector.stats.actuate.endpoint;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnectorIngest;

/**
 * Serves {@code POST /actuator/kvconnector/{connector}} on WebFlux: streams the JSON
 * body, bounded in size and in bytes ingested at once, into {@link KvConnectorIngest},
 * off the event loop, since reading a large body blocks while it arrives; only a few
 * buffers of the body are held at a time.
 *
 * @author kvconnector-stats
 */
public final class WebFluxKvConnectorIngestHandler implements HandlerFunction<ServerResponse> {

	/**
	 * Buffers of the body requested ahead of the reader.
	 */
	private static final int PREFETCH = 4;

	private final KvConnectorIngestProtocol protocol;

	private final Scheduler scheduler;

	/**
	 * Create a handler that ingests on {@link Schedulers#boundedElastic()}.
	 * @param ingest validates, applies and counts requests
	 * @param maxBodyBytes the largest accepted body; larger ones get 413
	 * @param maxInFlightBytes the most bytes of bodies ingested at once; beyond it
	 * requests get 503
	 */
	public WebFluxKvConnectorIngestHandler(KvConnectorIngest ingest, long maxBodyBytes, long maxInFlightBytes) {
		this(ingest, maxBodyBytes, maxInFlightBytes, Schedulers.boundedElastic());
	}

	/**
	 * Create a handler.
	 * @param ingest validates, applies and counts requests
	 * @param maxBodyBytes the largest accepted body; larger ones get 413
	 * @param maxInFlightBytes the most bytes of bodies ingested at once; beyond it
	 * requests get 503
	 * @param scheduler where bodies are read and ingested
	 */
	public WebFluxKvConnectorIngestHandler(KvConnectorIngest ingest, long maxBodyBytes, long maxInFlightBytes,
			Scheduler scheduler) {
		this.protocol = new KvConnectorIngestProtocol(ingest, maxBodyBytes, maxInFlightBytes);
		this.scheduler = scheduler;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		String connector = request.pathVariable("connector");
		ServerRequest.Headers headers = request.headers();
		return Mono.fromCallable(() -> {
			try (InputStream body = new SubscribedOnRead(request)) {
				return this.protocol.ingest(connector, headers.contentType(), headers.contentLength(), body);
			}
		}).subscribeOn(this.scheduler).flatMap(WebFluxKvConnectorIngestHandler::respond);
	}

	private static Mono<ServerResponse> respond(IngestResult result) {
		if (result.isApplied()) {
			return ServerResponse.noContent().build();
		}
		byte[] body = KvConnectorIngestProtocol.errorBody(result);
		ServerResponse.BodyBuilder response = ServerResponse.status(result.status().httpStatus())
			.contentType(MediaType.APPLICATION_JSON);
		String retryAfter = KvConnectorIngestProtocol.retryAfter(result);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		return response.body(BodyInserters
			.fromDataBuffers(Mono.<DataBuffer>fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(body))));
	}

	/**
	 * The body as a stream that subscribes to it when first read, so that a request
	 * refused from its headers leaves its body alone.
	 */
	private static final class SubscribedOnRead extends InputStream {

		private final ServerRequest request;

		private @Nullable InputStream body;

		SubscribedOnRead(ServerRequest request) {
			this.request = request;
		}

		@Override
		public int read() throws IOException {
			return body().read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			return body().read(buffer, offset, length);
		}

		private InputStream body() {
			InputStream body = this.body;
			if (body == null) {
				body = DataBufferUtils.subscriberInputStream(this.request.body(BodyExtractors.toDataBuffers()),
						PREFETCH);
				this.body = body;
			}
			return body;
		}

		@Override
		public void close() throws IOException {
			if (this.body != null) {
				this.body.close();
			}
		}

	}

}
