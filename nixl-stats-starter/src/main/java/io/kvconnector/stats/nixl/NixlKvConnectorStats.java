package io.kvconnector.stats.nixl;

import java.util.List;
import java.util.Map;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;
import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.internal.WireFormat;
import io.kvconnector.stats.internal.WireReader;
import io.kvconnector.stats.recording.IntervalSummary;

/**
 * Transfer stats of vLLM's NIXL connector ({@code NixlKVConnectorStats}) in one of its
 * schemas, {@link NixlSchema#V1} unless told otherwise, safe for concurrent recording,
 * with vLLM's {@code reduce()} reproduced bit for bit.
 *
 * @author kvconnector-stats
 */
public final class NixlKvConnectorStats implements KvConnectorStats<NixlKvConnectorStats> {

	/**
	 * Wire-format key of the transfer durations, in seconds.
	 */
	public static final String TRANSFER_DURATION = NixlWireCodec.TRANSFER_DURATION;

	/**
	 * Wire-format key of the post durations, in seconds.
	 */
	public static final String POST_DURATION = NixlWireCodec.POST_DURATION;

	/**
	 * Wire-format key of the bytes transferred.
	 */
	public static final String BYTES_TRANSFERRED = NixlWireCodec.BYTES_TRANSFERRED;

	/**
	 * Wire-format key of the descriptor counts.
	 */
	public static final String NUM_DESCRIPTORS = NixlWireCodec.NUM_DESCRIPTORS;

	/**
	 * The keys of {@link #reduce()} in schema v1, in order; see
	 * {@link NixlSchema#reduceKeys()}.
	 */
	public static final List<String> REDUCE_KEYS = NixlReducer.KEYS;

	private final NixlStorage storage;

	/**
	 * Create empty stats of schema v1 that keep every transfer.
	 */
	public NixlKvConnectorStats() {
		this(Integer.MAX_VALUE);
	}

	/**
	 * Create empty stats of a schema that keep every transfer.
	 * @param schema the schema
	 */
	public NixlKvConnectorStats(NixlSchema schema) {
		this(schema, Integer.MAX_VALUE, SampleDropListener.NONE);
	}

	/**
	 * Create empty stats of schema v1 that keep at most {@code maxTransfers} transfers;
	 * further ones are counted as dropped.
	 * @param maxTransfers the capacity bound, at least 1
	 */
	public NixlKvConnectorStats(int maxTransfers) {
		this(maxTransfers, SampleDropListener.NONE);
	}

	/**
	 * Create empty stats of schema v1 that keep at most {@code maxTransfers} transfers;
	 * further ones, recorded or aggregated, are counted as dropped and reported to
	 * {@code drops}.
	 * @param maxTransfers the capacity bound, at least 1
	 * @param drops told about every transfer dropped by the bound
	 */
	public NixlKvConnectorStats(int maxTransfers, SampleDropListener drops) {
		this(NixlSchema.V1, maxTransfers, drops);
	}

	/**
	 * Create empty stats of a schema that keep at most {@code maxTransfers} transfers;
	 * further ones, recorded or aggregated, are counted as dropped and reported to
	 * {@code drops}.
	 * @param schema the schema
	 * @param maxTransfers the capacity bound, at least 1
	 * @param drops told about every transfer dropped by the bound
	 */
	public NixlKvConnectorStats(NixlSchema schema, int maxTransfers, SampleDropListener drops) {
		this(storage(schema, maxTransfers, drops));
	}

	private NixlKvConnectorStats(NixlStorage storage) {
		this.storage = storage;
	}

	private static NixlStorage storage(NixlSchema schema, int maxTransfers, SampleDropListener drops) {
		ChunkPool pool = new ChunkPool(NixlSamples.ROW_WIDTH, maxTransfers);
		return new NixlStorage(maxTransfers, pool, drops, new NixlSamples(pool, schema));
	}

	/**
	 * Build stats of schema v1 from vLLM's wire format, as
	 * {@link #fromData(Map, NixlSchema)} does.
	 * @param data the decoded {@code data} dict
	 * @return new stats holding exactly that data, keeping every transfer
	 * @throws InvalidStatsDataException naming the offending path
	 */
	public static NixlKvConnectorStats fromData(Map<String, ?> data) {
		return fromData(data, NixlSchema.V1);
	}

	/**
	 * Build stats of a schema from vLLM's wire format of either schema: a missing list is
	 * empty, extra lists of numbers are ignored, each failure is kept where the schema
	 * keeps its kind ({@link NixlSchema#storedAs}), anything else malformed is rejected
	 * whole.
	 * @param data the decoded {@code data} dict
	 * @param schema the schema of the stats
	 * @return new stats holding exactly that data, keeping every transfer
	 * @throws InvalidStatsDataException naming the offending path
	 */
	public static NixlKvConnectorStats fromData(Map<String, ?> data, NixlSchema schema) {
		return WireReader.read(data, (reader) -> read(reader, schema));
	}

	/**
	 * Build stats of a schema from vLLM's wire format as it is read.
	 * @param data the reader, at the {@code data} dict
	 * @param schema the schema of the stats
	 * @return new stats holding exactly that data, keeping every transfer
	 */
	static NixlKvConnectorStats read(WireReader data, NixlSchema schema) {
		ChunkPool pool = new ChunkPool(NixlSamples.ROW_WIDTH, Integer.MAX_VALUE);
		return new NixlKvConnectorStats(new NixlStorage(Integer.MAX_VALUE, pool, SampleDropListener.NONE,
				NixlWireCodec.read(data, pool, schema)));
	}

	/**
	 * Return the schema of these stats.
	 * @return the schema
	 */
	public NixlSchema schema() {
		return this.storage.schema();
	}

	/**
	 * Record one successful transfer from NIXL's telemetry.
	 * @param telemetry the transfer's telemetry
	 * @return {@link RecordOutcome#RECORDED}, {@link RecordOutcome#DROPPED} when full, or
	 * the reason the sample was rejected; never throws
	 */
	public RecordOutcome recordTransfer(NixlXferTelemetry telemetry) {
		return recordTransferSeconds(telemetry.xferDurationSeconds(), telemetry.postDurationSeconds(),
				telemetry.totalBytes(), telemetry.descCount());
	}

	/**
	 * Record one successful transfer from the values of its telemetry; the telemetry
	 * itself goes no further than the public method that unpacks it, so that the JIT can
	 * remove it even where the rest of the path is not inlined.
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
		return this.storage.appendTransfer(transferSeconds, postSeconds, bytes, descriptors);
	}

	/**
	 * Record a failure: appends {@code 1} to the list where the schema keeps its kind, if
	 * any ({@link NixlSchema#storedAs}).
	 * @param failure the kind of failure
	 */
	public void recordFailure(NixlFailure failure) {
		this.storage.appendFailure(failure);
	}

	/**
	 * Record a failed NIXL transfer.
	 */
	public void recordFailedTransfer() {
		recordFailure(NixlFailure.FAILED_TRANSFERS);
	}

	/**
	 * Record a failed NIXL notification.
	 */
	public void recordFailedNotification() {
		recordFailure(NixlFailure.FAILED_NOTIFICATIONS);
	}

	/**
	 * Record a failed NIXL handshake; schema v1 records it as a failed transfer.
	 */
	public void recordFailedHandshake() {
		recordFailure(NixlFailure.FAILED_HANDSHAKES);
	}

	/**
	 * Record a request whose KV blocks expired.
	 */
	public void recordKvExpiredReq() {
		recordFailure(NixlFailure.KV_EXPIRED_REQS);
	}

	/**
	 * Record a notification that arrived after its KV blocks expired; schema v1 has no
	 * such list and does not record it.
	 */
	public void recordNotificationAfterExpiry() {
		recordFailure(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY);
	}

	/**
	 * Return the number of successful transfers kept (vLLM's
	 * {@code num_successful_transfers}).
	 * @return the transfer count
	 */
	public int numSuccessfulTransfers() {
		return this.storage.transferCount();
	}

	/**
	 * Return the sums of the values of the failure lists.
	 * @return the sum of the list of each kind of the schema, keyed by
	 * {@link NixlFailure#wireKey()} in wire order
	 */
	public Map<String, Long> failureTotals() {
		return this.storage.failureTotals();
	}

	/**
	 * Call an action for every transfer kept, in order, on a snapshot.
	 * @param action receives each transfer
	 */
	public void forEachTransfer(TransferAction action) {
		forEachTransfer(this.storage.snapshot().transfers, action);
	}

	/**
	 * Call an action for every transfer of stats that no other thread holds, without a
	 * snapshot of them.
	 * @param action receives each transfer
	 */
	void forEachUnsharedTransfer(TransferAction action) {
		forEachTransfer(this.storage.unshared().transfers, action);
	}

	private static void forEachTransfer(SampleRows rows, TransferAction action) {
		for (int row = 0; row < rows.size(); row++) {
			action.accept(Double.longBitsToDouble(rows.get(row, NixlSamples.TRANSFER)),
					Double.longBitsToDouble(rows.get(row, NixlSamples.POST)), rows.get(row, NixlSamples.BYTES),
					rows.get(row, NixlSamples.DESCRIPTORS));
		}
	}

	@Override
	public long droppedSamples() {
		return this.storage.dropped();
	}

	@Override
	public Map<String, List<Number>> data() {
		return NixlWireCodec.write(this.storage.snapshot());
	}

	@Override
	public boolean isEmpty() {
		return this.storage.isEmpty();
	}

	@Override
	public NixlKvConnectorStats aggregate(NixlKvConnectorStats other) {
		NixlSamples incoming = other.storage.snapshot();
		if (!incoming.isEmpty()) {
			this.storage.appendAll(incoming);
		}
		return this;
	}

	/**
	 * Append the samples of stats that no other thread holds, as {@link #aggregate} does,
	 * without a snapshot of them.
	 * @param other the stats, read for this interval and used by nothing else
	 */
	void aggregateUnshared(NixlKvConnectorStats other) {
		NixlSamples incoming = other.storage.unshared();
		if (!incoming.isEmpty()) {
			this.storage.appendAll(incoming);
		}
	}

	@Override
	public NixlKvConnectorStats cloneAndReset() {
		return new NixlKvConnectorStats(this.storage.sibling(this.storage.takeAll()));
	}

	@Override
	public NixlKvConnectorStats cloneAndResetInto(NixlKvConnectorStats spare) {
		if (spare == this) {
			return cloneAndReset();
		}
		if (!this.storage.sharesPoolWith(spare.storage)) {
			spare.reset();
			return cloneAndReset();
		}
		this.storage.moveInto(spare.storage);
		return spare;
	}

	@Override
	public void reset() {
		this.storage.reset();
	}

	@Override
	public Map<String, Number> reduce() {
		return this.storage.reduce();
	}

	/**
	 * Summarize these stats as they are at one instant: what they reduce to, whether they
	 * are empty, their drops and their failure totals.
	 */
	IntervalSummary summarize() {
		return this.storage.summarize();
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

}
