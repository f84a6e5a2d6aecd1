package io.kvconnector.stats.nixl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.numeric.LinearPercentile;
import io.kvconnector.stats.numeric.NumpyRound;
import io.kvconnector.stats.numeric.PairwiseSum;
import io.kvconnector.stats.numeric.PythonRound;

/**
 * vLLM's {@code NixlKVConnectorStats.reduce()} of each schema, bit for bit, over the
 * columns of an interval copied into primitive arrays.
 *
 * @author kvconnector-stats
 */
final class NixlReducer {

	static final List<String> KEYS = List.of("Num successful transfers", "Avg xfer time (ms)", "P90 xfer time (ms)",
			"Avg post time (ms)", "P90 post time (ms)", "Avg MB per transfer", "Throughput (MB/s)",
			"Avg number of descriptors");

	/**
	 * The keys of schema v2: those of v1, then the failure counts.
	 */
	static final List<String> V2_KEYS = List.of(KEYS.get(0), KEYS.get(1), KEYS.get(2), KEYS.get(3), KEYS.get(4),
			KEYS.get(5), KEYS.get(6), KEYS.get(7), "Num failed transfers", "Num KV expired reqs");

	private static final double BYTES_PER_MB = 1048576.0;

	private NixlReducer() {
	}

	/**
	 * Return the keys of {@code reduce()} in a schema.
	 * @param schema the schema
	 * @return the keys, in order
	 */
	static List<String> keys(NixlSchema schema) {
		return (schema == NixlSchema.V2) ? V2_KEYS : KEYS;
	}

	/**
	 * Reduce the columns of an interval as its schema does.
	 * @param columns the columns
	 * @return vLLM's keys, in order, to integers and doubles
	 */
	static Map<String, Number> reduce(Columns columns) {
		Map<String, Number> reduced = new LinkedHashMap<>();
		reduceTransfers(columns, reduced);
		if (columns.schema() == NixlSchema.V2) {
			reduced.put(V2_KEYS.get(8), columns.failedTransfers());
			reduced.put(V2_KEYS.get(9), columns.kvExpiredReqs());
		}
		return reduced;
	}

	private static void reduceTransfers(Columns columns, Map<String, Number> reduced) {
		double[] transfer = columns.transfer();
		int n = transfer.length;
		if (n == 0) {
			for (String key : KEYS) {
				reduced.put(key, 0);
			}
			return;
		}
		long[] bytes = columns.bytes();
		double[] megabytes = new double[n];
		for (int i = 0; i < n; i++) {
			megabytes[i] = bytes[i] / BYTES_PER_MB;
		}
		double totalTime = PairwiseSum.sum(transfer);
		double avgTransfer = totalTime / n;
		double p90Transfer = LinearPercentile.percentile(transfer, n, 0.9);
		double avgPost = PairwiseSum.sum(columns.post()) / n;
		double p90Post = LinearPercentile.percentile(columns.post(), n, 0.9);
		double totalMegabytes = PairwiseSum.sum(megabytes);
		boolean python = columns.schema() == NixlSchema.V2;
		reduced.put(KEYS.get(0), n);
		reduced.put(KEYS.get(1), roundAverage(python, avgTransfer * 1e3, 3));
		reduced.put(KEYS.get(2), PythonRound.round(p90Transfer * 1e3, 3));
		reduced.put(KEYS.get(3), roundAverage(python, avgPost * 1e3, 3));
		reduced.put(KEYS.get(4), PythonRound.round(p90Post * 1e3, 3));
		reduced.put(KEYS.get(5), roundAverage(python, totalMegabytes / n, 3));
		reduced.put(KEYS.get(6), roundAverage(python, totalMegabytes / totalTime, 3));
		reduced.put(KEYS.get(7), roundAverage(python, (double) columns.descriptorTotal() / n, 1));
	}

	// v1 rounds the averages as numpy scalars (on x * 10^k); v2 converts them with
	// .item() first, so CPython rounds them exactly, as it rounds the p90 floats in both
	private static double roundAverage(boolean python, double x, int ndigits) {
		return python ? PythonRound.round(x, ndigits) : NumpyRound.round(x, ndigits);
	}

	/**
	 * What {@link #reduce} needs of an interval, copied out of its samples.
	 *
	 * @param schema the schema to reduce in
	 * @param transfer the transfer durations in seconds
	 * @param post the post durations in seconds
	 * @param bytes the bytes transferred
	 * @param descriptorTotal the exact sum of the descriptor counts
	 * @param failedTransfers the entries of the failed-transfer, failed-handshake and
	 * failed-notification lists
	 * @param kvExpiredReqs the entries of the expired-request list
	 */
	record Columns(NixlSchema schema, double[] transfer, double[] post, long[] bytes, long descriptorTotal,
			long failedTransfers, long kvExpiredReqs) {

		/**
		 * Copy what reduce needs of an interval's samples; the caller guards them.
		 * @param samples the samples
		 * @return the columns
		 */
		static Columns of(NixlSamples samples) {
			SampleRows rows = samples.transfers;
			int n = rows.size();
			double[] transfer = new double[n];
			double[] post = new double[n];
			long[] bytes = new long[n];
			rows.copyDoubles(NixlSamples.TRANSFER, transfer);
			rows.copyDoubles(NixlSamples.POST, post);
			rows.copyLongs(NixlSamples.BYTES, bytes);
			long failedTransfers = samples.failures(NixlFailure.FAILED_TRANSFERS).size()
					+ samples.failures(NixlFailure.FAILED_HANDSHAKES).size()
					+ samples.failures(NixlFailure.FAILED_NOTIFICATIONS).size();
			// at most 2^31 descriptor counts below 2^32: the sum fits a long
			return new Columns(samples.schema, transfer, post, bytes,
					rows.sumExact(NixlSamples.DESCRIPTORS).longValue(), failedTransfers,
					samples.failures(NixlFailure.KV_EXPIRED_REQS).size());
		}

	}

}
