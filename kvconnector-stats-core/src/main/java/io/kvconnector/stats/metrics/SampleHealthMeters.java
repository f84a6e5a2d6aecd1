package io.kvconnector.stats.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;

/**
 * The health counters of one connector: samples rejected as invalid
 * ({@code kvconnector_rejected_samples_total{connector,reason}}) and, per engine, samples
 * dropped by the capacity bound
 * ({@code kvconnector_dropped_samples_total{connector,engine}}). Bound by the connector's
 * meter binder; counts nothing until then.
 *
 * @author kvconnector-stats
 */
public final class SampleHealthMeters extends EngineMeterBinder<Counter> {

	/**
	 * Name of the rejected-samples counter.
	 */
	public static final String REJECTED = "kvconnector.rejected.samples";

	/**
	 * Name of the dropped-samples counter.
	 */
	public static final String DROPPED = "kvconnector.dropped.samples";

	/**
	 * Reason tag of a rejected ingest payload.
	 */
	public static final String INVALID_PAYLOAD = "invalid_payload";

	/**
	 * Reason tag of an ingest payload refused because too many bytes were being ingested
	 * at once.
	 */
	public static final String OVERLOADED_PAYLOAD = "overloaded_payload";

	private static final int PAYLOAD_INDEX = RecordOutcome.values().length;

	private static final int OVERLOADED_INDEX = PAYLOAD_INDEX + 1;

	private final String connector;

	private final List<RecordOutcome> reasons;

	private volatile Counter[][] rejected = new Counter[0][];

	/**
	 * Create the counters of a connector.
	 * @param connector the {@code connector} tag value, such as {@code nixl}
	 * @param rejections the rejections its samples can meet, each registered at zero with
	 * {@value #INVALID_PAYLOAD} and {@value #OVERLOADED_PAYLOAD}
	 */
	public SampleHealthMeters(String connector, Set<RecordOutcome> rejections) {
		super(Counter[]::new);
		this.connector = connector;
		List<RecordOutcome> reasons = new ArrayList<>();
		for (RecordOutcome outcome : RecordOutcome.values()) {
			if (outcome.isRejected() && rejections.contains(outcome)) {
				reasons.add(outcome);
			}
		}
		this.reasons = List.copyOf(reasons);
	}

	@Override
	protected Counter register(MeterRegistry registry, int engine) {
		return Counter.builder(DROPPED)
			.description("Samples kept by the meters but not for reduce() because the interval was full.")
			.tag("connector", this.connector)
			.tag("engine", String.valueOf(engine))
			.register(registry);
	}

	@Override
	protected synchronized void bindConnectorMeters(MeterRegistry registry) {
		Counter[] counters = new Counter[OVERLOADED_INDEX + 1];
		for (RecordOutcome reason : this.reasons) {
			counters[reason.ordinal()] = rejectedCounter(registry, Objects.requireNonNull(reason.reason()));
		}
		counters[PAYLOAD_INDEX] = rejectedCounter(registry, INVALID_PAYLOAD);
		counters[OVERLOADED_INDEX] = rejectedCounter(registry, OVERLOADED_PAYLOAD);
		Counter[][] updated = Arrays.copyOf(this.rejected, this.rejected.length + 1);
		updated[this.rejected.length] = counters;
		this.rejected = updated;
	}

	private Counter rejectedCounter(MeterRegistry registry, String reason) {
		return Counter.builder(REJECTED)
			.description("Samples rejected as invalid input, by reason.")
			.tag("connector", this.connector)
			.tag("reason", reason)
			.register(registry);
	}

	/**
	 * Count one sample rejected for a reason; reasons the connector did not declare are
	 * not counted.
	 * @param outcome the rejection
	 */
	public void rejected(RecordOutcome outcome) {
		increment(outcome.ordinal());
	}

	/**
	 * Count one rejected ingest payload.
	 */
	public void rejectedPayload() {
		increment(PAYLOAD_INDEX);
	}

	/**
	 * Count one ingest payload refused for overload.
	 */
	public void overloadedPayload() {
		increment(OVERLOADED_INDEX);
	}

	private void increment(int index) {
		for (Counter[] counters : this.rejected) {
			Counter counter = counters[index];
			if (counter != null) {
				counter.increment();
			}
		}
	}

	/**
	 * Return what counts the samples that an engine's bounded stats drop.
	 * @param engine the engine index
	 * @return the listener to give the engine's stats
	 */
	public SampleDropListener droppedBy(int engine) {
		EngineMeters<Counter> counters = engine(engine);
		return (count) -> {
			for (Counter counter : counters.bound()) {
				counter.increment(count);
			}
		};
	}

}
