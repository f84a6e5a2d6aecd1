package io.kvconnector.stats.nixl.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.conformance.AbstractPrometheusConformanceTests;
import io.kvconnector.stats.conformance.PrometheusExposition.Sample;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlStatsRecorder;

import static io.kvconnector.stats.nixl.NixlTransfers.transfer;

/**
 * Checks the Prometheus exposition of {@link NixlMetrics} against every NIXL case vLLM's
 * own {@code NixlPromMetrics} produced.
 *
 * @author kvconnector-stats
 */
class NixlPrometheusConformanceTests
		extends AbstractPrometheusConformanceTests<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> {

	// around the bounds the two seconds histograms share, and their ends
	private static final long[] MICROS = { 999, 1000, 1001, 4999, 5000, 5001, 74999, 75000, 75001, 999999, 1000000,
			1000001, 4999999, 5000000, 5000001 };

	private static final String XFER_TIME = "vllm:nixl_xfer_time_seconds_bucket";

	private static final String POST_TIME = "vllm:nixl_post_time_seconds_bucket";

	@Override
	protected ConnectorUnderTest<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> connector() {
		return new NixlConnectorUnderTest();
	}

	@Override
	protected void recordBoundaryValues(NixlStatsRecorder recorder, int engine) {
		for (long micros : MICROS) {
			recorder.recordTransfer(engine, transfer(micros, micros, 8192, 75));
		}
	}

	@Override
	protected Map<String, ?> boundaryValuesData() {
		List<Double> seconds = new ArrayList<>();
		for (long micros : MICROS) {
			seconds.add(micros / 1e6);
		}
		return Map.of(NixlKvConnectorStats.TRANSFER_DURATION, seconds, NixlKvConnectorStats.POST_DURATION, seconds,
				NixlKvConnectorStats.BYTES_TRANSFERRED, seconds.stream().map((value) -> 8192).toList(),
				NixlKvConnectorStats.NUM_DESCRIPTORS, seconds.stream().map((value) -> 75).toList());
	}

	@Override
	protected List<Sample> boundaryBuckets() {
		return List.of(bucket(XFER_TIME, "0.005", 5), bucket(XFER_TIME, "0.075", 8), bucket(XFER_TIME, "1.0", 11),
				bucket(XFER_TIME, "5.0", 14), bucket(XFER_TIME, "+Inf", 15), bucket(POST_TIME, "0.001", 2),
				bucket(POST_TIME, "0.005", 5));
	}

}
