package io.kvconnector.stats.recording;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;

/**
 * One engine of a connector: owns the engine's interval and, in each connector's
 * subclass, its meters; what a recorder records into.
 *
 * @param <S> the stats type
 * @author kvconnector-stats
 */
public abstract class KvConnectorEngine<S extends KvConnectorStats<S>> {

	private final EngineInterval<S> interval;

	private final SampleRejections rejections;

	/**
	 * Create an engine.
	 * @param interval the engine's interval
	 * @param rejections where the connector counts invalid samples
	 */
	protected KvConnectorEngine(EngineInterval<S> interval, SampleRejections rejections) {
		this.interval = interval;
		this.rejections = rejections;
	}

	/**
	 * Return the engine index, the {@code engine} label value.
	 * @return the engine index
	 */
	public final int engine() {
		return this.interval.engine();
	}

	/**
	 * Return the engine's interval.
	 * @return the interval
	 */
	public final EngineInterval<S> interval() {
		return this.interval;
	}

	/**
	 * Return the stats collecting the current interval.
	 * @return the current stats
	 */
	protected final S current() {
		return this.interval.current();
	}

	/**
	 * Account for the outcome of recording a sample: a rejection is counted and warned
	 * about; a kept or dropped sample belongs in the meters.
	 * @param outcome the outcome
	 * @return whether the sample belongs in the meters
	 */
	protected final boolean accept(RecordOutcome outcome) {
		if (outcome.isRejected()) {
			this.rejections.reject(outcome, null);
			return false;
		}
		return true;
	}

	/**
	 * Add validated stats to the current interval and the meters, as vLLM's
	 * {@code observe}.
	 * @param incoming the stats to add
	 */
	final void apply(S incoming) {
		add(incoming);
		observe(incoming);
	}

	/**
	 * Add validated stats to the current interval; they were read for this engine and no
	 * other thread holds them, so a connector may append them without a snapshot.
	 * @param incoming the stats to add
	 */
	protected void add(S incoming) {
		current().aggregate(incoming);
	}

	/**
	 * Update the engine's meters with ingested stats.
	 * @param incoming the ingested stats
	 */
	protected abstract void observe(S incoming);

}
