package io.kvconnector.stats.nixl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.internal.WireFormat;
import io.kvconnector.stats.numeric.LinearPercentile;
import io.kvconnector.stats.numeric.NumpyRound;
import io.kvconnector.stats.numeric.PairwiseSum;
import io.kvconnector.stats.numeric.PythonRound;
import org.jspecify.annotations.Nullable;

/**
 * Transfer stats of vLLM's NIXL connector ({@code NixlKVConnectorStats}): one record per
 * KV transfer plus failure counters, with vLLM's {@code reduce()} reproduced bit for bit.
 * Safe for concurrent recording; {@link #cloneAndReset()} is atomic with respect to it.
 *
 * @author kvconnector-stats
 */
public final class NixlKvConnectorStats implements KvConnectorStats<NixlKvConnectorStats> {

	/**
	 * Wire-format key of the transfer durations, in seconds.
	 */
	public static final String TRANSFER_DURATION = "transfer_duration";

	/**
	 * Wire-format key of the post durations, in seconds.
	 */
	public static final String POST_DURATION = "post_duration";

	/**
	 * Wire-format key of the bytes transferred.
	 */
	public static final String BYTES_TRANSFERRED = "bytes_transferred";

	/**
	 * Wire-format key of the descriptor counts.
	 */
	public static final String NUM_DESCRIPTORS = "num_descriptors";

	/**
	 * Wire-format key of the failed-transfer list.
	 */
	public static final String NUM_FAILED_TRANSFERS = "num_failed_transfers";

	/**
	 * Wire-format key of the failed-notification list.
	 */
	public static final String NUM_FAILED_NOTIFICATIONS = "num_failed_notifications";

	/**
	 * Wire-format key of the expired-request list.
	 */
	public static final String NUM_KV_EXPIRED_REQS = "num_kv_expired_reqs";

	/**
	 * The keys of {@link #reduce()}, in order.
	 */
	public static final List<String> REDUCE_KEYS = List.of("Num successful transfers", "Avg xfer time (ms)",
			"P90 xfer time (ms)", "Avg post time (ms)", "P90 post time (ms)", "Avg MB per transfer",
			"Throughput (MB/s)", "Avg number of descriptors");

	private static final List<String> TRANSFER_KEYS = List.of(TRANSFER_DURATION, POST_DURATION, BYTES_TRANSFERRED,
			NUM_DESCRIPTORS);

	private static final List<String> FAILURE_KEYS = List.of(NUM_FAILED_TRANSFERS, NUM_FAILED_NOTIFICATIONS,
			NUM_KV_EXPIRED_REQS);

	private static final int TRANSFER = 0;

	private static final int POST = 1;

	private static final int BYTES = 2;

	private static final int DESCRIPTORS = 3;

	private static final int ROW_WIDTH = 4;

	private static final double BYTES_PER_MB = 1048576.0;

	private final int maxTransfers;

	private final ChunkPool pool;

	private State state;

	/**
	 * Create empty stats that keep every transfer.
	 */
	public NixlKvConnectorStats() {
		this(Integer.MAX_VALUE);
	}

	/**
	 * Create empty stats that keep at most {@code maxTransfers} transfers; further ones
	 * are counted as dropped.
	 * @param maxTransfers the capacity bound, at least 1
	 */
	public NixlKvConnectorStats(int maxTransfers) {
		this(maxTransfers, new ChunkPool(ROW_WIDTH, maxTransfers), null);
	}

	private NixlKvConnectorStats(int maxTransfers, ChunkPool pool, @Nullable State state) {
		if (maxTransfers < 1) {
			throw new IllegalArgumentException("maxTransfers must be at least 1");
		}
		this.maxTransfers = maxTransfers;
		this.pool = pool;
		this.state = (state != null) ? state : new State(pool);
	}

	/**
	 * Build stats from vLLM's wire format: a missing list is empty, extra lists of
	 * numbers are ignored, anything else malformed is rejected whole.
	 * @param data the decoded {@code data} dict
	 * @return new stats holding exactly that data
	 * @throws InvalidStatsDataException naming the offending path
	 */
	public static NixlKvConnectorStats fromData(Map<String, ?> data) {
		ChunkPool pool = new ChunkPool(ROW_WIDTH, Integer.MAX_VALUE);
		State state = new State(pool);
		List<?> transfers = list(data, TRANSFER_DURATION);
		List<?> posts = list(data, POST_DURATION);
		List<?> bytes = list(data, BYTES_TRANSFERRED);
		List<?> descriptors = list(data, NUM_DESCRIPTORS);
		int n = transfers.size();
		for (String key : TRANSFER_KEYS) {
			if (list(data, key).size() != n) {
				throw new InvalidStatsDataException(key, "expected " + n + " entries, as many as " + TRANSFER_DURATION
						+ ", but got " + list(data, key).size());
			}
		}
		for (int i = 0; i < n; i++) {
			double transfer = WireFormat.duration(transfers.get(i), path(TRANSFER_DURATION, i));
			double post = WireFormat.duration(posts.get(i), path(POST_DURATION, i));
			long byteCount = WireFormat.integer(bytes.get(i), path(BYTES_TRANSFERRED, i), Long.MAX_VALUE);
			long descriptorCount = WireFormat.integer(descriptors.get(i), path(NUM_DESCRIPTORS, i),
					WireFormat.MAX_DESCRIPTORS);
			state.transfers.append(Double.doubleToRawLongBits(transfer), Double.doubleToRawLongBits(post), byteCount,
					descriptorCount);
		}
		for (int f = 0; f < FAILURE_KEYS.size(); f++) {
			String key = FAILURE_KEYS.get(f);
			List<?> values = list(data, key);
			for (int i = 0; i < values.size(); i++) {
				state.failures[f].append(WireFormat.integer(values.get(i), path(key, i), WireFormat.MAX_DESCRIPTORS),
						1);
			}
		}
		for (Map.Entry<String, ?> entry : data.entrySet()) {
			if (!TRANSFER_KEYS.contains(entry.getKey()) && !FAILURE_KEYS.contains(entry.getKey())) {
				List<?> extra = WireFormat.array(entry.getValue(), entry.getKey());
				for (int i = 0; i < extra.size(); i++) {
					if (!(extra.get(i) instanceof Number)) {
						throw new InvalidStatsDataException(path(entry.getKey(), i), "expected a number");
					}
				}
			}
		}
		return new NixlKvConnectorStats(Integer.MAX_VALUE, pool, state);
	}

	/**
	 * Record one successful transfer from NIXL's telemetry.
	 * @param transferMicros the transfer duration in microseconds
	 * @param postMicros the post duration in microseconds
	 * @param bytes the total bytes transferred
	 * @param descriptors the descriptor count, at most {@code 2^32 - 1}
	 * @return {@link RecordOutcome#RECORDED}, {@link RecordOutcome#DROPPED} when full, or
	 * the reason the sample was rejected; never throws
	 */
	public RecordOutcome recordTransfer(long transferMicros, long postMicros, long bytes, long descriptors) {
		// vLLM divides by 1e6; multiplying by 1e-6 rounds differently
		return recordTransferSeconds(transferMicros / 1e6, postMicros / 1e6, bytes, descriptors);
	}

	/**
	 * Record one successful transfer whose durations are already in seconds, as
	 * {@link #recordTransfer} computes them; lets the recorder divide once for the
	 * interval and the meters.
	 */
	RecordOutcome recordTransferSeconds(double transferSeconds, double postSeconds, long bytes, long descriptors) {
		if (!(transferSeconds >= 0) || !(postSeconds >= 0)) {
			return RecordOutcome.INVALID_DURATION;
		}
		if (bytes < 0) {
			return RecordOutcome.NEGATIVE_COUNT;
		}
		if (descriptors < 0 || descriptors > WireFormat.MAX_DESCRIPTORS) {
			return RecordOutcome.DESCRIPTORS_OUT_OF_RANGE;
		}
		long transferBits = Double.doubleToRawLongBits(transferSeconds);
		long postBits = Double.doubleToRawLongBits(postSeconds);
		synchronized (this) {
			State current = this.state;
			if (current.transfers.size() >= this.maxTransfers) {
				current.dropped++;
				return RecordOutcome.DROPPED;
			}
			current.transfers.append(transferBits, postBits, bytes, descriptors);
		}
		return RecordOutcome.RECORDED;
	}

	/**
	 * Record a failed NIXL transfer.
	 */
	public void recordFailedTransfer() {
		recordFailure(0);
	}

	/**
	 * Record a failed NIXL notification.
	 */
	public void recordFailedNotification() {
		recordFailure(1);
	}

	/**
	 * Record a request whose KV blocks expired.
	 */
	public void recordKvExpiredReq() {
		recordFailure(2);
	}

	private synchronized void recordFailure(int list) {
		this.state.failures[list].append(1, 1);
	}

	/**
	 * Return the number of successful transfers kept.
	 * @return the transfer count
	 */
	public synchronized int numSuccessfulTransfers() {
		return this.state.transfers.size();
	}

	/**
	 * Return the sums of the values of the three failure lists.
	 * @return failed transfers, failed notifications and expired requests, keyed by their
	 * wire-format names
	 */
	public synchronized Map<String, Long> failureTotals() {
		Map<String, Long> totals = new LinkedHashMap<>();
		for (int f = 0; f < FAILURE_KEYS.size(); f++) {
			totals.put(FAILURE_KEYS.get(f), this.state.failures[f].total());
		}
		return totals;
	}

	/**
	 * Call an action for every transfer kept, in order, on a snapshot.
	 * @param action receives each transfer
	 */
	public void forEachTransfer(TransferAction action) {
		SampleRows rows = snapshot().transfers;
		for (int row = 0; row < rows.size(); row++) {
			action.accept(Double.longBitsToDouble(rows.get(row, TRANSFER)),
					Double.longBitsToDouble(rows.get(row, POST)), rows.get(row, BYTES), rows.get(row, DESCRIPTORS));
		}
	}

	@Override
	public synchronized long droppedSamples() {
		return this.state.dropped;
	}

	@Override
	public Map<String, List<Number>> data() {
		State snapshot = snapshot();
		Map<String, List<Number>> data = new LinkedHashMap<>();
		int n = snapshot.transfers.size();
		for (int column = 0; column < TRANSFER_KEYS.size(); column++) {
			List<Number> values = new ArrayList<>(n);
			for (int row = 0; row < n; row++) {
				long cell = snapshot.transfers.get(row, column);
				values.add((column == TRANSFER || column == POST) ? (Number) Double.longBitsToDouble(cell)
						: (Number) cell);
			}
			data.put(TRANSFER_KEYS.get(column), values);
		}
		for (int f = 0; f < FAILURE_KEYS.size(); f++) {
			data.put(FAILURE_KEYS.get(f), new ArrayList<>(snapshot.failures[f].toList()));
		}
		return data;
	}

	@Override
	public synchronized boolean isEmpty() {
		return this.state.isEmpty();
	}

	@Override
	public NixlKvConnectorStats aggregate(NixlKvConnectorStats other) {
		merge(other);
		return this;
	}

	@Override
	public long merge(NixlKvConnectorStats other) {
		State incoming = other.snapshot();
		if (incoming.isEmpty()) {
			return 0;
		}
		synchronized (this) {
			State current = this.state;
			int dropped = current.transfers.appendAll(incoming.transfers, this.maxTransfers);
			current.dropped += dropped;
			for (int f = 0; f < current.failures.length; f++) {
				current.failures[f].appendAll(incoming.failures[f]);
			}
			return dropped;
		}
	}

	@Override
	public NixlKvConnectorStats cloneAndReset() {
		State closed;
		synchronized (this) {
			closed = this.state;
			this.state = new State(this.pool);
		}
		return new NixlKvConnectorStats(this.maxTransfers, this.pool, closed);
	}

	@Override
	public NixlKvConnectorStats cloneAndResetInto(NixlKvConnectorStats spare) {
		if (spare == this || spare.pool != this.pool) {
			spare.reset();
			return cloneAndReset();
		}
		spare.reset();
		synchronized (this) {
			synchronized (spare) {
				State closed = this.state;
				this.state = spare.state;
				spare.state = closed;
			}
		}
		return spare;
	}

	@Override
	public synchronized void reset() {
		this.state.clear();
	}

	@Override
	public Map<String, Number> reduce() {
		double[] transfer;
		double[] post;
		long[] bytes;
		long descriptorTotal;
		synchronized (this) {
			SampleRows rows = this.state.transfers;
			int n = rows.size();
			transfer = new double[n];
			post = new double[n];
			bytes = new long[n];
			rows.copyDoubles(TRANSFER, transfer);
			rows.copyDoubles(POST, post);
			rows.copyLongs(BYTES, bytes);
			// at most 2^31 descriptor counts below 2^32: the sum fits a long
			descriptorTotal = rows.sumExact(DESCRIPTORS).longValue();
		}
		double[] megabytes = new double[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			megabytes[i] = bytes[i] / BYTES_PER_MB;
		}
		return reduce(transfer, post, megabytes, descriptorTotal);
	}

	private static Map<String, Number> reduce(double[] transfer, double[] post, double[] megabytes,
			long descriptorTotal) {
		int n = transfer.length;
		Map<String, Number> reduced = new LinkedHashMap<>();
		if (n == 0) {
			for (String key : REDUCE_KEYS) {
				reduced.put(key, 0);
			}
			return reduced;
		}
		double totalTime = PairwiseSum.sum(transfer);
		double avgTransfer = totalTime / n;
		double p90Transfer = LinearPercentile.percentile(transfer, n, 0.9);
		double avgPost = PairwiseSum.sum(post) / n;
		double p90Post = LinearPercentile.percentile(post, n, 0.9);
		double totalMegabytes = PairwiseSum.sum(megabytes);
		// numpy's round (on x * 10^k) for numpy scalars, CPython's (exact) for the p90
		// floats
		reduced.put(REDUCE_KEYS.get(0), n);
		reduced.put(REDUCE_KEYS.get(1), NumpyRound.round(avgTransfer * 1e3, 3));
		reduced.put(REDUCE_KEYS.get(2), PythonRound.round(p90Transfer * 1e3, 3));
		reduced.put(REDUCE_KEYS.get(3), NumpyRound.round(avgPost * 1e3, 3));
		reduced.put(REDUCE_KEYS.get(4), PythonRound.round(p90Post * 1e3, 3));
		reduced.put(REDUCE_KEYS.get(5), NumpyRound.round(totalMegabytes / n, 3));
		reduced.put(REDUCE_KEYS.get(6), NumpyRound.round(totalMegabytes / totalTime, 3));
		reduced.put(REDUCE_KEYS.get(7), NumpyRound.round((double) descriptorTotal / n, 1));
		return reduced;
	}

	private synchronized State snapshot() {
		return this.state.copy();
	}

	private static List<?> list(Map<String, ?> data, String key) {
		Object value = data.get(key);
		return (value != null || data.containsKey(key)) ? WireFormat.array(value, key) : List.of();
	}

	private static String path(String key, int index) {
		return key + "[" + index + "]";
	}

	/**
	 * Receives one transfer.
	 */
	@FunctionalInterface
	public interface TransferAction {

		/**
		 * Accept one transfer.
		 * @param transferSeconds the transfer duration in seconds
		 * @param postSeconds the post duration in seconds
		 * @param bytes the bytes transferred
		 * @param descriptors the descriptor count
		 */
		void accept(double transferSeconds, double postSeconds, long bytes, long descriptors);

	}

	/**
	 * The samples of one interval; moved out whole by {@link #cloneAndReset()}.
	 */
	private static final class State {

		final SampleRows transfers;

		final FailureList[] failures;

		long dropped;

		State(ChunkPool pool) {
			this(new SampleRows(ROW_WIDTH, pool),
					new FailureList[] { new FailureList(), new FailureList(), new FailureList() }, 0);
		}

		private State(SampleRows transfers, FailureList[] failures, long dropped) {
			this.transfers = transfers;
			this.failures = failures;
			this.dropped = dropped;
		}

		void clear() {
			this.transfers.release();
			for (FailureList failure : this.failures) {
				failure.clear();
			}
			this.dropped = 0;
		}

		boolean isEmpty() {
			return this.transfers.size() == 0 && this.failures[0].size() == 0 && this.failures[1].size() == 0
					&& this.failures[2].size() == 0;
		}

		State copy() {
			return new State(this.transfers.copy(),
					new FailureList[] { this.failures[0].copy(), this.failures[1].copy(), this.failures[2].copy() },
					this.dropped);
		}

	}

}
