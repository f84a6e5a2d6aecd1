package io.kvconnector.stats.mooncake;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import io.kvconnector.stats.internal.CacheLinePadding;
import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.internal.WireFormat;
import io.kvconnector.stats.numeric.ExactSum;
import io.kvconnector.stats.numeric.NearestRankPercentile;
import io.kvconnector.stats.numeric.PythonRound;

import org.jspecify.annotations.Nullable;

/**
 * Operation stats of vLLM's Mooncake store connector
 * ({@code MooncakeStoreConnectorStats}): one record per store RPC, with vLLM's
 * {@code reduce()} reproduced bit for bit. Safe for concurrent recording: threads that
 * record at the same time get stripes of their own, so they do not wait for each other;
 * {@link #cloneAndReset()} is atomic with respect to recording. vLLM's Mooncake reduce
 * does not depend on the order of records, so reading the stripes one after another
 * reduces exactly as one list would.
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

	/**
	 * Most records a stripe reserves from the interval's capacity at a time.
	 */
	private static final int MAX_RESERVATION = 1024;

	/**
	 * Most stripes: four per CPU, rounded up to a power of two, and at most 64.
	 */
	private static final int MAX_STRIPES = Math.min(64,
			Integer.highestOneBit(Math.max(1, 4 * Runtime.getRuntime().availableProcessors() - 1)) << 1);

	/**
	 * Each thread's stripe number before masking; random and never 0, which xorshift
	 * would keep.
	 */
	private static final ThreadLocal<int[]> PROBE = ThreadLocal
		.withInitial(() -> new int[] { Math.max(1, ThreadLocalRandom.current().nextInt() >>> 1) });

	private final int maxRecords;

	private final ChunkPool pool;

	/**
	 * Where threads record, each on the stripe its probe picks; starts with one and
	 * doubles, up to {@link #MAX_STRIPES}, whenever recording threads meet on a stripe.
	 * Replaced only under this object's monitor.
	 */
	private volatile Stripe[] stripes;

	/**
	 * Capacity of the current interval not yet reserved by any stripe.
	 */
	private final AtomicInteger unreserved;

	/**
	 * How many times a stripe took another stripe's reservation; a thread that found no
	 * capacity left sets {@link #full} only if no reservation moved while it looked.
	 */
	private final AtomicInteger moves = new AtomicInteger();

	/**
	 * Whether a rotation or a read holds every stripe, so that a thread that finds its
	 * stripe taken waits instead of moving.
	 */
	private volatile boolean exclusive;

	/**
	 * Whether the current interval has no capacity left, so that samples past it are
	 * dropped without asking the other stripes again.
	 */
	private volatile boolean full;

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
		this(maxRecords, 1);
	}

	/**
	 * Create empty stats that start with several stripes, as they have once threads met.
	 * @param maxRecords the capacity bound, at least 1
	 * @param stripes the number of stripes, a power of two
	 */
	MooncakeStoreConnectorStats(int maxRecords, int stripes) {
		this(maxRecords, new ChunkPool(ROW_WIDTH, maxRecords), null);
		this.stripes = widenTo(this.stripes, stripes);
	}

	private MooncakeStoreConnectorStats(int maxRecords, ChunkPool pool, State @Nullable [] states) {
		if (maxRecords < 1) {
			throw new IllegalArgumentException("maxRecords must be at least 1");
		}
		this.maxRecords = maxRecords;
		this.pool = pool;
		State[] initial = (states != null) ? states : new State[] { new State(pool) };
		Stripe[] stripes = new Stripe[initial.length];
		long kept = 0;
		for (int i = 0; i < initial.length; i++) {
			stripes[i] = new Stripe(initial[i]);
			kept += initial[i].size();
		}
		this.stripes = stripes;
		this.unreserved = new AtomicInteger((int) Math.max(0, maxRecords - kept));
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
			}
		}
		return new MooncakeStoreConnectorStats(Integer.MAX_VALUE, pool, new State[] { state });
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
		Stripe stripe = lockStripe();
		try {
			State current = stripe.state;
			SampleRows rows = (operation != null) ? current.operations.get(operation) : null;
			if (rows == null && !WireFormat.isValidLabel(operation)) {
				return RecordOutcome.INVALID_OPERATION;
			}
			int index = knownStatusIndex(current, status);
			if (index < 0 && !WireFormat.isValidLabel(status)) {
				return RecordOutcome.INVALID_STATUS;
			}
			if (stripe.reserved == 0 && !reserve(stripe)) {
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
			stripe.reserved--;
		}
		finally {
			stripe.unlock();
		}
		return RecordOutcome.RECORDED;
	}

	/**
	 * Lock the calling thread's stripe.
	 */
	private Stripe lockStripe() {
		Stripe[] stripes = this.stripes;
		if (stripes.length == 1) {
			Stripe stripe = stripes[0];
			return stripe.tryLock() ? stripe : lockContendedStripe(PROBE.get());
		}
		int[] probe = PROBE.get();
		Stripe stripe = stripes[probe[0] & (stripes.length - 1)];
		return stripe.tryLock() ? stripe : lockContendedStripe(probe);
	}

	/**
	 * Lock the calling thread's stripe once it was found taken. A rotation or a read
	 * holds every stripe for a moment: wait for it. Another recording thread holds it:
	 * part from that thread, as {@link java.util.concurrent.atomic.LongAdder} does, by
	 * moving to another stripe, and by doubling the stripes when that one is taken too.
	 */
	private Stripe lockContendedStripe(int[] probe) {
		Stripe[] stripes = this.stripes;
		if (!this.exclusive) {
			probe[0] = nextProbe(probe[0]);
			Stripe moved = stripes[probe[0] & (stripes.length - 1)];
			if (moved.tryLock()) {
				return moved;
			}
			if (stripes.length < MAX_STRIPES) {
				stripes = widen(stripes);
				probe[0] = nextProbe(probe[0]);
			}
		}
		Stripe stripe = stripes[probe[0] & (stripes.length - 1)];
		stripe.lock();
		return stripe;
	}

	private static int nextProbe(int probe) {
		int next = probe ^ (probe << 13);
		next ^= next >>> 17;
		return next ^ (next << 5);
	}

	private synchronized Stripe[] widen(Stripe[] seen) {
		Stripe[] stripes = this.stripes;
		if (stripes == seen && stripes.length < MAX_STRIPES) {
			stripes = widenTo(stripes, stripes.length * 2);
			this.stripes = stripes;
		}
		return stripes;
	}

	/**
	 * Return the number of stripes, for tests.
	 */
	int stripeCount() {
		return this.stripes.length;
	}

	/**
	 * Return the stripe the calling thread records on when it is free, for tests.
	 */
	int stripeIndex() {
		Stripe[] stripes = this.stripes;
		return (stripes.length == 1) ? 0 : PROBE.get()[0] & (stripes.length - 1);
	}

	private Stripe[] widenTo(Stripe[] stripes, int length) {
		Stripe[] wider = Arrays.copyOf(stripes, length);
		for (int i = stripes.length; i < length; i++) {
			wider[i] = new Stripe(new State(this.pool));
		}
		return wider;
	}

	/**
	 * Reserve capacity for a stripe that holds its lock and has used up its reservation:
	 * a share of what no stripe has reserved yet, else what another idle stripe holds.
	 * @return whether the stripe may keep its next record
	 */
	private boolean reserve(Stripe stripe) {
		if (this.full) {
			return false;
		}
		Stripe[] stripes = this.stripes;
		int moved = this.moves.get();
		int left = this.unreserved.get();
		while (left > 0) {
			int share = Math.min(MAX_RESERVATION, Math.max(1, left / (2 * stripes.length)));
			if (this.unreserved.compareAndSet(left, left - share)) {
				stripe.reserved = share;
				return true;
			}
			left = this.unreserved.get();
		}
		boolean othersChecked = true;
		// tryLock only: a thread that holds a stripe never waits for another
		for (Stripe other : stripes) {
			if (other == stripe) {
				continue;
			}
			if (!other.tryLock()) {
				othersChecked = false;
				continue;
			}
			try {
				if (other.reserved > 0) {
					this.moves.incrementAndGet();
					stripe.reserved = other.reserved;
					other.reserved = 0;
					return true;
				}
			}
			finally {
				other.unlock();
			}
		}
		// The interval is full only if every other stripe was seen without a reservation
		// and none could have gained one meanwhile: capacity is all reserved, so only a
		// move from a stripe not yet looked at, or a stripe added since, could give one.
		// A stripe in use may hold a reservation that its thread leaves behind.
		this.full = othersChecked && this.moves.get() == moved && this.stripes == stripes;
		return false;
	}

	/**
	 * Run an action on all stripes while holding every lock, so that no sample is being
	 * recorded.
	 */
	private <T> T withAllStripes(Function<Stripe[], T> action) {
		synchronized (this) {
			this.exclusive = true;
			Stripe[] stripes = this.stripes;
			for (Stripe stripe : stripes) {
				stripe.lock();
			}
			try {
				return action.apply(stripes);
			}
			finally {
				for (Stripe stripe : stripes) {
					stripe.unlock();
				}
				this.exclusive = false;
			}
		}
	}

	/**
	 * Call an action for every record kept, operation by operation in insertion order, on
	 * a snapshot.
	 * @param action receives each record
	 */
	public void forEachRecord(RecordAction action) {
		State snapshot = snapshot();
		for (int i = 0; i < snapshot.operations.size(); i++) {
			String operation = snapshot.operations.name(i);
			SampleRows rows = snapshot.operations.table(i);
			for (int row = 0; row < rows.size(); row++) {
				action.accept(operation, Double.longBitsToDouble(rows.get(row, DURATION)), rows.get(row, KEYS),
						rows.get(row, BYTES), snapshot.statuses.get((int) rows.get(row, STATUS)),
						rows.get(row, FAILED_KEYS));
			}
		}
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
		return withAllStripes((stripes) -> {
			long dropped = 0;
			for (Stripe stripe : stripes) {
				dropped += stripe.state.dropped;
			}
			return dropped;
		});
	}

	@Override
	public Map<String, List<Map<String, Object>>> data() {
		State snapshot = snapshot();
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		for (int i = 0; i < snapshot.operations.size(); i++) {
			SampleRows rows = snapshot.operations.table(i);
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
			data.put(snapshot.operations.name(i), records);
		}
		return data;
	}

	@Override
	public boolean isEmpty() {
		return withAllStripes((stripes) -> {
			for (Stripe stripe : stripes) {
				if (!stripe.state.operations.isEmpty()) {
					return false;
				}
			}
			return true;
		});
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
		return withAllStripes((stripes) -> {
			int capacity = this.unreserved.get();
			for (Stripe stripe : stripes) {
				capacity += stripe.reserved;
				stripe.reserved = 0;
			}
			State target = stripes[0].state;
			int kept = target.appendAll(incoming, capacity);
			long dropped = incoming.size() - kept;
			target.dropped += dropped;
			this.unreserved.set(capacity - kept);
			this.full = false;
			return dropped;
		});
	}

	@Override
	public MooncakeStoreConnectorStats cloneAndReset() {
		State[] closed = withAllStripes((stripes) -> {
			State[] taken = new State[stripes.length];
			for (int i = 0; i < stripes.length; i++) {
				taken[i] = stripes[i].state;
				stripes[i].state = new State(this.pool);
			}
			emptied(stripes);
			return taken;
		});
		return new MooncakeStoreConnectorStats(this.maxRecords, this.pool, closed);
	}

	@Override
	public MooncakeStoreConnectorStats cloneAndResetInto(MooncakeStoreConnectorStats spare) {
		if (spare == this || spare.pool != this.pool) {
			spare.reset();
			return cloneAndReset();
		}
		spare.reset();
		return withAllStripes((stripes) -> {
			// the spare is closed: nobody records into it, so its monitor guards it here
			synchronized (spare) {
				Stripe[] spares = spare.stripes;
				if (spares.length < stripes.length) {
					spares = spare.widenTo(spares, stripes.length);
					spare.stripes = spares;
				}
				long kept = 0;
				for (int i = 0; i < stripes.length; i++) {
					State closed = stripes[i].state;
					stripes[i].state = spares[i].state;
					spares[i].state = closed;
					kept += closed.size();
				}
				spare.unreserved.set((int) Math.max(0, spare.maxRecords - kept));
			}
			emptied(stripes);
			return spare;
		});
	}

	@Override
	public void reset() {
		withAllStripes((stripes) -> {
			for (Stripe stripe : stripes) {
				stripe.state.clear();
			}
			emptied(stripes);
			return null;
		});
	}

	/**
	 * Give the current interval its whole capacity back once its stripes hold empty
	 * states; called with all stripes locked.
	 */
	private void emptied(Stripe[] stripes) {
		for (Stripe stripe : stripes) {
			stripe.reserved = 0;
		}
		this.unreserved.set(this.maxRecords);
		this.full = false;
	}

	@Override
	public Map<String, Number> reduce() {
		List<OperationTotals> operations = withAllStripes(MooncakeStoreConnectorStats::totals);
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

	/**
	 * Gather what each operation's records add up to over all stripes; called with all
	 * stripes locked. Which stripe holds a record does not change vLLM's Mooncake reduce:
	 * fsum, the nearest rank and the integer sums do not depend on order.
	 */
	private static List<OperationTotals> totals(Stripe[] stripes) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Stripe stripe : stripes) {
			OperationTables tables = stripe.state.operations;
			for (int i = 0; i < tables.size(); i++) {
				counts.merge(tables.name(i), tables.table(i).size(), Integer::sum);
			}
		}
		List<OperationTotals> operations = new ArrayList<>();
		counts.forEach((operation, n) -> {
			if (n > 0) {
				double[] durations = new double[n];
				int filled = 0;
				Number keys = 0L;
				Number bytes = 0L;
				Number failedKeys = 0L;
				int errors = 0;
				for (Stripe stripe : stripes) {
					SampleRows rows = stripe.state.operations.get(operation);
					if (rows != null) {
						rows.copyDoubles(DURATION, durations, filled);
						filled += rows.size();
						keys = add(keys, rows.sumExact(KEYS));
						bytes = add(bytes, rows.sumExact(BYTES));
						failedKeys = add(failedKeys, rows.sumExact(FAILED_KEYS));
						errors += rows.count(STATUS, ERROR_INDEX);
					}
				}
				operations.add(new OperationTotals(operation, durations, keys, bytes, failedKeys, errors));
			}
		});
		return operations;
	}

	private static Number add(Number a, Number b) {
		if (a instanceof Long x && b instanceof Long y) {
			long sum = x + y;
			if (((x ^ sum) & (y ^ sum)) >= 0) {
				return sum;
			}
		}
		return toBigInteger(a).add(toBigInteger(b));
	}

	private static BigInteger toBigInteger(Number value) {
		return (value instanceof BigInteger big) ? big : BigInteger.valueOf(value.longValue());
	}

	/**
	 * Copy the records of every stripe into one state, stripe after stripe; a thread that
	 * records alone keeps one stripe, so its records keep their order.
	 */
	private State snapshot() {
		return withAllStripes((stripes) -> {
			State copy = new State(this.pool);
			for (Stripe stripe : stripes) {
				copy.appendAll(stripe.state, Integer.MAX_VALUE);
				copy.dropped += stripe.state.dropped;
			}
			return copy;
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
	 * The records that the threads on one stripe appended to the current interval, and
	 * the lock that guards them. The lock is a word of the stripe itself, not a
	 * {@link java.util.concurrent.locks.ReentrantLock}, whose separate state object could
	 * share a cache line with another stripe's: taken with one compare-and-set, released
	 * with a release store. A waiter spins briefly, then yields, then takes short naps,
	 * so that waiting for a long read costs little CPU. Not reentrant.
	 */
	@SuppressWarnings("unused")
	private static final class Stripe extends StripeFields {

		private static final VarHandle HELD;

		static {
			try {
				HELD = MethodHandles.lookup().findVarHandle(StripeFields.class, "held", int.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private static final int SPINS = 100;

		private static final int YIELDS = 100;

		private static final long NAP_NANOS = 20_000;

		// after the fields, which StripeFields holds: fields of a subclass come last

		private long q00;

		private long q01;

		private long q02;

		private long q03;

		private long q04;

		private long q05;

		private long q06;

		private long q07;

		private long q08;

		private long q09;

		private long q10;

		private long q11;

		private long q12;

		private long q13;

		private long q14;

		private long q15;

		Stripe(State state) {
			this.state = state;
		}

		boolean tryLock() {
			return HELD.compareAndSet(this, 0, 1);
		}

		void lock() {
			int waits = 0;
			while ((int) HELD.getOpaque(this) != 0 || !HELD.compareAndSet(this, 0, 1)) {
				waits++;
				if (waits < SPINS) {
					Thread.onSpinWait();
				}
				else if (waits < SPINS + YIELDS) {
					Thread.yield();
				}
				else {
					LockSupport.parkNanos(this, NAP_NANOS);
				}
			}
		}

		void unlock() {
			HELD.setRelease(this, 0);
		}

	}

	/**
	 * The fields of a {@link Stripe}, between the padding of {@link CacheLinePadding}
	 * before them and the padding that {@link Stripe} adds after them.
	 */
	private abstract static class StripeFields extends CacheLinePadding {

		volatile int held;

		State state;

		/**
		 * Records this stripe may still keep in the current interval.
		 */
		int reserved;

	}

	/**
	 * The records of one interval in one stripe, by operation in insertion order; moved
	 * out whole by {@link #cloneAndReset()}.
	 */
	private static final class State {

		final OperationTables operations;

		final List<String> statuses = new ArrayList<>();

		final Map<String, Integer> statusIndexes = new HashMap<>();

		long dropped;

		State(ChunkPool pool) {
			this.operations = new OperationTables(ROW_WIDTH, pool);
			statusIndex(STATUS_OK);
			statusIndex(STATUS_ERROR);
		}

		SampleRows rows(String operation) {
			return this.operations.getOrAdd(operation);
		}

		/**
		 * Count the records, which recording does not, so that it writes nothing shared.
		 */
		long size() {
			long size = 0;
			for (int i = 0; i < this.operations.size(); i++) {
				size += this.operations.table(i).size();
			}
			return size;
		}

		/**
		 * Discard every record, giving the chunks back to the pool and keeping the tables
		 * for the next interval.
		 */
		void clear() {
			this.operations.clear();
			if (this.statuses.size() > ERROR_INDEX + 1) {
				this.statuses.subList(ERROR_INDEX + 1, this.statuses.size()).clear();
				this.statusIndexes.values().removeIf((index) -> index > ERROR_INDEX);
			}
			this.dropped = 0;
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
		 * Append the records of another state, operation by operation, up to a number of
		 * records; operations are created even when none of their records fit.
		 * @return the number of records appended
		 */
		int appendAll(State other, int limit) {
			int appended = 0;
			for (int i = 0; i < other.operations.size(); i++) {
				SampleRows source = other.operations.table(i);
				SampleRows target = rows(other.operations.name(i));
				int fitting = Math.min(source.size(), limit - appended);
				for (int row = 0; row < fitting; row++) {
					String status = other.statuses.get((int) source.get(row, STATUS));
					target.append(source.get(row, DURATION), source.get(row, KEYS), source.get(row, BYTES),
							source.get(row, FAILED_KEYS), statusIndex(status));
				}
				appended += fitting;
			}
			return appended;
		}

	}

}
