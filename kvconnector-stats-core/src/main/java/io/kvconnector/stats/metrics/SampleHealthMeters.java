package io.kvconnector.stats.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.kvconnector.stats.RecordOutcome;

/**
 * The health counters of one connector: samples rejected as invalid
 * ({@code kvconnector_rejected_samples_total{connector,reason}}) and samples dropped by
 * the capacity bound ({@code kvconnector_dropped_samples_total{connector,engine}}).
 * Registered by the connector's meter binder; a no-op until then.
 *
 * @author kvconnector-stats
 */
public final class SampleHealthMeters {

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

	private final String connector;

	private final List<Integer> engines;

	private final List<String> reasons;

	private volatile Counter[][] rejected = new Counter[0][];

	private volatile Counter[][] dropped = new Counter[0][];

	/**
	 * Create the counters of a connector.
	 * @param connector the {@code connector} tag value, such as {@code nixl}
	 * @param engines the configured engine indexes, in order
	 * @param rejections the rejections its samples can meet, each registered at zero with
	 * {@value #INVALID_PAYLOAD}
	 */
	public SampleHealthMeters(String connector, List<Integer> engines, Set<RecordOutcome> rejections) {
		this.connector = connector;
		this.engines = List.copyOf(engines);
		List<String> reasons = new ArrayList<>();
		for (RecordOutcome outcome : RecordOutcome.values()) {
			if (outcome.isRejected() && rejections.contains(outcome)) {
				reasons.add(outcome.reason());
			}
		}
		reasons.add(INVALID_PAYLOAD);
		this.reasons = List.copyOf(reasons);
	}

	/**
	 * Register every counter at zero with a registry.
	 * @param registry the registry
	 */
	public synchronized void bindTo(MeterRegistry registry) {
		Counter[] rejectedCounters = new Counter[this.reasons.size()];
		for (int i = 0; i < rejectedCounters.length; i++) {
			rejectedCounters[i] = Counter.builder(REJECTED)
				.description("Samples rejected as invalid input, by reason.")
				.tag("connector", this.connector)
				.tag("reason", this.reasons.get(i))
				.register(registry);
		}
		Counter[] droppedCounters = new Counter[this.engines.size()];
		for (int i = 0; i < droppedCounters.length; i++) {
			droppedCounters[i] = Counter.builder(DROPPED)
				.description("Samples kept by the meters but not for reduce() because the interval was full.")
				.tag("connector", this.connector)
				.tag("engine", String.valueOf(this.engines.get(i)))
				.register(registry);
		}
		this.rejected = append(this.rejected, rejectedCounters);
		this.dropped = append(this.dropped, droppedCounters);
	}

	/**
	 * Count one sample rejected for a reason.
	 * @param outcome the rejection
	 */
	public void rejected(RecordOutcome outcome) {
		int index = this.reasons.indexOf(outcome.reason());
		if (index >= 0) {
			increment(this.rejected, index, 1);
		}
	}

	/**
	 * Count one rejected ingest payload.
	 */
	public void rejectedPayload() {
		increment(this.rejected, this.reasons.size() - 1, 1);
	}

	/**
	 * Count samples dropped by the capacity bound.
	 * @param enginePosition the position of the engine in the configured list
	 * @param count how many samples were dropped
	 */
	public void dropped(int enginePosition, long count) {
		if (count > 0) {
			increment(this.dropped, enginePosition, count);
		}
	}

	private static void increment(Counter[][] counters, int index, long amount) {
		for (Counter[] bound : counters) {
			bound[index].increment(amount);
		}
	}

	private static Counter[][] append(Counter[][] existing, Counter[] added) {
		Counter[][] result = Arrays.copyOf(existing, existing.length + 1);
		result[existing.length] = added;
		return result;
	}

}
