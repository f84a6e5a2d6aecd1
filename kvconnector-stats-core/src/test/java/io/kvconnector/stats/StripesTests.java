package io.kvconnector.stats;

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
 * Tests for {@link Stripes}.
 *
 * @author kvconnector-stats
 */
class StripesTests {

	@Test
	void aSingleThreadKeepsToOneStripeSoItsSamplesStayInOrder() {
		Stripes<List<Integer>> stripes = new Stripes<>(Integer.MAX_VALUE, ArrayList::new);
		for (int i = 0; i < 1000; i++) {
			add(stripes, i);
		}
		List<Integer> all = flatten(stripes.swap());
		assertThat(all).hasSize(1000).isSorted();
	}

	@Test
	void theCapacityBoundIsExact() {
		Stripes<List<Integer>> stripes = new Stripes<>(300, ArrayList::new);
		int kept = 0;
		for (int i = 0; i < 1000; i++) {
			kept += add(stripes, i) ? 1 : 0;
		}
		assertThat(kept).isEqualTo(300);
		assertThat(flatten(stripes.swap())).hasSize(300);
		assertThat(add(stripes, 0)).as("room again after the swap").isTrue();
	}

	@Test
	void appendLastGoesAfterEverySampleAndIsBoundedToo() {
		Stripes<List<Integer>> stripes = new Stripes<>(10, ArrayList::new);
		for (int i = 0; i < 4; i++) {
			add(stripes, i);
		}
		int granted = stripes.appendLast(20, (state, room) -> {
			for (int i = 0; i < room; i++) {
				state.add(100 + i);
			}
			return room;
		});
		assertThat(granted).isLessThanOrEqualTo(6);
		List<Integer> all = flatten(stripes.swap());
		assertThat(all.subList(0, 4)).containsExactly(0, 1, 2, 3);
		assertThat(all.subList(4, all.size())).allMatch((value) -> value >= 100);
	}

	@Test
	void concurrentSamplesLandInExactlyOneSwapAndNeverExceedTheBound() throws Exception {
		int capacity = 5_000;
		Stripes<List<Integer>> stripes = new Stripes<>(capacity, ArrayList::new);
		int threads = 4;
		int perThread = 100_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean running = new AtomicBoolean(true);
		try {
			List<Future<long[]>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					start.await();
					long[] outcome = new long[2];
					for (int i = 0; i < perThread; i++) {
						outcome[add(stripes, i) ? 0 : 1]++;
					}
					return outcome;
				}));
			}
			Future<long[]> swapper = pool.submit(() -> {
				start.await();
				long[] seen = new long[2];
				while (running.get()) {
					int size = flatten(stripes.swap()).size();
					seen[0] += size;
					seen[1] = Math.max(seen[1], size);
				}
				return seen;
			});
			start.countDown();
			long kept = 0;
			for (Future<long[]> worker : workers) {
				kept += worker.get(1, TimeUnit.MINUTES)[0];
			}
			running.set(false);
			long[] seen = swapper.get(1, TimeUnit.MINUTES);
			seen[0] += flatten(stripes.swap()).size();
			assertThat(seen[0]).isEqualTo(kept);
			assertThat(seen[1]).isLessThanOrEqualTo(capacity);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static boolean add(Stripes<List<Integer>> stripes, int value) {
		Stripes.Stripe<List<Integer>> stripe = stripes.lock();
		try {
			if (!stripe.reserve()) {
				return false;
			}
			stripe.state().add(value);
			return true;
		}
		finally {
			stripe.unlock();
		}
	}

	private static List<Integer> flatten(List<List<Integer>> states) {
		List<Integer> all = new ArrayList<>();
		states.forEach(all::addAll);
		return all;
	}

}
