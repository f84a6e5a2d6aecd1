package io.kvconnector.stats.actuate.endpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

	private static final String VALID = "{\"data\": {\"values\": [1.0]}}";

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TestConnector connector;

	private final KvConnectorIngest ingest;

	private final KvConnectorIngestProtocol protocol;

	KvConnectorIngestProtocolTests() {
		TestMetrics metrics = new TestMetrics();
		metrics.bindTo(this.registry);
		this.connector = new TestConnector(List.of(0), 10, metrics, Clock.systemUTC());
		this.ingest = new KvConnectorIngest(List.of(this.connector));
		this.protocol = new KvConnectorIngestProtocol(this.ingest, 64, 100);
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json;charset=UTF-8", "application/vnd.vllm+json" })
	void jsonBodiesAreRead(String contentType) throws IOException {
		assertThat(
				post(Optional.of(MediaType.parseMediaType(contentType)), OptionalLong.empty(), body(VALID)).isApplied())
			.isTrue();
	}

	@Test
	void aBodyWithoutContentTypeIsReadAsJson() throws IOException {
		assertThat(post(Optional.empty(), OptionalLong.empty(), body(VALID)).isApplied()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/xml", "text/json+xml", "application/x-www-form-urlencoded" })
	void otherBodiesAreUnsupportedAndCountedAndReadToTheirEnd(String contentType) throws IOException {
		CountingBody body = body(VALID);
		IngestResult result = post(Optional.of(MediaType.parseMediaType(contentType)), OptionalLong.empty(), body);
		assertThat(result.status()).isEqualTo(Status.UNSUPPORTED_MEDIA_TYPE);
		assertThat(result.message()).contains(contentType);
		assertThat(rejected(SampleHealthMeters.INVALID_PAYLOAD)).isOne();
		assertThat(body.atEnd()).isTrue();
		assertThat(currentIsEmpty()).isTrue();
	}

	@Test
	void aDeclaredLengthBeyondTheLimitIsTooLargeBeforeReading() throws IOException {
		CountingBody body = body(VALID);
		IngestResult result = post(Optional.empty(), OptionalLong.of(65), body);
		assertThat(result.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
		assertThat(result.message()).contains("64 bytes");
		assertThat(rejected(SampleHealthMeters.INVALID_PAYLOAD)).isOne();
		assertThat(body.read).isZero();
	}

	@Test
	void aBodyOfUnknownLengthBeyondTheLimitIsTooLargeNotAppliedAndReadToItsEnd() throws IOException {
		String json = "{\"data\": {\"values\": [1.0]}, \"padding\": \"" + "x".repeat(50) + "\"}";
		CountingBody body = body(json);
		IngestResult result = post(Optional.empty(), OptionalLong.empty(), body);
		assertThat(result.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
		assertThat(currentIsEmpty()).isTrue();
		assertThat(body.atEnd()).isTrue();
		assertThat(this.protocolBudget()).isZero();
	}

	@Test
	void aRefusedBodyIsReadUpToTheLimitMoreAndNoFurther() throws IOException {
		CountingBody body = body("{\"data\": " + " ".repeat(1000) + "}");
		IngestResult result = post(Optional.empty(), OptionalLong.empty(), body);
		assertThat(result.status()).isEqualTo(Status.CONTENT_TOO_LARGE);
		assertThat(body.read).isEqualTo(65 + 64);
	}

	@Test
	void aMalformedBodyIsBadRequestAndReadToItsEnd() throws IOException {
		CountingBody body = body("{\"data\": {\"values\": [-1.0, 2.0, 3.0, 4.0]}}");
		IngestResult result = post(Optional.empty(), OptionalLong.empty(), body);
		assertThat(result.status()).isEqualTo(Status.BAD_REQUEST);
		assertThat(result.path()).isEqualTo("data.values[0]");
		assertThat(body.atEnd()).isTrue();
	}

	@Test
	void aDeclaredLengthBeyondTheBytesLeftInTheBudgetIsOverloadedChangesNothingAndIsCounted() throws IOException {
		IngestBody held = IngestBody.open(body(VALID), 80, 64, budgetOf(this.protocol));
		assertThat(held).isNotNull();
		CountingBody body = body(VALID);
		IngestResult result = post(Optional.empty(), OptionalLong.of(VALID.length()), body);
		assertThat(result.status()).isEqualTo(Status.SERVICE_UNAVAILABLE);
		assertThat(result.message()).contains("kvconnector.max-ingest-in-flight");
		assertThat(KvConnectorIngestProtocol.retryAfter(result)).isEqualTo("1");
		assertThat(rejected(SampleHealthMeters.OVERLOADED_PAYLOAD)).isOne();
		assertThat(rejected(SampleHealthMeters.INVALID_PAYLOAD)).isZero();
		assertThat(body.atEnd()).isTrue();
		assertThat(currentIsEmpty()).isTrue();
		held.release();
		assertThat(post(Optional.empty(), OptionalLong.of(VALID.length()), body(VALID)).isApplied()).isTrue();
		assertThat(this.protocolBudget()).isZero();
	}

	@Test
	void aBodyOfUnknownLengthReservesAsItIsReadAndIsOverloadedWhenTheBudgetIsSpent() throws IOException {
		KvConnectorIngestProtocol roomy = new KvConnectorIngestProtocol(this.ingest, 1 << 20, 1 << 20);
		IngestBody held = IngestBody.open(body(VALID), (1 << 20) - 10_000, 1 << 20, budgetOf(roomy));
		assertThat(held).isNotNull();
		assertThat(roomy.ingest("test", Optional.empty(), OptionalLong.empty(), body(VALID)).isApplied()).isTrue();
		String large = "{\"data\": {\"values\": [" + "1.0, ".repeat(3000) + "1.0]}}";
		IngestResult result = roomy.ingest("test", Optional.empty(), OptionalLong.empty(), body(large));
		assertThat(result.status()).isEqualTo(Status.SERVICE_UNAVAILABLE);
		assertThat(currentValues()).isOne();
		held.release();
		assertThat(budgetOf(roomy).reserved()).isZero();
	}

	@Test
	void aBodyWithinTheLimitIsIngestedAndGivesItsBudgetBack() throws IOException {
		assertThat(post(Optional.empty(), OptionalLong.of(VALID.length()), body(VALID)).isApplied()).isTrue();
		assertThat(post(Optional.empty(), OptionalLong.empty(), body("")).status()).isEqualTo(Status.BAD_REQUEST);
		assertThat(this.protocolBudget()).isZero();
		assertThat(currentValues()).isOne();
	}

	@Test
	void anUnknownConnectorIsNotFoundWhateverTheBody() throws IOException {
		CountingBody body = body(VALID);
		IngestResult result = this.protocol.ingest("nope", Optional.of(MediaType.TEXT_PLAIN), OptionalLong.empty(),
				body);
		assertThat(result.status()).isEqualTo(Status.NOT_FOUND);
		assertThat(body.atEnd()).isTrue();
	}

	@Test
	void errorBodyNamesStatusErrorPathAndMessageInThatOrder() {
		byte[] body = KvConnectorIngestProtocol
			.errorBody(new IngestResult(Status.BAD_REQUEST, "data.values[3]", "expected \"a number\""));
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(
				"{\"status\":400,\"error\":\"Bad Request\",\"path\":\"data.values[3]\",\"message\":\"expected \\\"a number\\\"\"}");
		assertThat(KvConnectorIngestProtocol.retryAfter(new IngestResult(Status.BAD_REQUEST, "", ""))).isNull();
	}

	private IngestResult post(Optional<MediaType> contentType, OptionalLong contentLength, InputStream body)
			throws IOException {
		return this.protocol.ingest("test", contentType, contentLength, body);
	}

	private long protocolBudget() {
		return budgetOf(this.protocol).reserved();
	}

	private static IngestBudget budgetOf(KvConnectorIngestProtocol protocol) {
		return protocol.budget();
	}

	private boolean currentIsEmpty() {
		return this.connector.engines().get(0).interval().snapshot().current().empty();
	}

	private long currentValues() {
		return ((Number) this.connector.engines().get(0).interval().snapshot().current().stats().get("count"))
			.longValue();
	}

	private double rejected(String reason) {
		return this.registry.get(SampleHealthMeters.REJECTED).tag("reason", reason).counter().count();
	}

	private static CountingBody body(String json) {
		return new CountingBody(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A body that counts what was read of it.
	 */
	static final class CountingBody extends ByteArrayInputStream {

		long read;

		CountingBody(byte[] bytes) {
			super(bytes);
		}

		@Override
		public synchronized int read() {
			int value = super.read();
			this.read += (value >= 0) ? 1 : 0;
			return value;
		}

		@Override
		public synchronized int read(byte[] buffer, int offset, int length) {
			int count = super.read(buffer, offset, length);
			this.read += Math.max(0, count);
			return count;
		}

		boolean atEnd() {
			return available() == 0;
		}

	}

}
