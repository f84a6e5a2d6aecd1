package io.kvconnector.stats.mooncake.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.conformance.AbstractPrometheusConformanceTests;
import io.kvconnector.stats.conformance.PrometheusExposition.Sample;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.mooncake.MooncakeConnectorUnderTest;
import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.MooncakeStoreConnectorStats;

/**
 * Checks the Prometheus exposition of {@link MooncakeMetrics} against every Mooncake case
 * vLLM's own {@code MooncakeStorePromMetrics} produced.
 *
 * @author kvconnector-stats
 */
class MooncakePrometheusConformanceTests extends
		AbstractPrometheusConformanceTests<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> {

	private static final double[] BOUNDS = { 0.001, 0.05, 0.3, 0.75, 1.5, 4.0 };

	private static final String OPERATION_TIME = "vllm:mooncake_store_operation_time_seconds_bucket";

	@Override
	protected ConnectorUnderTest<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> connector() {
		return new MooncakeConnectorUnderTest();
	}

	@Override
	protected void recordBoundaryValues(MooncakeStatsRecorder recorder, int engine) {
		for (double duration : durations()) {
			recorder.recordOperation(engine,
					MooncakeOperation.builder("load_get").durationSeconds(duration).keys(3).bytes(4096).build());
		}
	}

	@Override
	protected Map<String, ?> boundaryValuesData() {
		List<Map<String, Object>> records = new ArrayList<>();
		for (double duration : durations()) {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("duration_seconds", duration);
			record.put("num_keys", 3);
			record.put("num_bytes", 4096);
			records.add(record);
		}
		return Map.of("load_get", records);
	}

	@Override
	protected List<Sample> boundaryBuckets() {
		return List.of(bucket("0.001", 2), bucket("0.005", 3), bucket("0.05", 5), bucket("0.3", 8), bucket("0.75", 11),
				bucket("1.5", 14), bucket("4.0", 17), bucket("+Inf", 18));
	}

	private static Sample bucket(String le, double count) {
		return bucket(OPERATION_TIME, le, count, "operation", "load_get", "status", "ok");
	}

	// just below, at and just above each bound
	private static List<Double> durations() {
		List<Double> durations = new ArrayList<>();
		for (double bound : BOUNDS) {
			durations.addAll(List.of(Math.nextDown(bound), bound, Math.nextUp(bound)));
		}
		return durations;
	}

}
