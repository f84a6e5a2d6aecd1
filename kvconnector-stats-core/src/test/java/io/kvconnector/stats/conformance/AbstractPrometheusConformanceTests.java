package io.kvconnector.stats.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.conformance.PrometheusExposition.Sample;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.recording.KvConnector;
import io.kvconnector.stats.recording.KvConnectorIngest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a connector's Prometheus exposition, fed through {@link KvConnectorIngest},
 * against every case of the Prometheus corpus that vLLM's own metrics classes produced
 * for it, and that its recording API places values at bucket bounds where ingest does.
 * Each starter extends it with its boundary values.
 *
 * @param <S> the stats type
 * @param <R> the recorder type
 * @param <M> the meter binder type
 * @author kvconnector-stats
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractPrometheusConformanceTests<S extends KvConnectorStats<S>, R extends KvConnector<S>, M extends MeterBinder> {

	/**
	 * The {@code model_name} label of the corpus.
	 */
	protected static final String MODEL_NAME = "conformance-model";

	/**
	 * The engine the boundary values are recorded on.
	 */
	protected static final int BOUNDARY_ENGINE = 1;

	private static final List<Integer> ENGINES = List.of(0, BOUNDARY_ENGINE);

	/**
	 * Return the connector under test.
	 * @return the connector
	 */
	protected abstract ConnectorUnderTest<S, R, M> connector();

	/**
	 * Record, through the recording API, values at, just below and just above the
	 * histograms' bucket bounds.
	 * @param recorder the recorder
	 * @param engine the engine to record on
	 */
	protected abstract void recordBoundaryValues(R recorder, int engine);

	/**
	 * Return the values of {@link #recordBoundaryValues} in vLLM's wire format.
	 * @return the data
	 */
	protected abstract Map<String, ?> boundaryValuesData();

	/**
	 * Return bucket samples the boundary values must produce, as {@link #bucket} builds
	 * them.
	 * @return the samples
	 */
	protected abstract List<Sample> boundaryBuckets();

	/**
	 * Build a bucket sample of the boundary engine.
	 * @param name the sample name, such as {@code vllm:nixl_xfer_time_seconds_bucket}
	 * @param le the bound
	 * @param count the cumulative count
	 * @param labels further label names and values, in pairs
	 * @return the sample
	 */
	protected static Sample bucket(String name, String le, double count, String... labels) {
		Map<String, String> all = new TreeMap<>();
		all.put("engine", String.valueOf(BOUNDARY_ENGINE));
		all.put("le", le);
		all.put("model_name", MODEL_NAME);
		for (int i = 0; i < labels.length; i += 2) {
			all.put(labels[i], labels[i + 1]);
		}
		return new Sample(name, all, count);
	}

	Stream<Named<Map<String, Object>>> corpusCases() {
		return cases().stream().map((c) -> Named.of((String) c.get("id"), c));
	}

	private List<Map<String, Object>> cases() {
		return ConformanceCorpus.read(ConformanceCorpus.PROMETHEUS)
			.stream()
			.filter((c) -> connector().name().equals(c.get("connector")))
			.toList();
	}

	@Test
	void corpusHasTheFreshAndBoundaryCases() {
		String prefix = "prom-" + connector().name();
		assertThat(cases()).extracting((c) -> c.get("id"))
			.contains(prefix + "-fresh", prefix + "-boundary-ulp")
			.hasSizeGreaterThan(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpusCases")
	void exposesWhatVllmExposesOnEveryCorpusCase(Map<String, Object> corpusCase) {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		KvConnectorIngest ingest = new KvConnectorIngest(List.of(recorder(registry)));
		for (Map<String, Object> observation : observations(corpusCase)) {
			assertThat(ingest.ingest(connector().name(), request(observation.get("engine"), data(observation)))
				.isApplied()).isTrue();
		}
		PrometheusExposition ours = PrometheusExposition.parse(registry.scrape());
		PrometheusExposition vllm = PrometheusExposition.parse((String) corpusCase.get("exposition"));
		assertThat(ours.differencesFrom(vllm)).as("%s: differences from vLLM's exposition", corpusCase.get("id"))
			.isEmpty();
	}

	@Test
	void recordingApiPlacesBoundaryValuesInTheBucketsIngestDoes() {
		PrometheusMeterRegistry recorded = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		recordBoundaryValues(recorder(recorded), BOUNDARY_ENGINE);
		PrometheusMeterRegistry ingested = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		assertThat(new KvConnectorIngest(List.of(recorder(ingested)))
			.ingest(connector().name(), request(BOUNDARY_ENGINE, boundaryValuesData()))
			.isApplied()).isTrue();
		PrometheusExposition ingestedExposition = PrometheusExposition.parse(ingested.scrape());
		PrometheusExposition recordedExposition = PrometheusExposition.parse(recorded.scrape());
		recordedExposition.assertConformsTo(ingestedExposition);
		ingestedExposition.assertConformsTo(recordedExposition);
		assertThat(boundaryBuckets()).isNotEmpty()
			.allSatisfy(
					(bucket) -> assertThat(recordedExposition.value(bucket.name(), bucket.labels())).as("%s", bucket)
						.isEqualTo(bucket.value()));
	}

	private R recorder(PrometheusMeterRegistry registry) {
		return connector().recorder(ENGINES, 1_000_000, MODEL_NAME, registry);
	}

	private static String request(@Nullable Object engine, Map<String, ?> data) {
		Map<String, Object> request = new LinkedHashMap<>();
		if (engine != null) {
			request.put("engine", engine);
		}
		request.put("data", data);
		return JsonMapper.shared().writeValueAsString(request);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> observations(Map<String, Object> corpusCase) {
		return (List<Map<String, Object>>) corpusCase.get("observe");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> data(Map<String, Object> observation) {
		return (Map<String, ?>) observation.get("data");
	}

}
