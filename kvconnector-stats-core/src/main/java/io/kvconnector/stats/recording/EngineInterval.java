package io.kvconnector.stats.recording;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.KvConnectorStats;

/**
 * The current interval of one engine of a connector and the last closed one. Rotation
 * reduces the closed stats once, keeps only that summary, and reuses their storage for
 * the next interval.
 *
 * @param <S> the stats type
 * @author kvconnector-stats
 */
public final class EngineInterval<S extends KvConnectorStats<S>> {

	private final int engine;

	private final S current;

	private final Clock clock;

	private final Function<S, IntervalSummary> summarizer;

	private Instant start;

	private @Nullable ClosedInterval last;

	/**
	 * Stats that held the interval closed last; emptied, their storage is reused.
	 */
	private @Nullable S spare;

	/**
	 * Create the interval of an engine, starting now.
	 * @param engine the engine index
	 * @param current the stats that collect the current interval, for the whole life of
	 * the engine
	 * @param clock the clock that dates intervals
	 * @param summarizer reduces an interval's stats
	 */
	public EngineInterval(int engine, S current, Clock clock, Function<S, IntervalSummary> summarizer) {
		this.engine = engine;
		this.current = current;
		this.clock = clock;
		this.summarizer = summarizer;
		this.start = clock.instant();
	}

	/**
	 * Return the engine index.
	 * @return the engine index
	 */
	public int engine() {
		return this.engine;
	}

	/**
	 * Return the stats collecting the current interval; the same instance for the whole
	 * life of the engine.
	 * @return the current stats
	 */
	public S current() {
		return this.current;
	}

	/**
	 * Return the last closed interval.
	 * @return the last closed interval, or {@code null} before the first rotation
	 */
	public synchronized @Nullable ClosedInterval last() {
		return this.last;
	}

	/**
	 * Read the current and the last interval together, with no rotation in between.
	 * @return the snapshot
	 */
	public synchronized EngineSnapshot snapshot() {
		return new EngineSnapshot(this.engine, this.start, this.summarizer.apply(this.current), this.last);
	}

	/**
	 * Close the current interval and start a new one: every sample lands in exactly one
	 * of them. The closed stats are reduced once, here, and then emptied, so that the
	 * next rotation reuses their storage.
	 * @return the closed interval
	 */
	public synchronized ClosedInterval rotate() {
		Instant now = this.clock.instant();
		S spare = this.spare;
		S closedStats = (spare != null) ? this.current.cloneAndResetInto(spare) : this.current.cloneAndReset();
		ClosedInterval closed = new ClosedInterval(this.engine, this.start, now, this.summarizer.apply(closedStats));
		closedStats.reset();
		this.spare = closedStats;
		this.start = now;
		this.last = closed;
		return closed;
	}

	/**
	 * Discard the samples of the current interval; the meters keep them.
	 */
	public void clear() {
		this.current.reset();
	}

}
