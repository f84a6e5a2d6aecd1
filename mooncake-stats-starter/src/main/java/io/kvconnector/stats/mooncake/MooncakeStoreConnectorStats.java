package io.kvconnector.stats.mooncake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.ChunkPool;
import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleRows;
import io.kvconnector.stats.WireFormat;
import io.kvconnector.stats.numeric.ExactSum;
import io.kvconnector.stats.numeric.NearestRankPercentile;
import io.kvconnector.stats.numeric.PythonRound;

import org.jspecify.annotations.Nullable;

/**
 * Operation stats of vLLM's Mooncake store connector
 * ({@code MooncakeStoreConnectorStats}): one record per store RPC, with vLLM's
 * {@code reduce()} reproduced bit for bit. Safe for concurrent recording;
 * {@link #cloneAndReset()} is atomic with respect to it.
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

	private static final int DURATION = 0;

	private static final int KEYS = 1;

	private static final int BYTES = 2;

	private static final int FAILED_KEYS = 3;

	private static final int STATUS = 4;

	private static final int ROW_WIDTH = 5;

	private static final int OK_INDEX = 0;

	private static final int ERROR_INDEX = 1;

	private final int maxRecords;

	private final ChunkPool pool;

	private State state;

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
		this(maxRecords, new ChunkPool(ROW_WIDTH, maxRecords), null);
	}

	private MooncakeStoreConnectorStats(int maxRecords, ChunkPool pool, @Nullable State state) {
		if (maxRecords < 1) {
			throw new IllegalArgumentException("maxRecords must be at least 1");
		}
		this.maxRecords = maxRecords;
		this.pool = pool;
		this.state = (state != null) ? state : new State(pool);
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
		ChunkPool pool = new ChunkPool(ROW_WIDTH, Integer.MAX_VALUE);
		State state = new State(pool);
		for (Map.Entry<String, ?> entry : data.entrySet()) {
			String operation = WireFormat.label(entry.getKey(), entry.getKey());
			List<?> records = WireFormat.array(entry.getValue(), operation);
			SampleRows rows = state.rows(operation);
			for (int i = 0; i < records.size(); i++) {
				String path = operation + "[" + i + "]";
				Map<String, ?> record = WireFormat.object(records.get(i), path);
				double duration = WireFormat.duration(required(record, "duration_seconds", path),
						path + ".duration_seconds");
				long keys = WireFormat.integer(required(record, "num_keys", path), path + ".num_keys", Long.MAX_VALUE);
				long bytes = optionalInteger(record, "num_bytes", path);
				long failedKeys = optionalInteger(record, "num_failed_keys", path);
				String status = record.containsKey("status") ? WireFormat.label(record.get("status"), path + ".status")
						: STATUS_OK;
				rows.append(Double.doubleToRawLongBits(duration), keys, bytes, failedKeys, state.statusIndex(status));
				state.recordCount++;
			}
		}
		return new MooncakeStoreConnectorStats(Integer.MAX_VALUE, pool, state);
	}

	/**
	 * Record one successful operation touching {@code numKeys} keys, with vLLM's
	 * defaults: no bytes, status {@code ok}, no failed keys.
	 * @param operation the operation name, such as {@code load_get}
	 * @param durationSeconds how long the RPC took
	 * @param numKeys the number of keys it touched
	 * @return the outcome; never throws
	 */
	public RecordOutcome recordOperation(String operation, double durationSeconds, long numKeys) {
		return recordOperation(operation, durationSeconds, numKeys, 0, STATUS_OK, 0);
	}

	/**
	 * Record one operation.
	 * @param operation the operation name, such as {@code load_get}
	 * @param durationSeconds how long the RPC took
	 * @param numKeys the number of keys it touched
	 * @param numBytes the bytes it moved
	 * @param status its status, {@code ok} or {@code error} in vLLM
	 * @param numFailedKeys the number of keys that failed
	 * @return {@link RecordOutcome#RECORDED}, {@link RecordOutcome#DROPPED} when full, or
	 * the reason the sample was rejected; never throws
	 */
	public RecordOutcome recordOperation(@Nullable String operation, double durationSeconds, long numKeys,
			long numBytes, @Nullable String status, long numFailedKeys) {
		if (!(durationSeconds >= 0) || durationSeconds == Double.POSITIVE_INFINITY) {
			return RecordOutcome.INVALID_DURATION;
		}
		if (numKeys < 0 || numBytes < 0 || numFailedKeys < 0) {
			return RecordOutcome.NEGATIVE_COUNT;
		}
		long durationBits = Double.doubleToRawLongBits(durationSeconds);
		synchronized (this) {
			State current = this.state;
			SampleRows rows = (operation != null) ? current.operations.get(operation) : null;
			if (rows == null && !WireFormat.isValidLabel(operation)) {
				return RecordOutcome.INVALID_OPERATION;
			}
			int index = knownStatusIndex(current, status);
			if (index < 0 && !WireFormat.isValidLabel(status)) {
				return RecordOutcome.INVALID_STATUS;
			}
			if (current.recordCount >= this.maxRecords) {
				current.dropped++;
				return RecordOutcome.DROPPED;
			}
			if (rows == null) {
				rows = current.rows(operation);
			}
			if (index < 0) {
				index = current.statusIndex(status);
			}
			rows.append(durationBits, numKeys, numBytes, numFailedKeys, index);
			current.recordCount++;
		}
		return RecordOutcome.RECORDED;
	}

	/**
	 * Call an action for every record kept, operation by operation in insertion order, on
	 * a snapshot.
	 * @param action receives each record
	 */
	public void forEachRecord(RecordAction action) {
		State snapshot = snapshot();
		snapshot.operations.forEach((operation, rows) -> {
			for (int row = 0; row < rows.size(); row++) {
				action.accept(operation, Double.longBitsToDouble(rows.get(row, DURATION)), rows.get(row, KEYS),
						rows.get(row, BYTES), snapshot.statuses.get((int) rows.get(row, STATUS)),
						rows.get(row, FAILED_KEYS));
			}
		});
	}

	private static int knownStatusIndex(State state, @Nullable String status) {
		if (STATUS_OK.equals(status)) {
			return OK_INDEX;
		}
		if (STATUS_ERROR.equals(status)) {
			return ERROR_INDEX;
		}
		Integer index = (status != null) ? state.statusIndexes.get(status) : null;
		return (index != null) ? index : -1;
	}

	@Override
	public synchronized long droppedSamples() {
		return this.state.dropped;
	}

	@Override
	public Map<String, List<Map<String, Object>>> data() {
		State snapshot = snapshot();
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		snapshot.operations.forEach((operation, rows) -> {
			List<Map<String, Object>> records = new ArrayList<>(rows.size());
			for (int row = 0; row < rows.size(); row++) {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("duration_seconds", Double.longBitsToDouble(rows.get(row, DURATION)));
				record.put("num_keys", rows.get(row, KEYS));
				record.put("num_bytes", rows.get(row, BYTES));
				record.put("status", snapshot.statuses.get((int) rows.get(row, STATUS)));
				record.put("num_failed_keys", rows.get(row, FAILED_KEYS));
				records.add(record);
			}
			data.put(operation, records);
		});
		return data;
	}

	@Override
	public synchronized boolean isEmpty() {
		return this.state.operations.isEmpty();
	}

	@Override
	public MooncakeStoreConnectorStats aggregate(MooncakeStoreConnectorStats other) {
		merge(other);
		return this;
	}

	@Override
	public long merge(MooncakeStoreConnectorStats other) {
		State incoming = other.snapshot();
		if (incoming.operations.isEmpty()) {
			return 0;
		}
		long dropped = 0;
		synchronized (this) {
			State current = this.state;
			for (Map.Entry<String, SampleRows> entry : incoming.operations.entrySet()) {
				SampleRows source = entry.getValue();
				SampleRows target = current.rows(entry.getKey());
				int fitting = (int) Math.min(source.size(), (long) this.maxRecords - current.recordCount);
				for (int row = 0; row < fitting; row++) {
					String status = incoming.statuses.get((int) source.get(row, STATUS));
					target.append(source.get(row, DURATION), source.get(row, KEYS), source.get(row, BYTES),
							source.get(row, FAILED_KEYS), current.statusIndex(status));
				}
				current.recordCount += fitting;
				dropped += source.size() - fitting;
			}
			current.dropped += dropped;
		}
		return dropped;
	}

	@Override
	public MooncakeStoreConnectorStats cloneAndReset() {
		State closed;
		synchronized (this) {
			closed = this.state;
			this.state = new State(this.pool);
		}
		return new MooncakeStoreConnectorStats(this.maxRecords, this.pool, closed);
	}

	@Override
	public synchronized void reset() {
		this.state.operations.values().forEach(SampleRows::release);
		this.state = new State(this.pool);
	}

	@Override
	public Map<String, Number> reduce() {
		List<OperationTotals> operations = new ArrayList<>();
		synchronized (this) {
			State current = this.state;
			current.operations.forEach((operation, rows) -> {
				int n = rows.size();
				if (n > 0) {
					double[] durations = new double[n];
					rows.copyDoubles(DURATION, durations);
					int errors = rows.count(STATUS, ERROR_INDEX);
					operations.add(new OperationTotals(operation, durations, rows.sumExact(KEYS), rows.sumExact(BYTES),
							rows.sumExact(FAILED_KEYS), errors));
				}
			});
		}
		operations.sort((a, b) -> compareCodePoints(a.operation(), b.operation()));
		Map<String, Number> reduced = new LinkedHashMap<>();
		for (OperationTotals totals : operations) {
			String operation = totals.operation();
			double[] durations = totals.durations();
			int n = durations.length;
			double mean = ExactSum.fsum(durations) / n;
			double p90 = NearestRankPercentile.percentile(durations, n, 0.9);
			reduced.put(operation + "_count", n);
			reduced.put(operation + "_avg_ms", PythonRound.round(mean * 1e3, 3));
			reduced.put(operation + "_p90_ms", PythonRound.round(p90 * 1e3, 3));
			reduced.put(operation + "_total_keys", totals.keys());
			reduced.put(operation + "_total_bytes", totals.bytes());
			reduced.put(operation + "_failed_keys", totals.failedKeys());
			reduced.put(operation + "_error_count", totals.errors());
		}
		return reduced;
	}

	private synchronized State snapshot() {
		return this.state.copy();
	}

	private static Object required(Map<String, ?> record, String field, String path) {
		if (!record.containsKey(field)) {
			throw new InvalidStatsDataException(path + "." + field, "required field is missing");
		}
		return record.get(field);
	}

	private static long optionalInteger(Map<String, ?> record, String field, String path) {
		return record.containsKey(field) ? WireFormat.integer(record.get(field), path + "." + field, Long.MAX_VALUE)
				: 0;
	}

	static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Boolean.compare(i < a.length(), j < b.length());
	}

	/**
	 * Receives one record.
	 */
	@FunctionalInterface
	public interface RecordAction {

		/**
		 * Accept one record.
		 * @param operation the operation name
		 * @param durationSeconds the duration in seconds
		 * @param numKeys the keys touched
		 * @param numBytes the bytes moved
		 * @param status the status
		 * @param numFailedKeys the keys that failed
		 */
		void accept(String operation, double durationSeconds, long numKeys, long numBytes, String status,
				long numFailedKeys);

	}

	/**
	 * What one operation's records add up to, taken under the lock.
	 */
	private record OperationTotals(String operation, double[] durations, Number keys, Number bytes, Number failedKeys,
			int errors) {

	}

	/**
	 * The records of one interval, by operation in insertion order; replaced whole by
	 * {@link #cloneAndReset()}.
	 */
	private static final class State {

		final ChunkPool pool;

		final Map<String, SampleRows> operations = new LinkedHashMap<>();

		final List<String> statuses = new ArrayList<>();

		final Map<String, Integer> statusIndexes = new HashMap<>();

		int recordCount;

		long dropped;

		State(ChunkPool pool) {
			this.pool = pool;
			statusIndex(STATUS_OK);
			statusIndex(STATUS_ERROR);
		}

		SampleRows rows(String operation) {
			SampleRows rows = this.operations.get(operation);
			if (rows == null) {
				rows = new SampleRows(ROW_WIDTH, this.pool);
				this.operations.put(operation, rows);
			}
			return rows;
		}

		int statusIndex(String status) {
			Integer index = this.statusIndexes.get(status);
			if (index == null) {
				index = this.statuses.size();
				this.statuses.add(status);
				this.statusIndexes.put(status, index);
			}
			return index;
		}

		State copy() {
			State copy = new State(this.pool);
			this.operations.forEach((operation, rows) -> copy.operations.put(operation, rows.copy()));
			this.statuses.forEach(copy::statusIndex);
			copy.recordCount = this.recordCount;
			copy.dropped = this.dropped;
			return copy;
		}

	}

}
