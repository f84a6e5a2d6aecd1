package io.kvconnector.stats.mooncake;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

import io.kvconnector.stats.internal.CacheLinePadding;

/**
 * One stripe of {@link StripedRecords}: the records its threads appended to the current
 * interval, the capacity it has reserved and the lock that guards both.
 *
 * @author kvconnector-stats
 */
@SuppressWarnings("unused")
final class Stripe extends StripeFields {

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

	Stripe(OperationRecords records) {
		super(records);
	}

	/**
	 * Return the records of this stripe; only while holding its lock.
	 * @return the records
	 */
	OperationRecords records() {
		return this.records;
	}

	/**
	 * Return the records this stripe may still keep before it reserves more, for tests.
	 */
	int reserved() {
		return this.reserved;
	}

	/**
	 * Take the lock if it is free: one compare-and-set on a word of the stripe itself,
	 * not a {@link java.util.concurrent.locks.ReentrantLock}, whose separate state object
	 * could share a cache line with another stripe's. Not reentrant.
	 */
	boolean tryLock() {
		return HELD.compareAndSet(this, 0, 1);
	}

	/**
	 * Take the lock, waiting for it: spinning briefly, then yielding, then taking short
	 * naps, so that waiting for a long read costs little CPU.
	 */
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

	/**
	 * Release the lock with a release store.
	 */
	void unlock() {
		HELD.setRelease(this, 0);
	}

}

/**
 * The fields of a {@link Stripe}, between the padding of {@link CacheLinePadding} before
 * them and the padding that {@link Stripe} adds after them.
 */
abstract class StripeFields extends CacheLinePadding {

	volatile int held;

	OperationRecords records;

	/**
	 * Records this stripe may still keep in the current interval.
	 */
	int reserved;

	StripeFields(OperationRecords records) {
		this.records = records;
	}

}
