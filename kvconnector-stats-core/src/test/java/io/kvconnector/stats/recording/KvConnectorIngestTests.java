package io.kvconnector.stats.recording;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.recording.IngestResult.Status;
import io.kvconnector.stats.testconnector.TestConnector;
import io.kvconnector.stats.testconnector.TestMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link KvConnectorIngest}.
 *
 * @author kvconnector-stats
 */
class KvConnectorIngestTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TestMetrics metrics = new TestMetrics();

	private final TestConnector connector;

	private final KvConnectorIngest ingest;

	KvConnectorIngestTests() {
		this.metrics.bindTo(this.registry);
		this.connector = new TestConnector(List.of(0, 4), 3, this.metrics, Clock.systemUTC());
		this.ingest = new KvConnectorIngest(List.of(this.connector));
	}

	@Test
	void aValidRequestIsAppliedToTheEngineIntervalAndMeters() {
		IngestResult result = this.ingest.ingest("test", "{\"engine\": 4, \"data\": {\"values\": [0.5, 1.5]}}");
		assertThat(result).isEqualTo(IngestResult.applied());
		assertThat(result.status().httpStatus()).isEqualTo(204);
		assertThat(current(4).stats()).containsExactly(entry("count", 2), entry("total", 2.0));
		assertThat(current(0).stats()).containsEntry("count", 0);
		assertThat(this.registry.get(TestMetrics.VALUES).tag("engine", "4").summary().count()).isEqualTo(2);
		assertThat(rejectedPayloads()).isZero();
	}

	@Test
	void withoutAnEngineTheFirstConfiguredOneIsUsed() {
		assertThat(this.ingest.ingest("test", "{\"data\": {\"values\": [1.0]}}").isApplied()).isTrue();
		assertThat(current(0).stats()).containsEntry("count", 1);
	}

	@Test
	void aMalformedRequestNamesThePathChangesNothingAndIsCounted() {
		assertRefused("{\"engine\": 0, \"data\": {\"values\": [1.0, -2.0]}}", Status.BAD_REQUEST, "data.values[1]");
		assertRefused("{\"engine\": 1, \"data\": {}}", Status.BAD_REQUEST, "engine");
		assertRefused("{\"engine\": 1.5, \"data\": {}}", Status.BAD_REQUEST, "engine");
		assertRefused("{\"engine\": 0}", Status.BAD_REQUEST, "data");
		assertRefused("{\"engine\": 0, \"data\": [1]}", Status.BAD_REQUEST, "data");
		assertRefused("{\"engine\": 0, \"data\": {\"extra\": []}}", Status.BAD_REQUEST, "data.extra");
		assertRefused("not json", Status.BAD_REQUEST, "");
		assertThat(current(0).stats()).containsEntry("count", 0);
		assertThat(this.registry.get(TestMetrics.VALUES).tag("engine", "0").summary().count()).isZero();
		assertThat(rejectedPayloads()).isEqualTo(7);
	}

	@Test
	void anUnknownConnectorIsNotFoundAndCountsNothing() {
		IngestResult result = this.ingest.ingest("nope", "{\"data\": {}}");
		assertThat(result.status()).isEqualTo(Status.NOT_FOUND);
		assertThat(result.path()).isEqualTo("connector");
		assertThat(this.ingest.refuse("nope", Status.CONTENT_TOO_LARGE, "too big").status())
			.isEqualTo(Status.NOT_FOUND);
		assertThat(rejectedPayloads()).isZero();
	}

	@Test
	void refusedBodiesAreCountedAgainstTheirConnector() {
		IngestResult result = this.ingest.refuse("test", Status.CONTENT_TOO_LARGE, "too big");
		assertThat(result.status().httpStatus()).isEqualTo(413);
		assertThat(result.message()).isEqualTo("too big");
		assertThat(this.ingest.refuse("test", Status.UNSUPPORTED_MEDIA_TYPE, "text").status().httpStatus())
			.isEqualTo(415);
		assertThat(rejectedPayloads()).isEqualTo(2);
	}

	@Test
	void samplesBeyondTheCapacityReachTheMetersAndAreCountedAsDropped() {
		assertThat(this.ingest.ingest("test", "{\"data\": {\"values\": [1, 2, 3, 4, 5]}}").isApplied()).isTrue();
		assertThat(current(0).stats()).containsEntry("count", 3);
		assertThat(current(0).droppedSamples()).isEqualTo(2);
		assertThat(this.registry.get(TestMetrics.VALUES).tag("engine", "0").summary().count()).isEqualTo(5);
		assertThat(this.registry.get(SampleHealthMeters.DROPPED).tag("engine", "0").counter().count()).isEqualTo(2.0);
	}

	private void assertRefused(String json, Status status, String path) {
		IngestResult result = this.ingest.ingest("test", json);
		assertThat(result.status()).as(json).isEqualTo(status);
		assertThat(result.path()).as(json).isEqualTo(path);
		assertThat(result.message()).as(json).isNotEmpty();
	}

	private IntervalSummary current(int engine) {
		return this.connector.engine(engine).interval().snapshot().current();
	}

	private double rejectedPayloads() {
		return this.registry.get(SampleHealthMeters.REJECTED).tag("reason", "invalid_payload").counter().count();
	}

}
