package io.kvconnector.stats.mooncake;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;
import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.internal.WireFormat;
import io.kvconnector.stats.internal.WireReader;

/**
 * Operation stats of vLLM's Mooncake store connector
 * ({@code MooncakeStoreConnectorStats}), safe for concurrent recording, with vLLM's
 * {@code reduce()} reproduced bit for bit.
 *
 * @author kvconnector-stats
 */
public final class MooncakeStoreConnectorStats implements KvConnectorStats<MooncakeStoreConnectorStats> {

	/**
	 * Status of a successful operation, vLLM's default.
	 */
	public static final String STATUS_OK = "ok";

	/**
	 * Status counted by {@code <op>_error_count}.
	 */
	public static final String STATUS_ERROR = "error";

	private final StripedRecords records;

	private final SampleDropListener drops;

	/**
	 * Create empty stats that keep every record.
	 */
	public MooncakeStoreConnectorStats() {
		this(Integer.MAX_VALUE);
	}

	/**
	 * Create empty stats that keep at most {@code maxRecords} records over all
	 * operations; further ones are counted as dropped.
	 * @param maxRecords the capacity bound, at least 1
	 */
	public MooncakeStoreConnectorStats(int maxRecords) {
		this(maxRecords, SampleDropListener.NONE);
	}

	/**
	 * Create empty stats that keep at most {@code maxRecords} records over all
	 * operations; further ones, recorded or aggregated, are counted as dropped and
	 * reported.
	 * @param maxRecords the capacity bound, at least 1
	 * @param drops told about the records dropped
	 */
	public MooncakeStoreConnectorStats(int maxRecords, SampleDropListener drops) {
		this(new StripedRecords(maxRecords, 1), drops);
	}

	/**
	 * Create empty stats that start with several stripes, as they have once threads met.
	 * @param maxRecords the capacity bound, at least 1
	 * @param stripes the number of stripes, a power of two
	 */
	MooncakeStoreConnectorStats(int maxRecords, int stripes) {
		this(new StripedRecords(maxRecords, stripes), SampleDropListener.NONE);
	}

	private MooncakeStoreConnectorStats(StripedRecords records, SampleDropListener drops) {
		this.records = records;
		this.drops = drops;
	}

	/**
	 * Build stats from vLLM's wire format: {@code num_bytes}, {@code status} and
	 * {@code num_failed_keys} default to {@code 0}, {@code "ok"} and {@code 0}; extra
	 * record fields are ignored; anything else malformed is rejected whole.
	 * @param data the decoded {@code data} dict
	 * @return new stats holding exactly that data
	 * @throws InvalidStatsDataException naming the offending path
	 */
	public static MooncakeStoreConnectorStats fromData(Map<String, ?> data) {
		return WireReader.read(data, MooncakeStoreConnectorStats::read);
	}

	/**
	 * Build stats from vLLM's wire format as it is read.
	 * @param data the reader, at the data dict
	 * @return new stats holding exactly that data
	 */
	static MooncakeStoreConnectorStats read(WireReader data) {
		ChunkPool pool = new ChunkPool(OperationRecords.ROW_WIDTH, Integer.MAX_VALUE);
		OperationRecords records = MooncakeWireFormat.read(data, pool);
		return new MooncakeStoreConnectorStats(
				new StripedRecords(Integer.MAX_VALUE, pool, new OperationRecords[] { records }),
				SampleDropListener.NONE);
	}

	/**
	 * Record one operation, as vLLM's {@code record_operation}.
	 * @param operation the operation
	 * @return {@link RecordOutcome#RECORDED}, {@link RecordOutcome#DROPPED} when full, or
	 * the reason the operation was rejected; never throws
	 */
	public RecordOutcome recordOperation(MooncakeOperation operation) {
		return recordOperation(operation.operation(), operation.durationSeconds(), operation.keys(), operation.bytes(),
				operation.status(), operation.failedKeys());
	}

	/**
	 * Record one operation given field by field, which {@link MooncakeEngine} calls so
	 * that an operation that it has unpacked is never allocated.
	 */
	RecordOutcome recordOperation(@Nullable String operation, double durationSeconds, long keys, long bytes,
			@Nullable String status, long failedKeys) {
		if (!(durationSeconds >= 0) || durationSeconds == Double.POSITIVE_INFINITY) {
			return RecordOutcome.INVALID_DURATION;
		}
		if (keys < 0 || bytes < 0 || failedKeys < 0) {
			return RecordOutcome.NEGATIVE_COUNT;
		}
		RecordOutcome outcome = record(operation, Double.doubleToRawLongBits(durationSeconds), keys, bytes, status,
				failedKeys);
		if (outcome == RecordOutcome.DROPPED) {
			this.drops.dropped(1);
		}
		return outcome;
	}

	private RecordOutcome record(@Nullable String operation, long durationBits, long keys, long bytes,
			@Nullable String status, long failedKeys) {
		if (operation == null) {
			return RecordOutcome.INVALID_OPERATION;
		}
		Stripe stripe = this.records.lock();
		try {
			OperationRecords current = stripe.records();
			SampleRows rows = current.operations.get(operation);
			if (rows == null && !WireFormat.isValidLabel(operation)) {
				return RecordOutcome.INVALID_OPERATION;
			}
			if (status == null) {
				return RecordOutcome.INVALID_STATUS;
			}
			int index = current.knownStatusIndex(status);
			if (index < 0 && !WireFormat.isValidLabel(status)) {
				return RecordOutcome.INVALID_STATUS;
			}
			if (!this.records.claim(stripe)) {
				current.dropped++;
				return RecordOutcome.DROPPED;
			}
			if (rows == null) {
				rows = current.rows(operation);
			}
			if (index < 0) {
				index = current.statusIndex(status);
			}
			rows.append(durationBits, keys, bytes, failedKeys, index);
		}
		finally {
			stripe.unlock();
		}
		return RecordOutcome.RECORDED;
	}

	/**
	 * Call an action for every record kept, operation by operation in insertion order, on
	 * a snapshot.
	 * @param action receives each record
	 */
	public void forEachRecord(Consumer<? super MooncakeOperation> action) {
		this.records.copy().forEach(action);
	}

	/**
	 * Visit every record of stats that no other thread holds, without a snapshot and
	 * without an object per record.
	 * @param visitor receives each record
	 */
	void forEachUnsharedRecord(OperationRecords.RecordVisitor visitor) {
		this.records.unshared().forEach(visitor);
	}

	@Override
	public long droppedSamples() {
		return this.records.dropped();
	}

	@Override
	public Map<String, List<Map<String, Object>>> data() {
		return MooncakeWireFormat.write(this.records.copy());
	}

	@Override
	public boolean isEmpty() {
		return this.records.isEmpty();
	}

	@Override
	public MooncakeStoreConnectorStats aggregate(MooncakeStoreConnectorStats other) {
		append(other.records.copy());
		return this;
	}

	/**
	 * Append the records of stats that no other thread holds, as {@link #aggregate} does,
	 * without a snapshot of them.
	 * @param other the stats, read for this interval and used by nothing else
	 */
	void aggregateUnshared(MooncakeStoreConnectorStats other) {
		append(other.records.unshared());
	}

	private void append(OperationRecords incoming) {
		if (!incoming.operations.isEmpty()) {
			long dropped = this.records.appendAll(incoming);
			if (dropped > 0) {
				this.drops.dropped(dropped);
			}
		}
	}

	@Override
	public MooncakeStoreConnectorStats cloneAndReset() {
		OperationRecords[] closed = this.records.close();
		return new MooncakeStoreConnectorStats(
				new StripedRecords(this.records.maxRecords(), this.records.pool(), closed), this.drops);
	}

	@Override
	public MooncakeStoreConnectorStats cloneAndResetInto(MooncakeStoreConnectorStats spare) {
		spare.reset();
		if (!this.records.canCloseInto(spare.records)) {
			return cloneAndReset();
		}
		this.records.closeInto(spare.records);
		return spare;
	}

	@Override
	public void reset() {
		this.records.clear();
	}

	@Override
	public Map<String, Number> reduce() {
		return MooncakeReducer.reduce(this.records);
	}

	/**
	 * Return the number of stripes, for tests.
	 */
	int stripeCount() {
		return this.records.stripeCount();
	}

	/**
	 * Return the stripe the calling thread records on when it is free, for tests.
	 */
	int stripeIndex() {
		return this.records.stripeIndex();
	}

}
