package io.kvconnector.stats.mooncake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StripedRecords}: the reservation of capacity by stripes, the moves of
 * reservations between stripes, the widening and the sections that hold every stripe.
 *
 * @author kvconnector-stats
 */
class StripedRecordsTests {

	@Test
	void firstClaimOfAStripeReservesAShareOfWhatIsLeft() {
		StripedRecords records = new StripedRecords(100, 2);
		Stripe stripe = records.stripe(0);
		stripe.lock();
		try {
			assertThat(records.claim(stripe)).isTrue();
			// a share is what is left over twice the stripes: 100 / 4
			assertThat(stripe.reserved()).isEqualTo(24);
			assertThat(records.unreserved()).isEqualTo(75);
			assertThat(records.claim(stripe)).isTrue();
			assertThat(stripe.reserved()).isEqualTo(23);
			assertThat(records.unreserved()).isEqualTo(75);
		}
		finally {
			stripe.unlock();
		}
	}

	@Test
	void sharesAreAtMostMaxReservationAndAtLeastOne() {
		StripedRecords large = new StripedRecords(Integer.MAX_VALUE, 1);
		assertThat(claims(large, 0, 1)).isOne();
		assertThat(large.stripe(0).reserved()).isEqualTo(StripedRecords.MAX_RESERVATION - 1);
		StripedRecords small = new StripedRecords(10, 1);
		assertThat(claims(small, 0, 5)).isEqualTo(5);
		assertThat(small.stripe(0).reserved()).isZero();
		assertThat(claims(small, 0, 1)).isOne();
		assertThat(small.stripe(0).reserved()).isOne();
		assertThat(small.unreserved()).isEqualTo(3);
	}

	@Test
	void claimsKeepExactlyTheCapacityAndThenFindTheIntervalFull() {
		StripedRecords records = new StripedRecords(10, 1);
		assertThat(claims(records, 0, 20)).isEqualTo(10);
		assertThat(records.isFull()).isTrue();
	}

	@Test
	void stripeWhoseReservationIsUsedUpTakesTheReservationOfAnIdleStripe() {
		StripedRecords records = new StripedRecords(8, 2);
		assertThat(claims(records, 1, 1)).isOne();
		assertThat(records.stripe(1).reserved()).isOne();
		assertThat(claims(records, 0, 7)).isEqualTo(7);
		assertThat(records.stripe(1).reserved()).isZero();
		assertThat(records.isFull()).isFalse();
		assertThat(claims(records, 0, 1)).isZero();
		assertThat(records.isFull()).isTrue();
	}

	@Test
	void intervalIsNotFullWhileAStripeInUseMayHoldAReservation() {
		StripedRecords records = new StripedRecords(8, 2);
		Stripe inUse = records.stripe(1);
		inUse.lock();
		try {
			assertThat(records.claim(inUse)).isTrue();
			assertThat(claims(records, 0, 7)).isEqualTo(6);
			assertThat(records.isFull()).isFalse();
		}
		finally {
			inUse.unlock();
		}
		assertThat(claims(records, 0, 2)).isOne();
		assertThat(records.isFull()).isTrue();
	}

	@Test
	void threadThatFindsItsStripeTakenByAnotherWidensTheStripes() throws Exception {
		StripedRecords records = new StripedRecords(100, 1);
		Stripe taken = records.stripe(0);
		taken.lock();
		Thread recorder = new Thread(() -> records.lock().unlock());
		try {
			recorder.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (records.stripeCount() == 1 && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			assertThat(records.stripeCount()).isEqualTo(2);
		}
		finally {
			taken.unlock();
		}
		recorder.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(recorder.isAlive()).isFalse();
		assertThat(records.stripeCount()).isEqualTo(2);
	}

	@Test
	void sectionThatHoldsEveryStripeMakesRecordingWaitWithoutWidening() throws Exception {
		StripedRecords records = new StripedRecords(100, 1);
		AtomicBoolean locked = new AtomicBoolean();
		Thread recorder = new Thread(() -> {
			Stripe stripe = records.lock();
			locked.set(true);
			stripe.unlock();
		});
		boolean lockedDuringSection = records.exclusive((stripes) -> {
			recorder.start();
			sleep(100);
			return locked.get();
		});
		recorder.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(lockedDuringSection).isFalse();
		assertThat(locked).isTrue();
		assertThat(records.stripeCount()).isOne();
	}

	@Test
	void closingTakesTheRecordsAndGivesTheWholeCapacityBack() {
		StripedRecords records = new StripedRecords(4, 2);
		claims(records, 0, 3);
		claims(records, 1, 3);
		OperationRecords[] closed = records.close();
		assertThat(closed).hasSize(2);
		assertThat(closed[0].size() + closed[1].size()).isEqualTo(4);
		assertThat(closed[0].dropped + closed[1].dropped).isEqualTo(2);
		assertThat(records.isEmpty()).isTrue();
		assertThat(records.unreserved()).isEqualTo(4);
		assertThat(claims(records, 0, 5)).isEqualTo(4);
	}

	@Test
	void closingIntoASpareOfTheSameFamilySwapsTheRecordsAndWidensTheSpare() {
		StripedRecords records = new StripedRecords(6, 2);
		StripedRecords spare = new StripedRecords(6, records.pool(), null);
		assertThat(records.canCloseInto(spare)).isTrue();
		assertThat(records.canCloseInto(records)).isFalse();
		assertThat(records.canCloseInto(new StripedRecords(6, 2))).isFalse();
		claims(records, 0, 2);
		claims(records, 1, 2);
		records.closeInto(spare);
		assertThat(spare.stripeCount()).isEqualTo(2);
		assertThat(spare.copy().size()).isEqualTo(4);
		assertThat(spare.unreserved()).isEqualTo(2);
		assertThat(records.isEmpty()).isTrue();
		assertThat(records.unreserved()).isEqualTo(6);
	}

	@Test
	void everyClaimLandsInExactlyOneIntervalWhileIntervalsCloseIntoSpares() throws Exception {
		int capacity = 500;
		StripedRecords records = new StripedRecords(capacity, 1);
		StripedRecords spare = new StripedRecords(capacity, records.pool(), records.close());
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean recording = new AtomicBoolean(true);
		long attempts = 0;
		long[] intervals = new long[3];
		try {
			List<Future<Long>> recorders = new ArrayList<>();
			for (int t = 0; t < 3; t++) {
				recorders.add(pool.submit(() -> {
					start.await();
					long done = 0;
					while (recording.get()) {
						keepOrDrop(records);
						done++;
					}
					return done;
				}));
			}
			start.countDown();
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
			while ((intervals[2] < 200 || intervals[0] + intervals[1] < 100_000) && System.nanoTime() < deadline) {
				spare.clear();
				records.closeInto(spare);
				count(spare, intervals, capacity);
			}
			recording.set(false);
			for (Future<Long> recorder : recorders) {
				attempts += recorder.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			recording.set(false);
			pool.shutdownNow();
		}
		spare.clear();
		records.closeInto(spare);
		count(spare, intervals, capacity);
		assertThat(intervals[0] + intervals[1]).isEqualTo(attempts);
		assertThat(intervals[1]).as("drops").isPositive();
	}

	private static void keepOrDrop(StripedRecords records) {
		Stripe stripe = records.lock();
		try {
			keepOrDrop(records, stripe);
		}
		finally {
			stripe.unlock();
		}
	}

	/**
	 * Keep a record on a stripe that the calling thread holds, or count it as dropped.
	 * @return whether it was kept
	 */
	private static boolean keepOrDrop(StripedRecords records, Stripe stripe) {
		if (records.claim(stripe)) {
			stripe.records().rows("op").append(0, 1, 0, 0, OperationRecords.OK_INDEX);
			return true;
		}
		stripe.records().dropped++;
		return false;
	}

	/**
	 * Add a closed interval's kept and dropped records to the totals and count it.
	 */
	private static void count(StripedRecords closed, long[] intervals, int capacity) {
		OperationRecords copy = closed.copy();
		assertThat(copy.size()).isLessThanOrEqualTo(capacity);
		intervals[0] += copy.size();
		intervals[1] += copy.dropped;
		intervals[2]++;
	}

	/**
	 * Claim capacity for records on a stripe, holding it as a recording thread would.
	 * @return how many claims were granted
	 */
	private static int claims(StripedRecords records, int stripeIndex, int count) {
		Stripe stripe = records.stripe(stripeIndex);
		stripe.lock();
		try {
			int granted = 0;
			for (int i = 0; i < count; i++) {
				granted += keepOrDrop(records, stripe) ? 1 : 0;
			}
			return granted;
		}
		finally {
			stripe.unlock();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
