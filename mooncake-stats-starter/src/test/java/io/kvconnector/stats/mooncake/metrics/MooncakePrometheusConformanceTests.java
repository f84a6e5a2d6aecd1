package io.kvconnector.stats.mooncake.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.conformance.PrometheusExposition;
import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnectorIngest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Prometheus exposition of {@link MooncakeMetrics}, fed through
 * {@link KvConnectorIngest}, against every Mooncake case vLLM's own
 * {@code MooncakeStorePromMetrics} produced.
 *
 * @author kvconnector-stats
 */
class MooncakePrometheusConformanceTests {

	private static final List<Integer> ENGINES = List.of(0, 1);

	private static final String MODEL_NAME = "conformance-model";

	private static final List<String> OPERATIONS = List.of("save_exists", "save_put", "load_get", "lookup_exists");

	static Stream<Named<Map<String, Object>>> corpus() {
		return cases().stream().map((c) -> Named.of((String) c.get("id"), c));
	}

	private static List<Map<String, Object>> cases() {
		return ConformanceCorpus.read(ConformanceCorpus.PROMETHEUS)
			.stream()
			.filter((c) -> MooncakeMetrics.CONNECTOR.equals(c.get("connector")))
			.toList();
	}

	@Test
	void corpusHasTheFreshAndBoundaryCases() {
		assertThat(cases()).extracting((c) -> c.get("id"))
			.contains("prom-mooncake-fresh", "prom-mooncake-boundary-ulp")
			.hasSizeGreaterThan(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void exposesWhatVllmExposesOnEveryCorpusCase(Map<String, Object> corpusCase) {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		MooncakeMetrics metrics = newMetrics();
		metrics.bindTo(registry);
		KvConnectorIngest ingest = new KvConnectorIngest(
				List.of(new MooncakeStatsRecorder(ENGINES, 1_000_000, metrics, Clock.systemUTC())));
		for (Map<String, Object> observation : observations(corpusCase)) {
			assertThat(ingest(ingest, (Integer) observation.get("engine"), data(observation)).isApplied()).isTrue();
		}
		PrometheusExposition ours = PrometheusExposition.parse(registry.scrape());
		PrometheusExposition vllm = PrometheusExposition.parse((String) corpusCase.get("exposition"));
		assertThat(ours.differencesFrom(vllm)).as("%s: differences from vLLM's exposition", corpusCase.get("id"))
			.isEmpty();
	}

	@Test
	void recordingApiPlacesBoundaryValuesInTheBucketsIngestDoes() {
		double[] bounds = { 0.001, 0.05, 0.3, 0.75, 1.5, 4.0 };
		PrometheusMeterRegistry recorded = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		MooncakeMetrics recordedMetrics = newMetrics();
		recordedMetrics.bindTo(recorded);
		MooncakeStatsRecorder recorder = new MooncakeStatsRecorder(ENGINES, 1_000_000, recordedMetrics,
				Clock.systemUTC());
		List<Map<String, Object>> records = new ArrayList<>();
		for (double bound : bounds) {
			for (double duration : new double[] { Math.nextDown(bound), bound, Math.nextUp(bound) }) {
				recorder.recordOperation(1,
						MooncakeOperation.builder("load_get").durationSeconds(duration).keys(3).bytes(4096).build());
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("duration_seconds", duration);
				record.put("num_keys", 3);
				record.put("num_bytes", 4096);
				records.add(record);
			}
		}
		PrometheusMeterRegistry ingested = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		MooncakeMetrics ingestedMetrics = newMetrics();
		ingestedMetrics.bindTo(ingested);
		KvConnectorIngest ingest = new KvConnectorIngest(
				List.of(new MooncakeStatsRecorder(ENGINES, 1_000_000, ingestedMetrics, Clock.systemUTC())));
		assertThat(ingest(ingest, 1, Map.of("load_get", records)).isApplied()).isTrue();
		PrometheusExposition ingestedExposition = PrometheusExposition.parse(ingested.scrape());
		PrometheusExposition recordedExposition = PrometheusExposition.parse(recorded.scrape());
		recordedExposition.assertConformsTo(ingestedExposition);
		ingestedExposition.assertConformsTo(recordedExposition);
		assertThat(bucket(recordedExposition, "0.001")).isEqualTo(2);
		assertThat(bucket(recordedExposition, "0.005")).isEqualTo(3);
		assertThat(bucket(recordedExposition, "0.05")).isEqualTo(5);
		assertThat(bucket(recordedExposition, "0.3")).isEqualTo(8);
		assertThat(bucket(recordedExposition, "0.75")).isEqualTo(11);
		assertThat(bucket(recordedExposition, "1.5")).isEqualTo(14);
		assertThat(bucket(recordedExposition, "4.0")).isEqualTo(17);
		assertThat(bucket(recordedExposition, "+Inf")).isEqualTo(18);
	}

	private static MooncakeMetrics newMetrics() {
		return new MooncakeMetrics(MODEL_NAME, OPERATIONS, 32, 8);
	}

	private static IngestResult ingest(KvConnectorIngest ingest, int engine, Map<String, ?> data) {
		return ingest.ingest(MooncakeMetrics.CONNECTOR,
				JsonMapper.shared().writeValueAsString(Map.of("engine", engine, "data", data)));
	}

	private static Double bucket(PrometheusExposition exposition, String le) {
		return exposition.value("vllm:mooncake_store_operation_time_seconds_bucket",
				Map.of("engine", "1", "le", le, "model_name", MODEL_NAME, "operation", "load_get", "status", "ok"));
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
