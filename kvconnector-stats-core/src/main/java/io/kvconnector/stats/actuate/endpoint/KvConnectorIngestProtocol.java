package io.kvconnector.stats.actuate.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpoint.ErrorDescriptor;
import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnectorIngest;

/**
 * The HTTP side of ingest that every web stack's adapter shares: which requests are
 * refused before their body is read, how a body is streamed into
 * {@link KvConnectorIngest} within {@code kvconnector.max-ingest-size} and the budget of
 * bytes ingested at once, and the JSON of a refusal, written with a mapper of its own so
 * that the application's Jackson settings do not change it. A refused body is read to its
 * end, up to {@code max-ingest-size} more bytes, so that the client, still sending, gets
 * the answer rather than a reset connection.
 *
 * @author kvconnector-stats
 */
final class KvConnectorIngestProtocol {

	/**
	 * Seconds after which a request refused for overload may be sent again.
	 */
	static final int RETRY_AFTER_SECONDS = 1;

	private static final JsonMapper ERROR_MAPPER = JsonMapper.builder().build();

	private final KvConnectorIngest ingest;

	private final long maxBodyBytes;

	private final IngestBudget budget;

	KvConnectorIngestProtocol(KvConnectorIngest ingest, long maxBodyBytes, long maxInFlightBytes) {
		this.ingest = ingest;
		this.maxBodyBytes = maxBodyBytes;
		this.budget = new IngestBudget(maxInFlightBytes);
	}

	/**
	 * Ingest a request: refuse it from its headers where they say enough, else stream its
	 * body into the ingest.
	 * @param connector the connector name
	 * @param contentType the declared media type; JSON when absent
	 * @param contentLength the declared length, if any
	 * @param body the body, read on the calling thread
	 * @return what became of it
	 * @throws IOException if reading the body fails
	 */
	IngestResult ingest(String connector, Optional<MediaType> contentType, OptionalLong contentLength, InputStream body)
			throws IOException {
		MediaType type = contentType.orElse(MediaType.APPLICATION_JSON);
		if (!isJson(type)) {
			return drained(body, this.ingest.refuse(connector, IngestResult.Status.UNSUPPORTED_MEDIA_TYPE,
					"expected a JSON body but got " + type));
		}
		if (contentLength.isPresent() && contentLength.getAsLong() > this.maxBodyBytes) {
			return tooLarge(connector);
		}
		IngestBody bounded = IngestBody.open(body, contentLength.orElse(-1), this.maxBodyBytes, this.budget);
		if (bounded == null) {
			return drained(body, overloaded(connector));
		}
		try {
			return drained(body, this.ingest.ingest(connector, bounded));
		}
		catch (IngestBody.TooLargeException ex) {
			return drained(body, tooLarge(connector));
		}
		catch (IngestBody.OverloadedException ex) {
			return drained(body, overloaded(connector));
		}
		finally {
			bounded.release();
		}
	}

	private IngestResult tooLarge(String connector) {
		return this.ingest.refuse(connector, IngestResult.Status.CONTENT_TOO_LARGE,
				"the body exceeds " + this.maxBodyBytes + " bytes (kvconnector.max-ingest-size)");
	}

	private IngestResult overloaded(String connector) {
		return this.ingest.refuse(connector, IngestResult.Status.SERVICE_UNAVAILABLE,
				"too many bytes are being ingested at once (kvconnector.max-ingest-in-flight); retry after "
						+ RETRY_AFTER_SECONDS + " s");
	}

	/**
	 * Read what is left of a body, up to {@code max-ingest-size} bytes, before answering.
	 */
	private IngestResult drained(InputStream body, IngestResult result) throws IOException {
		long left = this.maxBodyBytes;
		byte[] buffer = new byte[8192];
		for (int count; left > 0 && (count = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0;) {
			left -= count;
		}
		return result;
	}

	/**
	 * Return the budget of bytes ingested at once.
	 * @return the budget
	 */
	IngestBudget budget() {
		return this.budget;
	}

	/**
	 * Return the JSON body of a refusal.
	 * @param result the refusal
	 * @return {@code {"status":…,"error":…,"path":…,"message":…}} in UTF-8
	 */
	static byte[] errorBody(IngestResult result) {
		return ERROR_MAPPER.writeValueAsBytes(ErrorDescriptor.of(result));
	}

	/**
	 * Return the value of the {@code Retry-After} header of a result.
	 * @param result the result
	 * @return the seconds to wait, or {@code null} when the request is not to be retried
	 */
	static @Nullable String retryAfter(IngestResult result) {
		return (result.status() == IngestResult.Status.SERVICE_UNAVAILABLE) ? String.valueOf(RETRY_AFTER_SECONDS)
				: null;
	}

	private static boolean isJson(MediaType contentType) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| ("application".equals(contentType.getType()) && contentType.getSubtype().endsWith("+json"));
	}

}
