package io.kvconnector.stats.nixl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;
import io.kvconnector.stats.recording.IntervalSummary;

/**
 * The NIXL connector in one schema as the shared suites drive it: a sample is a transfer,
 * a failure a failed transfer recorded next to it.
 *
 * @author kvconnector-stats
 */
public final class NixlConnectorUnderTest
		implements ConnectorUnderTest<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> {

	private static final String FAILED_TRANSFERS = NixlFailure.FAILED_TRANSFERS.wireKey();

	private final NixlSchema schema;

	/**
	 * Drive the connector in schema v1, its default.
	 */
	public NixlConnectorUnderTest() {
		this(NixlSchema.V1);
	}

	/**
	 * Drive the connector in a schema.
	 * @param schema the schema
	 */
	public NixlConnectorUnderTest(NixlSchema schema) {
		this.schema = schema;
	}

	@Override
	public String name() {
		return NixlMetrics.CONNECTOR;
	}

	@Override
	public Class<NixlStatsRecorder> recorderType() {
		return NixlStatsRecorder.class;
	}

	@Override
	public Class<NixlMetrics> metricsType() {
		return NixlMetrics.class;
	}

	@Override
	public NixlMetrics metrics(String modelName) {
		return new NixlMetrics(modelName, this.schema);
	}

	@Override
	public NixlStatsRecorder recorder(List<Integer> engines, int maxSamplesPerInterval, NixlMetrics metrics) {
		return new NixlStatsRecorder(engines, maxSamplesPerInterval, metrics, Clock.systemUTC());
	}

	@Override
	public void record(NixlStatsRecorder recorder, long sample, boolean failure) {
		recorder.recordTransfer(transfer(sample));
		if (failure) {
			recorder.recordFailedTransfer();
		}
	}

	@Override
	public void record(NixlStatsRecorder recorder, int engine, long sample, boolean failure) {
		recorder.recordTransfer(engine, transfer(sample));
		if (failure) {
			recorder.recordFailedTransfer(engine);
		}
	}

	@Override
	public NixlKvConnectorStats stats(int capacity, SampleDropListener drops) {
		return new NixlKvConnectorStats(this.schema, capacity, drops);
	}

	@Override
	public RecordOutcome record(NixlKvConnectorStats stats, long sample, boolean failure) {
		RecordOutcome outcome = stats.recordTransfer(transfer(sample));
		if (failure) {
			stats.recordFailedTransfer();
		}
		return outcome;
	}

	@Override
	public NixlKvConnectorStats fromData(Map<String, ?> data) {
		return NixlKvConnectorStats.fromData(data, this.schema);
	}

	@Override
	public long samples(Map<String, Number> reduced) {
		return reduced.get("Num successful transfers").longValue();
	}

	@Override
	public long failures(NixlKvConnectorStats stats) {
		return stats.failureTotals().get(FAILED_TRANSFERS);
	}

	@Override
	public long failures(IntervalSummary summary) {
		Map<String, Long> failures = summary.failures();
		return (failures != null) ? failures.get(FAILED_TRANSFERS) : 0;
	}

	@Override
	public boolean failuresAreSamples() {
		return false;
	}

	@Override
	public double meteredSamples(MeterRegistry registry, int engine) {
		return registry.get("vllm:nixl_xfer_time").tag("engine", String.valueOf(engine)).timer().count();
	}

	@Override
	public double meteredFailures(MeterRegistry registry) {
		return ConnectorUnderTest.total(registry.find(NixlFailure.FAILED_TRANSFERS.meterName()));
	}

	@Override
	public List<String> seriesAtZero(int engine, String modelName) {
		String labels = "{engine=\"" + engine + "\",model_name=\"" + modelName + "\"}";
		List<String> series = new ArrayList<>(List.of("vllm:nixl_xfer_time_seconds_count" + labels + " 0",
				"vllm:nixl_post_time_seconds_count" + labels + " 0",
				"vllm:nixl_bytes_transferred_count" + labels + " 0",
				"vllm:nixl_num_descriptors_count" + labels + " 0"));
		for (NixlFailure kind : this.schema.counters()) {
			series.add(kind.meterName() + "_total" + labels + " 0.0");
		}
		return series;
	}

	@Override
	public Set<String> rejectionReasons() {
		return Set.of("invalid_duration", "negative_count", "descriptors_out_of_range", "unknown_engine",
				"invalid_payload", "overloaded_payload");
	}

	// sample 0 is a 1 MiB transfer of 2 ms that took 0.5 ms to post, over 4 descriptors
	private static NixlXferTelemetry transfer(long sample) {
		return NixlTransfers.transfer(2000 + sample, 500, 1_048_576, 4);
	}

}
