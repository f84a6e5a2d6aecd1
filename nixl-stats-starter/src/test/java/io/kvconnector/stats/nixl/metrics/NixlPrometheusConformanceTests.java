package io.kvconnector.stats.nixl.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.conformance.PrometheusExposition;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnectorIngest;

import static io.kvconnector.stats.nixl.NixlTransfers.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Prometheus exposition of {@link NixlMetrics}, fed through
 * {@link KvConnectorIngest}, against every NIXL case vLLM's own {@code NixlPromMetrics}
 * produced.
 *
 * @author kvconnector-stats
 */
class NixlPrometheusConformanceTests {

	private static final List<Integer> ENGINES = List.of(0, 1);

	private static final String MODEL_NAME = "conformance-model";

	static Stream<Named<Map<String, Object>>> corpus() {
		return cases().stream().map((c) -> Named.of((String) c.get("id"), c));
	}

	private static List<Map<String, Object>> cases() {
		return ConformanceCorpus.read(ConformanceCorpus.PROMETHEUS)
			.stream()
			.filter((c) -> NixlMetrics.CONNECTOR.equals(c.get("connector")))
			.toList();
	}

	@Test
	void corpusHasTheFreshAndBoundaryCases() {
		assertThat(cases()).extracting((c) -> c.get("id"))
			.contains("prom-nixl-fresh", "prom-nixl-boundary-ulp")
			.hasSizeGreaterThan(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void exposesWhatVllmExposesOnEveryCorpusCase(Map<String, Object> corpusCase) {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		KvConnectorIngest ingest = new KvConnectorIngest(List.of(recorder(registry)));
		for (Map<String, Object> observation : observations(corpusCase)) {
			assertThat(ingest.ingest(NixlMetrics.CONNECTOR, request(observation.get("engine"), data(observation)))
				.isApplied()).isTrue();
		}
		PrometheusExposition ours = PrometheusExposition.parse(registry.scrape());
		PrometheusExposition vllm = PrometheusExposition.parse((String) corpusCase.get("exposition"));
		assertThat(ours.differencesFrom(vllm)).as("%s: differences from vLLM's exposition", corpusCase.get("id"))
			.isEmpty();
	}

	@Test
	void recordingApiPlacesBoundaryValuesInTheBucketsIngestDoes() {
		long[] micros = { 999, 1000, 1001, 4999, 5000, 5001, 74999, 75000, 75001, 999999, 1000000, 1000001, 4999999,
				5000000, 5000001 };
		PrometheusMeterRegistry recorded = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		NixlStatsRecorder recorder = recorder(recorded);
		List<Double> seconds = new ArrayList<>();
		List<Long> bytes = new ArrayList<>();
		List<Long> descriptors = new ArrayList<>();
		for (long value : micros) {
			recorder.recordTransfer(1, transfer(value, value, 8192, 75));
			seconds.add(value / 1e6);
			bytes.add(8192L);
			descriptors.add(75L);
		}
		PrometheusMeterRegistry ingested = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		IngestResult result = new KvConnectorIngest(List.of(recorder(ingested))).ingest(NixlMetrics.CONNECTOR,
				request(1,
						Map.of(NixlKvConnectorStats.TRANSFER_DURATION, seconds, NixlKvConnectorStats.POST_DURATION,
								seconds, NixlKvConnectorStats.BYTES_TRANSFERRED, bytes,
								NixlKvConnectorStats.NUM_DESCRIPTORS, descriptors)));
		assertThat(result.isApplied()).isTrue();
		PrometheusExposition ingestedExposition = PrometheusExposition.parse(ingested.scrape());
		PrometheusExposition recordedExposition = PrometheusExposition.parse(recorded.scrape());
		recordedExposition.assertConformsTo(ingestedExposition);
		ingestedExposition.assertConformsTo(recordedExposition);
		assertThat(bucket(recordedExposition, "vllm:nixl_xfer_time_seconds_bucket", "0.005")).isEqualTo(5);
		assertThat(bucket(recordedExposition, "vllm:nixl_xfer_time_seconds_bucket", "0.075")).isEqualTo(8);
		assertThat(bucket(recordedExposition, "vllm:nixl_xfer_time_seconds_bucket", "1.0")).isEqualTo(11);
		assertThat(bucket(recordedExposition, "vllm:nixl_xfer_time_seconds_bucket", "5.0")).isEqualTo(14);
		assertThat(bucket(recordedExposition, "vllm:nixl_xfer_time_seconds_bucket", "+Inf")).isEqualTo(15);
		assertThat(bucket(recordedExposition, "vllm:nixl_post_time_seconds_bucket", "0.001")).isEqualTo(2);
		assertThat(bucket(recordedExposition, "vllm:nixl_post_time_seconds_bucket", "0.005")).isEqualTo(5);
	}

	private static NixlStatsRecorder recorder(PrometheusMeterRegistry registry) {
		NixlMetrics metrics = new NixlMetrics(MODEL_NAME);
		metrics.bindTo(registry);
		return new NixlStatsRecorder(ENGINES, 1_000_000, metrics, Clock.systemUTC());
	}

	private static String request(@Nullable Object engine, Map<String, ?> data) {
		Map<String, Object> request = new LinkedHashMap<>();
		if (engine != null) {
			request.put("engine", engine);
		}
		request.put("data", data);
		return JsonMapper.shared().writeValueAsString(request);
	}

	private static Double bucket(PrometheusExposition exposition, String name, String le) {
		return exposition.value(name, Map.of("engine", "1", "le", le, "model_name", MODEL_NAME));
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
