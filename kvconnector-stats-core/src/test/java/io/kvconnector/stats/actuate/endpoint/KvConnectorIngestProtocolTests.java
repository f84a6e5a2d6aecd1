package io.kvconnector.stats.actuate.endpoint;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.IngestResult.Status;
import io.kvconnector.stats.recording.KvConnectorIngest;
import io.kvconnector.stats.testconnector.TestConnector;
import io.kvconnector.stats.testconnector.TestMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KvConnectorIngestProtocol}.
 *
 * @author kvconnector-stats
 */
class KvConnectorIngestProtocolTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TestConnector connector;

	private final KvConnectorIngestProtocol protocol;

	KvConnectorIngestProtocolTests() {
		TestMetrics metrics = new TestMetrics();
		metrics.bindTo(this.registry);
		this.connector = new TestConnector(List.of(0), 10, metrics, Clock.systemUTC());
		this.protocol = new KvConnectorIngestProtocol(new KvConnectorIngest(List.of(this.connector)), 64);
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json;charset=UTF-8", "application/vnd.vllm+json" })
	void jsonBodiesAreRead(String contentType) {
		assertThat(this.protocol.refuseUnread("test", Optional.of(MediaType.parseMediaType(contentType)),
				OptionalLong.of(64)))
			.isNull();
	}

	@Test
	void aBodyWithoutContentTypeIsReadAsJson() {
		assertThat(this.protocol.refuseUnread("test", Optional.empty(), OptionalLong.empty())).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/xml", "text/json+xml", "application/x-www-form-urlencoded" })
	void otherBodiesAreUnsupportedAndCounted(String contentType) {
		IngestResult result = this.protocol.refuseUnread("test", Optional.of(MediaType.parseMediaType(contentType)),
				OptionalLong.empty());
		assertThat(result).isNotNull();
		assertThat(result.status()).isEqualTo(Status.UNSUPPORTED_MEDIA_TYPE);
		assertThat(result.message()).contains(contentType);
		assertThat(rejectedPayloads()).isOne();
	}

	@Test
	void aDeclaredLengthBeyondTheLimitIsTooLargeBeforeReading() {
		IngestResult result = this.protocol.refuseUnread("test", Optional.empty(), OptionalLong.of(65));
		assertThat(result).isNotNull();
		assertThat(result.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
		assertThat(result.message()).contains("64 bytes");
		assertThat(rejectedPayloads()).isOne();
	}

	@Test
	void aReadBodyBeyondTheLimitIsTooLargeAndNotApplied() {
		assertThat(this.protocol.readLimit()).isEqualTo(65);
		String body = "{\"data\": {\"values\": [1.0]}, \"padding\": \"" + "x".repeat(30) + "\"}";
		assertThat(body).hasSizeGreaterThan(64);
		IngestResult result = this.protocol.ingest("test", body.getBytes(StandardCharsets.UTF_8));
		assertThat(result.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
		assertThat(this.connector.engines().get(0).interval().snapshot().current().empty()).isTrue();
	}

	@Test
	void aReadBodyWithinTheLimitIsIngested() {
		IngestResult result = this.protocol.ingest("test",
				"{\"data\": {\"values\": [1.0]}}".getBytes(StandardCharsets.UTF_8));
		assertThat(result.isApplied()).isTrue();
		assertThat(this.protocol.ingest("test", null).status()).isEqualTo(Status.BAD_REQUEST);
	}

	@Test
	void anUnknownConnectorIsNotFoundWhateverTheBody() {
		IngestResult result = this.protocol.refuseUnread("nope", Optional.of(MediaType.TEXT_PLAIN),
				OptionalLong.empty());
		assertThat(result).isNotNull();
		assertThat(result.status()).isEqualTo(Status.NOT_FOUND);
	}

	@Test
	void errorBodyNamesStatusErrorPathAndMessageInThatOrder() {
		byte[] body = KvConnectorIngestProtocol
			.errorBody(new IngestResult(Status.BAD_REQUEST, "data.values[3]", "expected \"a number\""));
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(
				"{\"status\":400,\"error\":\"Bad Request\",\"path\":\"data.values[3]\",\"message\":\"expected \\\"a number\\\"\"}");
	}

	private double rejectedPayloads() {
		return this.registry.get(SampleHealthMeters.REJECTED)
			.tag("reason", SampleHealthMeters.INVALID_PAYLOAD)
			.counter()
			.count();
	}

}
