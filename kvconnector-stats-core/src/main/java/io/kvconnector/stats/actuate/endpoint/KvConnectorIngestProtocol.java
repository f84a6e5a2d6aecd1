package io.kvconnector.stats.actuate.endpoint;

import java.nio.charset.StandardCharsets;
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
 * refused before their body is read, how a read body is ingested, and the JSON of a
 * refusal, written with a mapper of its own so that the application's Jackson settings do
 * not change it.
 *
 * @author kvconnector-stats
 */
final class KvConnectorIngestProtocol {

	private static final JsonMapper ERROR_MAPPER = JsonMapper.builder().build();

	private static final byte[] NO_BODY = {};

	private final KvConnectorIngest ingest;

	private final long maxBodyBytes;

	KvConnectorIngestProtocol(KvConnectorIngest ingest, long maxBodyBytes) {
		this.ingest = ingest;
		this.maxBodyBytes = maxBodyBytes;
	}

	/**
	 * Return the most bytes of a body to read: one beyond the limit, so that a longer
	 * body is seen to be too large.
	 * @return the read limit
	 */
	int readLimit() {
		return (int) Math.min(Integer.MAX_VALUE - 8, this.maxBodyBytes + 1);
	}

	/**
	 * Refuse a request from its headers alone: a body that is not JSON, or that declares
	 * a length beyond {@code kvconnector.max-ingest-size}.
	 * @param connector the connector name
	 * @param contentType the declared media type; JSON when absent
	 * @param contentLength the declared length, if any
	 * @return the refusal, or {@code null} when the body is to be read
	 */
	@Nullable IngestResult refuseUnread(String connector, Optional<MediaType> contentType, OptionalLong contentLength) {
		MediaType type = contentType.orElse(MediaType.APPLICATION_JSON);
		if (!isJson(type)) {
			return this.ingest.refuse(connector, IngestResult.Status.UNSUPPORTED_MEDIA_TYPE,
					"expected a JSON body but got " + type);
		}
		if (contentLength.isPresent() && contentLength.getAsLong() > this.maxBodyBytes) {
			return tooLarge(connector);
		}
		return null;
	}

	/**
	 * Refuse a body beyond {@code kvconnector.max-ingest-size}.
	 * @param connector the connector name
	 * @return the refusal
	 */
	IngestResult tooLarge(String connector) {
		return this.ingest.refuse(connector, IngestResult.Status.CONTENT_TOO_LARGE,
				"the body exceeds " + this.maxBodyBytes + " bytes (kvconnector.max-ingest-size)");
	}

	/**
	 * Ingest a body read up to {@link #readLimit()} bytes.
	 * @param connector the connector name
	 * @param body the body, or {@code null} when there was none
	 * @return what became of it
	 */
	IngestResult ingest(String connector, byte @Nullable [] body) {
		byte[] bytes = (body != null) ? body : NO_BODY;
		if (bytes.length > this.maxBodyBytes) {
			return tooLarge(connector);
		}
		return this.ingest.ingest(connector, new String(bytes, StandardCharsets.UTF_8));
	}

	/**
	 * Return the JSON body of a refusal.
	 * @param result the refusal
	 * @return {@code {"status":…,"error":…,"path":…,"message":…}} in UTF-8
	 */
	static byte[] errorBody(IngestResult result) {
		return ERROR_MAPPER.writeValueAsBytes(ErrorDescriptor.of(result));
	}

	private static boolean isJson(MediaType contentType) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| ("application".equals(contentType.getType()) && contentType.getSubtype().endsWith("+json"));
	}

}
