package io.kvconnector.stats.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.SampleDropListener;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.recording.ClosedInterval;
import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.IntervalRotator;
import io.kvconnector.stats.recording.KvConnector;
import io.kvconnector.stats.recording.KvConnectorIngest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks what every connector's recorder does alike: the per-interval bound and the
 * {@code kvconnector_dropped_samples_total} counter, the {@code engine} label, samples
 * for an unknown engine rejected, counted and warned about, the ingest, and meters bound
 * before or after the recorder exists. Each starter extends it with its connector and
 * tests its own samples, meters and rejection reasons in the subclass.
 *
 * @param <S> the stats type
 * @param <R> the recorder type
 * @param <M> the meter binder type
 * @author kvconnector-stats
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class AbstractKvConnectorRecorderTests<S extends KvConnectorStats<S>, R extends KvConnector<S>, M extends MeterBinder> {

	private static final String MODEL_NAME = "test-model";

	private final MeterRegistry registry = new SimpleMeterRegistry();

	/**
	 * Return the connector under test.
	 * @return the connector
	 */
	protected abstract ConnectorUnderTest<S, R, M> connector();

	@Test
	void samplesBeyondMaxPerIntervalAreDroppedButStillMetered() {
		R recorder = recorder(List.of(0), 2);
		for (int i = 0; i < 5; i++) {
			connector().record(recorder, i, false);
		}
		assertThat(samples(current(recorder, 0))).isEqualTo(2);
		assertThat(current(recorder, 0).droppedSamples()).isEqualTo(3);
		assertThat(dropped(0)).isEqualTo(3);
		assertThat(connector().meteredSamples(this.registry, 0)).isEqualTo(5);
		assertThat(this.registry.get(SampleHealthMeters.REJECTED).counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void droppedSamplesAreCountedAgainAfterRotation() {
		R recorder = recorder(List.of(0), 1);
		connector().record(recorder, 0, false);
		connector().record(recorder, 1, false);
		recorder.engines().get(0).interval().rotate();
		connector().record(recorder, 2, false);
		connector().record(recorder, 3, false);
		ClosedInterval last = recorder.engines().get(0).interval().last();
		assertThat(last).isNotNull();
		assertThat(connector().samples(last.summary().stats())).isOne();
		assertThat(samples(current(recorder, 0))).isOne();
		assertThat(dropped(0)).isEqualTo(2);
		assertThat(connector().meteredSamples(this.registry, 0)).isEqualTo(4);
	}

	@Test
	void recordingGoesToTheEngineLabelOfItsEngine() {
		R recorder = recorder(List.of(2, 0, 5), 1);
		connector().record(recorder, 0, false);
		connector().record(recorder, 5, 1, false);
		connector().record(recorder, 5, 2, false);
		connector().record(recorder, 0, 3, true);
		assertThat(connector().meteredSamples(this.registry, 2)).isOne();
		assertThat(connector().meteredSamples(this.registry, 0)).isOne();
		assertThat(connector().meteredSamples(this.registry, 5)).isEqualTo(2);
		assertThat(connector().meteredFailures(this.registry)).isOne();
		assertThat(dropped(5)).isOne();
		assertThat(dropped(2)).isZero();
		assertThat(dropped(0)).isZero();
		assertThat(data(current(recorder, 0))).containsExactlyEntriesOf(data(withSample(0, false)));
		assertThat(data(current(recorder, 1))).containsExactlyEntriesOf(data(withSample(3, true)));
		assertThat(data(current(recorder, 2))).containsExactlyEntriesOf(data(withSample(1, false)));
	}

	@Test
	void samplesForAnUnknownEngineAreRejectedCountedAndWarnedAboutOncePerInterval(CapturedOutput output) {
		R recorder = recorder(List.of(0), 100);
		for (int i = 0; i < 3; i++) {
			connector().record(recorder, 9, i, false);
		}
		assertThat(rejected("unknown_engine")).isEqualTo(3);
		assertThat(warnings(output)).isOne();
		assertThat(output.getOut())
			.contains("Dropped an invalid " + connector().name() + " sample (unknown_engine): engine 9");
		assertThat(current(recorder, 0).isEmpty()).isTrue();
		assertThat(connector().meteredSamples(this.registry, 0)).isZero();
		new IntervalRotator(List.of(recorder)).rotate();
		connector().record(recorder, 9, 3, false);
		connector().record(recorder, 9, 4, false);
		assertThat(warnings(output)).isEqualTo(2);
		assertThat(rejected("unknown_engine")).isEqualTo(5);
	}

	@Test
	void invalidIngestIsCountedAsInvalidPayloadAndChangesNothing() {
		R recorder = recorder(List.of(0), 100);
		KvConnectorIngest ingest = new KvConnectorIngest(List.of(recorder));
		IngestResult unknownEngine = ingest.ingest(connector().name(), request(4, Map.of()));
		assertThat(unknownEngine.status()).isEqualTo(IngestResult.Status.BAD_REQUEST);
		assertThat(unknownEngine.path()).isEqualTo("engine");
		IngestResult notAnObject = ingest.ingest(connector().name(), request(0, List.of()));
		assertThat(notAnObject.status()).isEqualTo(IngestResult.Status.BAD_REQUEST);
		assertThat(notAnObject.path()).isEqualTo("data");
		assertThat(rejected(SampleHealthMeters.INVALID_PAYLOAD)).isEqualTo(2);
		assertThat(current(recorder, 0).isEmpty()).isTrue();
		assertThat(connector().meteredSamples(this.registry, 0)).isZero();
	}

	@Test
	void validIngestIsAddedToTheEngineCurrentIntervalAndMeters() {
		R recorder = recorder(List.of(0, 3), 100);
		S sample = withSample(0, true);
		IngestResult result = new KvConnectorIngest(List.of(recorder)).ingest(connector().name(),
				request(3, sample.data()));
		assertThat(result.isApplied()).isTrue();
		assertThat(data(current(recorder, 1))).containsExactlyEntriesOf(data(sample));
		assertThat(current(recorder, 0).isEmpty()).isTrue();
		assertThat(connector().meteredSamples(this.registry, 3)).isOne();
		assertThat(connector().meteredSamples(this.registry, 0)).isZero();
		assertThat(connector().meteredFailures(this.registry)).isOne();
	}

	@Test
	void metersBoundBeforeOrAfterTheRecorderIsCreatedHaveEverySeriesOfItsEngines() {
		M metrics = connector().metrics(MODEL_NAME);
		PrometheusMeterRegistry early = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		metrics.bindTo(early);
		R recorder = connector().recorder(List.of(1, 0), 100, metrics);
		PrometheusMeterRegistry late = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		metrics.bindTo(late);
		List<String> series = new ArrayList<>(connector().seriesAtZero(1, MODEL_NAME));
		series.addAll(connector().seriesAtZero(0, MODEL_NAME));
		for (PrometheusMeterRegistry registry : List.of(early, late)) {
			assertThat(registry.scrape().lines().filter((line) -> line.startsWith("vllm:") && isCountOrTotal(line)))
				.containsExactlyInAnyOrderElementsOf(series);
			assertThat(registry.find(SampleHealthMeters.DROPPED).counters())
				.extracting((counter) -> counter.getId().getTag("engine") + "=" + counter.count())
				.containsExactlyInAnyOrder("0=0.0", "1=0.0");
		}
		connector().record(recorder, 0, 0, false);
		assertThat(connector().meteredSamples(early, 0)).isOne();
		assertThat(connector().meteredSamples(late, 0)).isOne();
		assertThat(connector().meteredSamples(late, 1)).isZero();
	}

	/**
	 * Create a recorder whose meters are bound to this test's registry.
	 * @param engines the engine indexes
	 * @param maxSamplesPerInterval samples kept per engine and interval
	 * @return the recorder
	 */
	protected final R recorder(List<Integer> engines, int maxSamplesPerInterval) {
		return connector().recorder(engines, maxSamplesPerInterval, MODEL_NAME, this.registry);
	}

	/**
	 * Return the registry this test's recorders are bound to.
	 * @return the registry
	 */
	protected final MeterRegistry registry() {
		return this.registry;
	}

	/**
	 * Return the value of this connector's rejected-samples counter of a reason.
	 * @param reason the reason
	 * @return the count
	 */
	protected final double rejected(String reason) {
		return this.registry.get(SampleHealthMeters.REJECTED)
			.tags("connector", connector().name(), "reason", reason)
			.counter()
			.count();
	}

	/**
	 * Return how many warnings about invalid samples of a reason were logged.
	 * @param output the captured output
	 * @param reason the reason
	 * @return the number of warnings
	 */
	protected final long warnings(CapturedOutput output, String reason) {
		String message = "Dropped an invalid " + connector().name() + " sample (" + reason + ")";
		return output.getOut().lines().filter((line) -> line.contains("WARN") && line.contains(message)).count();
	}

	private long warnings(CapturedOutput output) {
		return warnings(output, "unknown_engine");
	}

	private double dropped(int engine) {
		return this.registry.get(SampleHealthMeters.DROPPED)
			.tags("connector", connector().name(), "engine", String.valueOf(engine))
			.counter()
			.count();
	}

	private S current(R recorder, int position) {
		return recorder.engines().get(position).interval().current();
	}

	private long samples(S stats) {
		return connector().samples(stats.reduce());
	}

	private S withSample(long sample, boolean failure) {
		S stats = connector().stats(Integer.MAX_VALUE, SampleDropListener.NONE);
		connector().record(stats, sample, failure);
		return stats;
	}

	private static Map<String, Object> data(KvConnectorStats<?> stats) {
		return new LinkedHashMap<>(stats.data());
	}

	private static boolean isCountOrTotal(String line) {
		return line.contains("_count{") || line.contains("_total{");
	}

	private static String request(int engine, Object data) {
		return JsonMapper.shared().writeValueAsString(Map.of("engine", engine, "data", data));
	}

}
