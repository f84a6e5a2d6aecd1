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
 * vLLM's {@code NixlKVConnectorStats.reduce()}, bit for bit, over the columns of an
 * interval copied into primitive arrays.
 *
 * @author kvconnector-stats
 */
final class NixlReducer {

	static final List<String> KEYS = List.of("Num successful transfers", "Avg xfer time (ms)", "P90 xfer time (ms)",
			"Avg post time (ms)", "P90 post time (ms)", "Avg MB per transfer", "Throughput (MB/s)",
			"Avg number of descriptors");

	private static final double BYTES_PER_MB = 1048576.0;

	private NixlReducer() {
	}

	/**
	 * Reduce the columns of an interval.
	 * @param columns the columns
	 * @return vLLM's keys, in order, to integers and doubles
	 */
	static Map<String, Number> reduce(Columns columns) {
		double[] transfer = columns.transfer();
		int n = transfer.length;
		Map<String, Number> reduced = new LinkedHashMap<>();
		if (n == 0) {
			for (String key : KEYS) {
				reduced.put(key, 0);
			}
			return reduced;
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
		// numpy's round (on x * 10^k) for numpy scalars, CPython's (exact) for the p90
		// floats
		reduced.put(KEYS.get(0), n);
		reduced.put(KEYS.get(1), NumpyRound.round(avgTransfer * 1e3, 3));
		reduced.put(KEYS.get(2), PythonRound.round(p90Transfer * 1e3, 3));
		reduced.put(KEYS.get(3), NumpyRound.round(avgPost * 1e3, 3));
		reduced.put(KEYS.get(4), PythonRound.round(p90Post * 1e3, 3));
		reduced.put(KEYS.get(5), NumpyRound.round(totalMegabytes / n, 3));
		reduced.put(KEYS.get(6), NumpyRound.round(totalMegabytes / totalTime, 3));
		reduced.put(KEYS.get(7), NumpyRound.round((double) columns.descriptorTotal() / n, 1));
		return reduced;
	}

	/**
	 * What {@link #reduce} needs of an interval's transfers, copied out of their rows.
	 *
	 * @param transfer the transfer durations in seconds
	 * @param post the post durations in seconds
	 * @param bytes the bytes transferred
	 * @param descriptorTotal the exact sum of the descriptor counts
	 */
	record Columns(double[] transfer, double[] post, long[] bytes, long descriptorTotal) {

		/**
		 * Copy the columns of transfer rows; the caller guards the rows.
		 * @param rows the rows
		 * @return the columns
		 */
		static Columns of(SampleRows rows) {
			int n = rows.size();
			double[] transfer = new double[n];
			double[] post = new double[n];
			long[] bytes = new long[n];
			rows.copyDoubles(NixlSamples.TRANSFER, transfer);
			rows.copyDoubles(NixlSamples.POST, post);
			rows.copyLongs(NixlSamples.BYTES, bytes);
			// at most 2^31 descriptor counts below 2^32: the sum fits a long
			return new Columns(transfer, post, bytes, rows.sumExact(NixlSamples.DESCRIPTORS).longValue());
		}

	}

}
