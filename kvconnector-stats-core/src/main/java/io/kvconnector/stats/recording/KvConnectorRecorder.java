package io.kvconnector.stats.recording;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.metrics.SampleHealthMeters;

/**
 * Base class of the connector recorders: per-engine intervals, the health counters, and
 * the once-per-interval warning about invalid samples.
 *
 * @param <S> the stats type
 * @author kvconnector-stats
 */
public abstract class KvConnectorRecorder<S extends KvConnectorStats<S>> implements KvConnector<S> {

	private static final Log logger = LogFactory.getLog(KvConnectorRecorder.class);

	private final String name;

	private final int[] engineIndexes;

	private final List<EngineInterval<S>> engines;

	private final SampleHealthMeters health;

	private final AtomicInteger warnedReasons = new AtomicInteger();

	/**
	 * Create a recorder.
	 * @param name the connector name
	 * @param engines the configured engine indexes, at least one, in order
	 * @param statsFactory creates the (bounded) stats of an engine's current interval
	 * @param health the connector's health counters
	 * @param clock the clock that dates intervals
	 */
	protected KvConnectorRecorder(String name, List<Integer> engines, Supplier<S> statsFactory,
			SampleHealthMeters health, Clock clock) {
		if (engines.isEmpty()) {
			throw new IllegalArgumentException("at least one engine is required");
		}
		this.name = name;
		this.engineIndexes = engines.stream().mapToInt(Integer::intValue).toArray();
		List<EngineInterval<S>> intervals = new ArrayList<>();
		for (int engine : this.engineIndexes) {
			intervals.add(new EngineInterval<>(engine, statsFactory.get(), clock));
		}
		this.engines = List.copyOf(intervals);
		this.health = health;
	}

	@Override
	public final String name() {
		return this.name;
	}

	@Override
	public final List<EngineInterval<S>> engines() {
		return this.engines;
	}

	/**
	 * Return the position of an engine in the configured list.
	 * @param engine the engine index
	 * @return its position, or {@code -1} when it is not configured
	 */
	protected final int position(int engine) {
		int[] indexes = this.engineIndexes;
		for (int i = 0; i < indexes.length; i++) {
			if (indexes[i] == engine) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Return the current stats of the engine at a position.
	 * @param position the engine position
	 * @return its current stats
	 */
	protected final S current(int position) {
		return this.engines.get(position).current();
	}

	/**
	 * Account for the outcome of recording a sample: count a drop or a rejection, and
	 * warn about the first rejection of each reason in an interval.
	 * @param position the engine position
	 * @param outcome the outcome
	 * @return whether the sample belongs in the meters (recorded or dropped)
	 */
	protected final boolean accept(int position, RecordOutcome outcome) {
		if (outcome == RecordOutcome.RECORDED) {
			return true;
		}
		if (outcome == RecordOutcome.DROPPED) {
			this.health.dropped(position, 1);
			return true;
		}
		reject(outcome, null);
		return false;
	}

	/**
	 * Count and, once per interval and reason, warn about a sample rejected as invalid.
	 * @param outcome the rejection
	 * @param detail what was wrong, or {@code null}
	 */
	protected final void reject(RecordOutcome outcome, @Nullable String detail) {
		this.health.rejected(outcome);
		int bit = 1 << outcome.ordinal();
		int warned = this.warnedReasons.get();
		while ((warned & bit) == 0) {
			if (this.warnedReasons.compareAndSet(warned, warned | bit)) {
				logger.warn("Dropped an invalid " + this.name + " sample (" + outcome.reason() + ")"
						+ ((detail != null) ? ": " + detail : "")
						+ "; further ones for this reason are only counted in kvconnector_rejected_samples_total"
						+ " until the next interval");
				return;
			}
			warned = this.warnedReasons.get();
		}
	}

	@Override
	public final void rejectPayload() {
		this.health.rejectedPayload();
	}

	@Override
	public final void ingest(@Nullable Integer engine, Map<String, ?> data) {
		int position = (engine != null) ? position(engine) : 0;
		if (position < 0) {
			this.health.rejectedPayload();
			throw new InvalidStatsDataException("engine",
					"engine " + engine + " is not configured (kvconnector.engines)");
		}
		S incoming;
		try {
			incoming = parse(data);
		}
		catch (InvalidStatsDataException ex) {
			this.health.rejectedPayload();
			throw ex.withPrefix("data");
		}
		this.health.dropped(position, current(position).merge(incoming));
		observe(position, incoming);
	}

	/**
	 * Build stats from vLLM's wire format, validating all of it.
	 * @param data the decoded {@code data} dict
	 * @return the stats
	 * @throws InvalidStatsDataException naming the offending path within the data
	 */
	protected abstract S parse(Map<String, ?> data);

	/**
	 * Update the meters of an engine with ingested stats, as vLLM's {@code observe}.
	 * @param position the engine position
	 * @param stats the ingested stats
	 */
	protected abstract void observe(int position, S stats);

	@Override
	public void intervalsRotated() {
		this.warnedReasons.set(0);
	}

}
