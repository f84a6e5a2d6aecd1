package io.kvconnector.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The state of one interval split over lock stripes, so that threads recording at once
 * append under different locks. A thread keeps to one stripe unless another thread holds
 * it; taking every lock gives an atomic view and an atomic swap. Stripes are read in the
 * order they took their first sample, so a single thread's samples keep their order. The
 * capacity bound is exact: stripes reserve room in batches from one shared count.
 *
 * @param <S> the per-stripe state
 * @author kvconnector-stats
 */
public final class Stripes<S> {

	private static final int COUNT = Math.min(64,
			Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1));

	private static final int BATCH = 256;

	private static final long UNUSED = Long.MAX_VALUE;

	private final Stripe<S>[] stripes;

	private final int capacity;

	private final Supplier<S> factory;

	private final AtomicInteger unreserved;

	private final AtomicLong tickets = new AtomicLong();

	/**
	 * Create empty stripes.
	 * @param capacity the most samples all stripes may hold together
	 * @param factory creates the state of an empty stripe
	 */
	public Stripes(int capacity, Supplier<S> factory) {
		this(capacity, factory, List.of(), 0);
	}

	/**
	 * Create stripes holding existing states, read in the given order.
	 * @param capacity the most samples all stripes may hold together
	 * @param factory creates the state of an empty stripe
	 * @param states the states to hold, at most one per stripe
	 * @param used the samples those states already hold
	 */
	@SuppressWarnings("unchecked")
	public Stripes(int capacity, Supplier<S> factory, List<S> states, int used) {
		this.capacity = capacity;
		this.factory = factory;
		this.unreserved = new AtomicInteger(Math.max(0, capacity - used));
		int count = Math.max(COUNT, Integer.highestOneBit(Math.max(1, states.size()) * 2 - 1));
		this.stripes = new Stripe[count];
		for (int i = 0; i < count; i++) {
			this.stripes[i] = new Stripe<>(this, (i < states.size()) ? states.get(i) : factory.get());
			if (i < states.size()) {
				this.stripes[i].ticket = this.tickets.getAndIncrement();
			}
		}
	}

	/**
	 * Lock the calling thread's stripe, or another that is free if a thread holds it.
	 * @return the locked stripe; unlock it in a {@code finally}
	 */
	public Stripe<S> lock() {
		Stripe<S>[] all = this.stripes;
		int mask = all.length - 1;
		int home = mix(System.identityHashCode(Thread.currentThread())) & mask;
		Stripe<S> stripe = all[home];
		if (stripe.tryLock()) {
			return stripe;
		}
		for (int i = 1; i < all.length; i++) {
			Stripe<S> other = all[(home + i) & mask];
			if (other.tryLock()) {
				return other;
			}
		}
		stripe.lock();
		return stripe;
	}

	/**
	 * Run a function over every state, in first-use order, with every stripe locked.
	 * @param <R> the result type
	 * @param function receives the states; may change them
	 * @return what the function returned
	 */
	public <R> R withAll(Function<List<S>, R> function) {
		lockAll();
		try {
			return function.apply(ordered());
		}
		finally {
			unlockAll();
		}
	}

	/**
	 * Replace every state with an empty one, atomically: each sample is in the returned
	 * states or recorded after.
	 * @return the replaced states, in first-use order
	 */
	public List<S> swap() {
		lockAll();
		try {
			List<S> replaced = ordered();
			for (Stripe<S> stripe : this.stripes) {
				stripe.state = this.factory.get();
				stripe.ticket = UNUSED;
				stripe.reserved = 0;
			}
			this.unreserved.set(this.capacity);
			return replaced;
		}
		finally {
			unlockAll();
		}
	}

	/**
	 * Append samples after every sample held, such as merged ones, with every stripe
	 * locked.
	 * @param <R> the result type
	 * @param wanted how many samples are to be appended
	 * @param append receives the state read last and how many samples fit under the
	 * capacity bound
	 * @return what the function returned
	 */
	public <R> R appendLast(int wanted, BiFunction<S, Integer, R> append) {
		lockAll();
		try {
			Stripe<S> target = this.stripes[0];
			for (Stripe<S> stripe : this.stripes) {
				if (stripe.ticket != UNUSED && (target.ticket == UNUSED || stripe.ticket > target.ticket)) {
					target = stripe;
				}
			}
			target.use();
			return append.apply(target.state, grab(wanted));
		}
		finally {
			unlockAll();
		}
	}

	private List<S> ordered() {
		Stripe<S>[] sorted = this.stripes.clone();
		Arrays.sort(sorted, Comparator.comparingLong((Stripe<S> stripe) -> stripe.ticket));
		List<S> states = new ArrayList<>(sorted.length);
		for (Stripe<S> stripe : sorted) {
			states.add(stripe.state);
		}
		return states;
	}

	private int grab(int wanted) {
		int available = this.unreserved.get();
		while (available > 0) {
			int granted = Math.min(wanted, available);
			if (this.unreserved.compareAndSet(available, available - granted)) {
				return granted;
			}
			available = this.unreserved.get();
		}
		return 0;
	}

	private void lockAll() {
		for (Stripe<S> stripe : this.stripes) {
			stripe.lock();
		}
	}

	private void unlockAll() {
		for (int i = this.stripes.length - 1; i >= 0; i--) {
			this.stripes[i].unlock();
		}
	}

	private static int mix(int hash) {
		int h = hash * 0x9E3779B9;
		return h ^ (h >>> 16);
	}

	/**
	 * One stripe: a lock and the state it guards.
	 *
	 * @param <S> the per-stripe state
	 */
	public static final class Stripe<S> extends ReentrantLock {

		private final transient Stripes<S> owner;

		private transient S state;

		private long ticket = UNUSED;

		private int reserved;

		Stripe(Stripes<S> owner, S state) {
			this.owner = owner;
			this.state = state;
		}

		/**
		 * Return the state this stripe guards; hold the lock.
		 * @return the state
		 */
		public S state() {
			return this.state;
		}

		/**
		 * Take room for one sample; hold the lock.
		 * @return whether the sample fits under the capacity bound
		 */
		public boolean reserve() {
			if (this.reserved == 0) {
				this.reserved = this.owner.grab(BATCH);
				if (this.reserved == 0) {
					return false;
				}
			}
			this.reserved--;
			use();
			return true;
		}

		/**
		 * Mark the stripe used, fixing where it is read, for samples that take no room.
		 */
		public void use() {
			if (this.ticket == UNUSED) {
				this.ticket = this.owner.tickets.getAndIncrement();
			}
		}

	}

}
