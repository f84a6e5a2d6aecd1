package io.kvconnector.stats.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;
import io.kvconnector.stats.StatsJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the {@link KvConnectorStats} contract that every connector's stats keep: the
 * capacity bound and the drops it reports to its {@link SampleDropListener}, vLLM's
 * {@code aggregate}, the atomic {@code cloneAndReset} and {@code cloneAndResetInto}, and
 * the JSON round trip. Each starter extends it with its connector and tests what is its
 * own (the samples' fields, {@code reduce()}, the wire format's rules) in the subclass.
 *
 * <p>
 * The helpers record the connector's failure with every odd sample.
 *
 * @param <S> the stats type
 * @author kvconnector-stats
 */
public abstract class AbstractKvConnectorStatsTests<S extends KvConnectorStats<S>> {

	/**
	 * Return the connector under test.
	 * @return the connector
	 */
	protected abstract ConnectorUnderTest<S, ?, ?> connector();

	@Test
	void samplesBeyondCapacityAreDroppedCountedAndClosedWithTheirInterval() {
		S stats = connector().stats(2, SampleDropListener.NONE);
		assertThat(connector().record(stats, 0, false)).isEqualTo(RecordOutcome.RECORDED);
		assertThat(connector().record(stats, 1, false)).isEqualTo(RecordOutcome.RECORDED);
		assertThat(connector().record(stats, 2, false)).isEqualTo(RecordOutcome.DROPPED);
		stats.aggregate(withSamples(3, 4, 5));
		assertThat(samples(stats)).isEqualTo(2);
		assertThat(stats.droppedSamples()).isEqualTo(4);
		S closed = stats.cloneAndReset();
		assertThat(closed.droppedSamples()).isEqualTo(4);
		assertThat(stats.droppedSamples()).isZero();
		assertThat(connector().record(stats, 6, false)).isEqualTo(RecordOutcome.RECORDED);
		S fresh = connector().stats(2, SampleDropListener.NONE);
		assertThat(fresh.aggregate(closed).droppedSamples()).as("drops of an aggregated interval").isZero();
		assertThat(samples(fresh)).isEqualTo(2);
	}

	@Test
	void dropsAreReportedToTheListenerOnceWhetherRecordedOrAggregated() {
		List<Long> reported = new ArrayList<>();
		S stats = connector().stats(3, reported::add);
		S incoming = withSamples(0, 2);
		stats.aggregate(incoming);
		assertThat(reported).isEmpty();
		stats.aggregate(incoming);
		assertThat(reported).containsExactly(1L);
		stats.aggregate(connector().stats(3, SampleDropListener.NONE));
		assertThat(connector().record(stats, 4, false)).isEqualTo(RecordOutcome.DROPPED);
		assertThat(reported).containsExactly(1L, 1L);
		assertThat(stats.droppedSamples()).isEqualTo(2);
		S closed = stats.cloneAndReset();
		assertThat(closed.droppedSamples()).isEqualTo(2);
		assertThat(stats.aggregate(incoming).droppedSamples()).isZero();
		assertThat(reported).containsExactly(1L, 1L);
		assertThat(incoming.droppedSamples()).isZero();
		closed.aggregate(withSamples(6));
		assertThat(reported).as("the closed interval keeps the listener").containsExactly(1L, 1L, 1L);
	}

	@Test
	void aggregateAppendsTheOtherAfterOursReturnsItselfAndIgnoresEmptyStats() {
		S ours = withSamples(0, 2);
		S theirs = withSamples(3);
		assertThat(ours.aggregate(theirs)).isSameAs(ours);
		assertThat(data(ours)).containsExactlyEntriesOf(data(withSamples(0, 2, 3)));
		assertThat(data(theirs)).containsExactlyEntriesOf(data(withSamples(3)));
		ours.aggregate(connector().stats(10, SampleDropListener.NONE));
		assertThat(data(ours)).containsExactlyEntriesOf(data(withSamples(0, 2, 3)));
		assertThat(samples(ours)).isEqualTo(3);
		assertThat(connector().failures(ours)).isOne();
	}

	@Test
	void cloneAndResetMovesEverythingIntoTheClone() {
		S stats = withSamples(0, 1, 2);
		Map<String, Object> before = data(stats);
		S closed = stats.cloneAndReset();
		assertThat(data(closed)).containsExactlyEntriesOf(before);
		assertThat(stats.isEmpty()).isTrue();
		assertThat(data(stats)).isEqualTo(data(connector().stats(10, SampleDropListener.NONE)));
		stats.reset();
		closed.reset();
		assertThat(closed.isEmpty()).isTrue();
	}

	@Test
	void cloneAndResetIntoASpareMovesEverythingIntoTheSpareAndDiscardsWhatItHeld() {
		S stats = connector().stats(4, SampleDropListener.NONE);
		connector().record(stats, 0, true);
		S spare = stats.cloneAndReset();
		for (int i = 1; i <= 5; i++) {
			connector().record(stats, i, i % 2 == 1);
		}
		Map<String, Object> before = data(stats);
		assertThat(stats.cloneAndResetInto(spare)).isSameAs(spare);
		assertThat(data(spare)).containsExactlyEntriesOf(before);
		assertThat(spare.droppedSamples()).isOne();
		assertThat(stats.isEmpty()).isTrue();
		assertThat(stats.droppedSamples()).isZero();
		for (int i = 6; i < 10; i++) {
			assertThat(connector().record(stats, i, i % 2 == 1)).isEqualTo(RecordOutcome.RECORDED);
		}
		assertThat(data(stats)).as("nothing of what the spare held")
			.containsExactlyEntriesOf(data(withSamples(6, 7, 8, 9)));
		assertThat(data(spare)).containsExactlyEntriesOf(before);
		assertThat(samples(spare)).isEqualTo(4);
	}

	@Test
	void cloneAndResetIntoStatsOfAnotherFamilyClosesIntoANewInstance() {
		S stats = withSamples(0, 1);
		S stranger = withSamples(2, 3, 4);
		Map<String, Object> before = data(stats);
		S closed = stats.cloneAndResetInto(stranger);
		assertThat(closed).isNotSameAs(stranger);
		assertThat(data(closed)).containsExactlyEntriesOf(before);
		assertThat(stranger.isEmpty()).isTrue();
		assertThat(stats.isEmpty()).isTrue();
	}

	@Test
	void everySampleLandsInExactlyOneIntervalWhileRecordingConcurrently() throws Exception {
		S stats = connector().stats(Integer.MAX_VALUE, SampleDropListener.NONE);
		int threads = 4;
		int perThread = 100_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean recording = new AtomicBoolean(true);
		try {
			List<Future<?>> recorders = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				recorders.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						connector().record(stats, i, i % 10 == 0);
					}
					return null;
				}));
			}
			Future<long[]> rotator = pool.submit(() -> {
				start.await();
				long[] totals = new long[3];
				while (recording.get()) {
					add(totals, stats.cloneAndReset());
				}
				return totals;
			});
			start.countDown();
			for (Future<?> recorder : recorders) {
				recorder.get(60, TimeUnit.SECONDS);
			}
			recording.set(false);
			long[] totals = rotator.get(60, TimeUnit.SECONDS);
			add(totals, stats.cloneAndReset());
			assertThat(totals[0]).isEqualTo((long) threads * perThread);
			assertThat(totals[1]).isEqualTo((long) threads * perThread / 10);
			assertThat(totals[2]).as("intervals that saw samples").isGreaterThan(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void dataRoundTripsThroughJson() {
		S stats = withSamples(0, 1, 2, 3, 4);
		S copy = connector().fromData(StatsJson.read(StatsJson.write(stats)));
		assertThat(data(copy)).containsExactlyEntriesOf(data(stats));
		assertThat(copy.reduce()).containsExactlyEntriesOf(stats.reduce());
	}

	/**
	 * Return unbounded stats holding samples, with the connector's failure recorded with
	 * each odd one.
	 * @param samples the sample numbers
	 * @return the stats
	 */
	protected final S withSamples(long... samples) {
		S stats = connector().stats(Integer.MAX_VALUE, SampleDropListener.NONE);
		for (long sample : samples) {
			assertThat(connector().record(stats, sample, sample % 2 == 1)).isEqualTo(RecordOutcome.RECORDED);
		}
		return stats;
	}

	private void add(long[] totals, S interval) {
		long samples = samples(interval);
		totals[0] += samples;
		totals[1] += connector().failures(interval);
		totals[2] += (samples > 0) ? 1 : 0;
	}

	private long samples(S stats) {
		return connector().samples(stats.reduce());
	}

	private static Map<String, Object> data(KvConnectorStats<?> stats) {
		return new LinkedHashMap<>(stats.data());
	}

}
