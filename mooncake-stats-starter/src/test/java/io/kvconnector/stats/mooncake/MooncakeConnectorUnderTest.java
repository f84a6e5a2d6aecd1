package io.kvconnector.stats.mooncake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;
import io.kvconnector.stats.recording.IntervalSummary;

/**
 * The Mooncake store connector as the shared suites drive it: a sample is a record of one
 * of the default operations, a failure one whose status is {@code error}.
 *
 * @author kvconnector-stats
 */
public final class MooncakeConnectorUnderTest
		implements ConnectorUnderTest<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> {

	/**
	 * The operations registered at zero by default
	 * ({@code kvconnector.mooncake.operations}).
	 */
	public static final List<String> OPERATIONS = List.of("save_exists", "save_put", "load_get", "lookup_exists");

	private static final String OPERATION_COUNTER = "vllm:mooncake_store_operation";

	@Override
	public String name() {
		return MooncakeMetrics.CONNECTOR;
	}

	@Override
	public Class<MooncakeStatsRecorder> recorderType() {
		return MooncakeStatsRecorder.class;
	}

	@Override
	public Class<MooncakeMetrics> metricsType() {
		return MooncakeMetrics.class;
	}

	@Override
	public MooncakeMetrics metrics(String modelName) {
		return new MooncakeMetrics(modelName, OPERATIONS, 32, 8);
	}

	@Override
	public MooncakeStatsRecorder recorder(List<Integer> engines, int maxSamplesPerInterval, MooncakeMetrics metrics) {
		return new MooncakeStatsRecorder(engines, maxSamplesPerInterval, metrics, Clock.systemUTC());
	}

	@Override
	public void record(MooncakeStatsRecorder recorder, long sample, boolean failure) {
		recorder.recordOperation(operation(sample, failure));
	}

	@Override
	public void record(MooncakeStatsRecorder recorder, int engine, long sample, boolean failure) {
		recorder.recordOperation(engine, operation(sample, failure));
	}

	@Override
	public MooncakeStoreConnectorStats stats(int capacity, SampleDropListener drops) {
		return new MooncakeStoreConnectorStats(capacity, drops);
	}

	@Override
	public RecordOutcome record(MooncakeStoreConnectorStats stats, long sample, boolean failure) {
		return stats.recordOperation(operation(sample, failure));
	}

	@Override
	public MooncakeStoreConnectorStats fromData(Map<String, ?> data) {
		return MooncakeStoreConnectorStats.fromData(data);
	}

	@Override
	public long samples(Map<String, Number> reduced) {
		return sum(reduced, "_count") - errors(reduced);
	}

	@Override
	public long failures(MooncakeStoreConnectorStats stats) {
		return errors(stats.reduce());
	}

	@Override
	public long failures(IntervalSummary summary) {
		return errors(summary.stats());
	}

	@Override
	public boolean failuresAreSamples() {
		return true;
	}

	@Override
	public double meteredSamples(MeterRegistry registry, int engine) {
		return ConnectorUnderTest.total(registry.find(OPERATION_COUNTER).tag("engine", String.valueOf(engine)));
	}

	@Override
	public double meteredFailures(MeterRegistry registry) {
		return ConnectorUnderTest
			.total(registry.find(OPERATION_COUNTER).tag("status", MooncakeStoreConnectorStats.STATUS_ERROR));
	}

	@Override
	public List<String> seriesAtZero(int engine, String modelName) {
		List<String> series = new ArrayList<>();
		for (String operation : OPERATIONS) {
			for (String status : List.of("ok", "error")) {
				String labels = "{engine=\"" + engine + "\",model_name=\"" + modelName + "\",operation=\"" + operation
						+ "\",status=\"" + status + "\"}";
				series.add("vllm:mooncake_store_operation_time_seconds_count" + labels + " 0");
				for (String counter : List.of("", "_keys", "_bytes", "_failed_keys")) {
					series.add(OPERATION_COUNTER + counter + "_total" + labels + " 0.0");
				}
			}
		}
		return series;
	}

	@Override
	public Set<String> rejectionReasons() {
		return Set.of("invalid_duration", "negative_count", "invalid_operation", "invalid_status", "unknown_engine",
				"invalid_payload", "overloaded_payload");
	}

	// each default operation in turn; sample 0 a save_exists of 3 keys and 4 KiB in 250
	// ms
	private static MooncakeOperation operation(long sample, boolean failure) {
		return MooncakeOperation.builder(OPERATIONS.get((int) (sample % OPERATIONS.size())))
			.durationSeconds((250 + sample % 1000) / 1000.0)
			.keys(3 + sample)
			.bytes(4096)
			.status(failure ? MooncakeStoreConnectorStats.STATUS_ERROR : MooncakeStoreConnectorStats.STATUS_OK)
			.failedKeys(failure ? 1 : 0)
			.build();
	}

	private static long errors(Map<String, Number> reduced) {
		return sum(reduced, "_error_count");
	}

	private static long sum(Map<String, Number> reduced, String suffix) {
		return reduced.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().endsWith(suffix))
			.mapToLong((entry) -> entry.getValue().longValue())
			.sum();
	}

}
