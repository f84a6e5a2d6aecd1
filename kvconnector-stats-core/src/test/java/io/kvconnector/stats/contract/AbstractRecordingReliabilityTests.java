package io.kvconnector.stats.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.recording.IntervalSummary;
import io.kvconnector.stats.recording.KvConnector;
import io.kvconnector.stats.recording.KvConnectorEngine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that a connector's recording loses and invents nothing while intervals rotate
 * every millisecond under many recording threads, and that the per-interval bound holds:
 * every sample is kept in one interval or counted as dropped, and the meters count every
 * one. Each starter extends it with its connector.
 *
 * @param <S> the stats type
 * @param <R> the recorder type
 * @param <M> the meter binder type
 * @author kvconnector-stats
 */
public abstract class AbstractRecordingReliabilityTests<S extends KvConnectorStats<S>, R extends KvConnector<S>, M extends MeterBinder> {

	private static final int THREADS = 6;

	private static final int MAX_SAMPLES = 2_000;

	private static final List<Integer> ENGINES = List.of(0, 1);

	/**
	 * Rotations to see, every one of which closes both engines' intervals, before the
	 * recording threads are stopped.
	 */
	private static final int ROTATIONS = 50;

	/**
	 * Every this many samples of a thread comes with a failure.
	 */
	private static final int FAILURE_EVERY = 10;

	/**
	 * Return the connector under test.
	 * @return the connector
	 */
	protected abstract ConnectorUnderTest<S, R, M> connector();

	@Test
	void everySampleIsKeptInOneIntervalOrCountedAsDroppedAndMetersCountThemAll() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		R recorder = connector().recorder(ENGINES, MAX_SAMPLES, "reliability", registry);
		Totals totals = new Totals();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean recording = new AtomicBoolean(true);
		long[] recorded = new long[ENGINES.size()];
		long failures = 0;
		try {
			List<Future<long[]>> recorders = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int engine = ENGINES.get(t % ENGINES.size());
				recorders.add(pool.submit(() -> {
					start.await();
					long done = 0;
					long failed = 0;
					while (recording.get()) {
						boolean failure = done % FAILURE_EVERY == 0;
						connector().record(recorder, engine, done, failure);
						failed += failure ? 1 : 0;
						done++;
					}
					return new long[] { engine, done, failed };
				}));
			}
			Future<?> rotator = pool.submit(() -> {
				start.await();
				// until the load has both rotated and overflowed intervals, or a minute
				// passed
				long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
				while ((totals.rotations < ROTATIONS || totals.dropped == 0) && System.nanoTime() < deadline) {
					rotate(recorder, totals);
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
				}
				recording.set(false);
				return null;
			});
			start.countDown();
			rotator.get(2, TimeUnit.MINUTES);
			for (Future<long[]> future : recorders) {
				long[] counts = future.get(1, TimeUnit.MINUTES);
				recorded[ENGINES.indexOf((int) counts[0])] += counts[1];
				failures += counts[2];
			}
			rotate(recorder, totals);
		}
		finally {
			recording.set(false);
			pool.shutdownNow();
		}
		assertThat(totals.rotations).isGreaterThan(ROTATIONS);
		assertThat(totals.dropped).as("drops under sustained load").isPositive();
		assertThat(totals.kept + totals.dropped).isEqualTo(recorded[0] + recorded[1]);
		assertThat(totals.largestInterval).isLessThanOrEqualTo(MAX_SAMPLES);
		if (connector().failuresAreSamples()) {
			assertThat(totals.failures).isPositive().isLessThanOrEqualTo(failures);
		}
		else {
			assertThat(totals.failures).as("failures are kept apart from the bound").isEqualTo(failures);
		}
		for (int i = 0; i < ENGINES.size(); i++) {
			assertThat(connector().meteredSamples(registry, ENGINES.get(i))).as("engine %s", ENGINES.get(i))
				.isEqualTo(recorded[i]);
		}
		assertThat(connector().meteredFailures(registry)).isEqualTo(failures);
		assertThat(ConnectorUnderTest.total(registry.find(SampleHealthMeters.DROPPED))).isEqualTo(totals.dropped);
	}

	private void rotate(R recorder, Totals totals) {
		for (KvConnectorEngine<S> engine : recorder.engines()) {
			IntervalSummary closed = engine.interval().rotate().summary();
			long kept = connector().samples(closed.stats());
			totals.kept += kept;
			totals.dropped += closed.droppedSamples();
			totals.failures += connector().failures(closed);
			totals.largestInterval = Math.max(totals.largestInterval, kept);
		}
		totals.rotations++;
	}

	private static final class Totals {

		long kept;

		long dropped;

		long failures;

		long largestInterval;

		int rotations;

	}

}
