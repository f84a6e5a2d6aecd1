package io.kvconnector.stats.mooncake;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.internal.ChunkPool;

/**
 * The records of one interval in {@link Stripe stripes} that recording threads lock one
 * at a time and that share the interval's capacity through reservations.
 *
 * @author kvconnector-stats
 */
final class StripedRecords {

	/**
	 * Most records a stripe reserves from the interval's capacity at a time.
	 */
	static final int MAX_RESERVATION = 1024;

	/**
	 * Most stripes: four per CPU, rounded up to a power of two, and at most 64.
	 */
	static final int MAX_STRIPES = Math.min(64,
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
	 * Create empty records with their own pool of storage.
	 * @param maxRecords the capacity bound, at least 1
	 * @param stripes the number of stripes to start with, a power of two
	 */
	StripedRecords(int maxRecords, int stripes) {
		this(maxRecords, new ChunkPool(OperationRecords.ROW_WIDTH, maxRecords), null);
		this.stripes = widenTo(this.stripes, stripes);
	}

	/**
	 * Create records that hold some already, one stripe each.
	 * @param maxRecords the capacity bound, at least 1
	 * @param pool where the storage comes from and goes back to
	 * @param records the records of each stripe, or {@code null} for one empty stripe
	 */
	StripedRecords(int maxRecords, ChunkPool pool, OperationRecords @Nullable [] records) {
		if (maxRecords < 1) {
			throw new IllegalArgumentException("maxRecords must be at least 1");
		}
		this.maxRecords = maxRecords;
		this.pool = pool;
		OperationRecords[] initial = (records != null) ? records
				: new OperationRecords[] { new OperationRecords(pool) };
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
	 * Lock the calling thread's stripe; the caller unlocks it. Threads that record at the
	 * same time get stripes of their own, so that they do not wait for each other: a
	 * thread that finds its stripe taken moves to another, and doubles the stripes when
	 * that one is taken too, as {@link java.util.concurrent.atomic.LongAdder} does.
	 * @return the stripe, locked
	 */
	Stripe lock() {
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
	 * part from that thread by moving to another stripe, and by doubling the stripes when
	 * that one is taken too.
	 */
	private Stripe lockContendedStripe(int[] probe) {
		Stripe[] stripes = this.stripes;
		if (!this.exclusive) {
			probe[0] = nextProbe(probe[0]);
			Stripe moved = stripes[probe[0] & (stripes.length - 1)];
			if (moved.tryLock()) {
				return moved;
			}
			// a read that began meanwhile sets exclusive before it takes the stripes:
			// looked at again, it is not mistaken for another recording thread
			if (!this.exclusive && stripes.length < MAX_STRIPES) {
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

	private Stripe[] widenTo(Stripe[] stripes, int length) {
		Stripe[] wider = Arrays.copyOf(stripes, length);
		for (int i = stripes.length; i < length; i++) {
			wider[i] = new Stripe(new OperationRecords(this.pool));
		}
		return wider;
	}

	/**
	 * Take capacity for one record on a stripe that the calling thread holds. A stripe
	 * keeps records against a share of the capacity that it reserved, without touching
	 * anything shared; once its reservation is used up, it takes a share of what is left,
	 * else another idle stripe's reservation.
	 * @param stripe the stripe, locked by the calling thread
	 * @return whether the record may be kept; if not, the interval is full
	 */
	boolean claim(Stripe stripe) {
		if (stripe.reserved == 0 && !reserve(stripe)) {
			return false;
		}
		stripe.reserved--;
		return true;
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
	 * Run an action while holding every stripe, so that no record is being kept.
	 * @param action reads or changes the stripes
	 * @return what the action returned
	 */
	<T> T exclusive(Function<Stripe[], T> action) {
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
	 * Return the records refused for lack of capacity.
	 * @return the number of records dropped
	 */
	long dropped() {
		return exclusive((stripes) -> {
			long dropped = 0;
			for (Stripe stripe : stripes) {
				dropped += stripe.records.dropped;
			}
			return dropped;
		});
	}

	/**
	 * Return whether no stripe holds an operation.
	 * @return whether there are no operations
	 */
	boolean isEmpty() {
		return exclusive((stripes) -> {
			for (Stripe stripe : stripes) {
				if (!stripe.records.operations.isEmpty()) {
					return false;
				}
			}
			return true;
		});
	}

	/**
	 * Copy the records of every stripe into one, stripe after stripe; a thread that
	 * records alone keeps one stripe, so its records keep their order.
	 * @return the copy
	 */
	OperationRecords copy() {
		return exclusive(this::copyOf);
	}

	private OperationRecords copyOf(Stripe[] stripes) {
		OperationRecords copy = new OperationRecords(this.pool);
		for (Stripe stripe : stripes) {
			copy.appendAll(stripe.records, Integer.MAX_VALUE);
			copy.dropped += stripe.records.dropped;
		}
		return copy;
	}

	/**
	 * Return the records themselves when they are kept in a single stripe, as those read
	 * from the wire format are, for stats that no other thread uses; else a copy.
	 * @return the records
	 */
	OperationRecords unshared() {
		return exclusive((stripes) -> (stripes.length == 1) ? stripes[0].records : copyOf(stripes));
	}

	/**
	 * Append records as far as the capacity that no record uses yet allows, including
	 * what stripes have reserved but not used.
	 * @param incoming the records to append
	 * @return the number of records that did not fit, counted as dropped
	 */
	long appendAll(OperationRecords incoming) {
		return exclusive((stripes) -> {
			int capacity = this.unreserved.get();
			for (Stripe stripe : stripes) {
				capacity += stripe.reserved;
				stripe.reserved = 0;
			}
			OperationRecords target = stripes[0].records;
			int kept = target.appendAll(incoming, capacity);
			long dropped = incoming.size() - kept;
			target.dropped += dropped;
			this.unreserved.set(capacity - kept);
			this.full = false;
			return dropped;
		});
	}

	/**
	 * Close the interval: take every stripe's records, leaving empty ones in their place.
	 * @return the records of the closed interval, one element a stripe
	 */
	OperationRecords[] close() {
		return exclusive((stripes) -> {
			OperationRecords[] taken = new OperationRecords[stripes.length];
			for (int i = 0; i < stripes.length; i++) {
				taken[i] = stripes[i].records;
				stripes[i].records = new OperationRecords(this.pool);
			}
			emptied(stripes);
			return taken;
		});
	}

	/**
	 * Return whether {@link #closeInto} can reuse the storage of other records.
	 * @param spare the records to reuse
	 * @return whether they are another instance of the same family of intervals
	 */
	boolean canCloseInto(StripedRecords spare) {
		return spare != this && spare.pool == this.pool;
	}

	/**
	 * Close the interval into empty records of the same family: their stripes take this
	 * interval's records, and this interval's stripes take their empty ones.
	 * @param spare empty records for which {@link #canCloseInto} holds, which nobody
	 * records into
	 */
	void closeInto(StripedRecords spare) {
		exclusive((stripes) -> {
			// the spare is closed: nobody records into it, so its monitor guards it here
			synchronized (spare) {
				Stripe[] spares = spare.stripes;
				if (spares.length < stripes.length) {
					spares = spare.widenTo(spares, stripes.length);
					spare.stripes = spares;
				}
				long kept = 0;
				for (int i = 0; i < stripes.length; i++) {
					OperationRecords closed = stripes[i].records;
					stripes[i].records = spares[i].records;
					spares[i].records = closed;
					kept += closed.size();
				}
				spare.unreserved.set((int) Math.max(0, spare.maxRecords - kept));
			}
			emptied(stripes);
			return null;
		});
	}

	/**
	 * Discard every record, giving the storage back to the pool.
	 */
	void clear() {
		exclusive((stripes) -> {
			for (Stripe stripe : stripes) {
				stripe.records.clear();
			}
			emptied(stripes);
			return null;
		});
	}

	/**
	 * Give the interval its whole capacity back once its stripes hold empty records;
	 * called with all stripes locked.
	 */
	private void emptied(Stripe[] stripes) {
		for (Stripe stripe : stripes) {
			stripe.reserved = 0;
		}
		this.unreserved.set(this.maxRecords);
		this.full = false;
	}

	int maxRecords() {
		return this.maxRecords;
	}

	ChunkPool pool() {
		return this.pool;
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

	/**
	 * Return a stripe, for tests that lock stripes of their choice.
	 */
	Stripe stripe(int index) {
		return this.stripes[index];
	}

	/**
	 * Return the capacity no stripe has reserved, for tests.
	 */
	int unreserved() {
		return this.unreserved.get();
	}

	/**
	 * Return whether a thread found that nothing can give capacity any more, for tests.
	 */
	boolean isFull() {
		return this.full;
	}

}
