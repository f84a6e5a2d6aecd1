package io.kvconnector.stats.mooncake;

import java.math.BigInteger;
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
import io.kvconnector.stats.Stripes;
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

	private final Stripes<State> stripes;

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
		this(maxRecords, new ChunkPool(ROW_WIDTH, maxRecords), List.of());
	}

	private MooncakeStoreConnectorStats(int maxRecords, ChunkPool pool, List<State> states) {
		if (maxRecords < 1) {
			throw new IllegalArgumentException("maxRecords must be at least 1");
		}
		this.maxRecords = maxRecords;
		this.pool = pool;
		int used = states.stream().mapToInt((state) -> state.recordCount).sum();
		this.stripes = new Stripes<>(maxRecords, () -> new State(pool), states, used);
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
		return new MooncakeStoreConnectorStats(Integer.MAX_VALUE, pool, List.of(state));
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
		Stripes.Stripe<State> stripe = this.stripes.lock();
		try {
			State current = stripe.state();
			SampleRows rows = (operation != null) ? current.operations.get(operation) : null;
			if (rows == null && !WireFormat.isValidLabel(operation)) {
				return RecordOutcome.INVALID_OPERATION;
			}
			int index = knownStatusIndex(current, status);
			if (index < 0 && !WireFormat.isValidLabel(status)) {
				return RecordOutcome.INVALID_STATUS;
			}
			if (!stripe.reserve()) {
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
	public long droppedSamples() {
		return this.stripes.withAll((states) -> states.stream().mapToLong((state) -> state.dropped).sum());
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
	public boolean isEmpty() {
		return this.stripes.withAll((states) -> states.stream().allMatch((state) -> state.operations.isEmpty()));
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
		return this.stripes.appendLast(incoming.recordCount, (target, granted) -> {
			long dropped = target.appendAll(incoming, granted);
			target.dropped += dropped;
			return dropped;
		});
	}

	@Override
	public MooncakeStoreConnectorStats cloneAndReset() {
		return new MooncakeStoreConnectorStats(this.maxRecords, this.pool, this.stripes.swap());
	}

	@Override
	public void reset() {
		this.stripes.swap().forEach((state) -> state.operations.values().forEach(SampleRows::release));
	}

	@Override
	public Map<String, Number> reduce() {
		List<OperationTotals> operations = this.stripes.withAll((states) -> {
			Map<String, List<SampleRows>> byOperation = new LinkedHashMap<>();
			for (State state : states) {
				state.operations.forEach((operation,
						rows) -> byOperation.computeIfAbsent(operation, (key) -> new ArrayList<>()).add(rows));
			}
			List<OperationTotals> totals = new ArrayList<>();
			byOperation.forEach((operation, parts) -> {
				int n = parts.stream().mapToInt(SampleRows::size).sum();
				if (n > 0) {
					double[] durations = new double[n];
					Number keys = 0L;
					Number bytes = 0L;
					Number failedKeys = 0L;
					int errors = 0;
					int offset = 0;
					for (SampleRows rows : parts) {
						rows.copyDoubles(DURATION, durations, offset);
						keys = add(keys, rows.sumExact(KEYS));
						bytes = add(bytes, rows.sumExact(BYTES));
						failedKeys = add(failedKeys, rows.sumExact(FAILED_KEYS));
						errors += rows.count(STATUS, ERROR_INDEX);
						offset += rows.size();
					}
					totals.add(new OperationTotals(operation, durations, keys, bytes, failedKeys, errors));
				}
			});
			return totals;
		});
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

	private static Number add(Number a, Number b) {
		if (a instanceof Long x && b instanceof Long y) {
			long sum = x + y;
			if (((x ^ sum) & (y ^ sum)) >= 0) {
				return sum;
			}
		}
		BigInteger sum = new BigInteger(a.toString()).add(new BigInteger(b.toString()));
		return (sum.bitLength() < 64) ? (Number) sum.longValue() : sum;
	}

	private State snapshot() {
		return this.stripes.withAll((states) -> {
			State snapshot = new State(null);
			for (State state : states) {
				snapshot.appendAll(state, Integer.MAX_VALUE);
				snapshot.dropped += state.dropped;
			}
			return snapshot;
		});
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

		final @Nullable ChunkPool pool;

		final Map<String, SampleRows> operations = new LinkedHashMap<>();

		final List<String> statuses = new ArrayList<>();

		final Map<String, Integer> statusIndexes = new HashMap<>();

		int recordCount;

		long dropped;

		State(@Nullable ChunkPool pool) {
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

		/**
		 * Append the records of another state, operation by operation, creating missing
		 * operations even when none of their records fit.
		 */
		long appendAll(State source, int limit) {
			long dropped = 0;
			int room = limit;
			for (Map.Entry<String, SampleRows> entry : source.operations.entrySet()) {
				SampleRows from = entry.getValue();
				SampleRows to = rows(entry.getKey());
				int fitting = Math.min(from.size(), room);
				for (int row = 0; row < fitting; row++) {
					String status = source.statuses.get((int) from.get(row, STATUS));
					to.append(from.get(row, DURATION), from.get(row, KEYS), from.get(row, BYTES),
							from.get(row, FAILED_KEYS), statusIndex(status));
				}
				this.recordCount += fitting;
				room -= fitting;
				dropped += from.size() - fitting;
			}
			return dropped;
		}

	}

}
