package io.kvconnector.stats.recording;

import java.time.Clock;
import java.time.Instant;

import io.kvconnector.stats.KvConnectorStats;
import org.jspecify.annotations.Nullable;

/**
 * The current interval of one engine of a connector, and the last closed one.
 *
 * @param <S> the stats type
 * @author kvconnector-stats
 */
public final class EngineInterval<S extends KvConnectorStats<S>> {

	private final int engine;

	private final S current;

	private final Clock clock;

	private Instant start;

	private @Nullable ClosedInterval<S> last;

	private @Nullable ClosedInterval<S> retiring;

	/**
	 * Create the interval of an engine, starting now.
	 * @param engine the engine index
	 * @param current the stats that collect the current interval
	 * @param clock the clock that dates intervals
	 */
	public EngineInterval(int engine, S current, Clock clock) {
		this.engine = engine;
		this.current = current;
		this.clock = clock;
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
	 * Return when the current interval began.
	 * @return the start of the current interval
	 */
	public synchronized Instant start() {
		return this.start;
	}

	/**
	 * Return the last closed interval.
	 * @return the last closed interval, or {@code null} before the first rotation
	 */
	public synchronized @Nullable ClosedInterval<S> last() {
		return this.last;
	}

	/**
	 * Read the current and the last interval together, with no rotation in between: every
	 * sample shows in exactly one of them.
	 * @param <T> what the reader makes of them
	 * @param reader reads the two intervals; must not record into this engine
	 * @return what the reader returned
	 */
	public synchronized <T> T read(Reader<S, T> reader) {
		return reader.read(this.start, this.current, this.last);
	}

	/**
	 * Close the current interval and start a new one: every sample lands in exactly one
	 * of them. The interval closed two rotations ago is emptied and holds the new closed
	 * one, so that its storage is reused; one rotation of grace lets readers of the
	 * previous last interval finish.
	 * @return the closed interval
	 */
	public synchronized ClosedInterval<S> rotate() {
		Instant now = this.clock.instant();
		S closedStats = (this.retiring != null) ? this.current.cloneAndResetInto(this.retiring.stats())
				: this.current.cloneAndReset();
		ClosedInterval<S> closed = new ClosedInterval<>(this.engine, this.start, now, closedStats);
		this.retiring = this.last;
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

	/**
	 * Reads an engine's current and last interval together.
	 *
	 * @param <S> the stats type
	 * @param <T> what it makes of them
	 */
	@FunctionalInterface
	public interface Reader<S extends KvConnectorStats<S>, T> {

		/**
		 * Read the intervals.
		 * @param start when the current interval began
		 * @param current the current interval's stats
		 * @param last the last closed interval, or {@code null} before the first
		 * @return what the reader makes of them
		 */
		T read(Instant start, S current, @Nullable ClosedInterval<S> last);

	}

}
