package io.kvconnector.stats.recording;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an interval's stats reduce to, taken once: vLLM's {@code reduce()}, whether vLLM
 * would call them empty, the samples dropped by the capacity bound and, for connectors
 * that keep them, the failure totals. Immutable.
 *
 * @param empty whether vLLM's {@code isEmpty()} holds (nothing to log)
 * @param stats vLLM's {@code reduce()}, in vLLM's key order
 * @param droppedSamples samples beyond {@code kvconnector.max-samples-per-interval}
 * @param failures sums of the failure lists by wire-format name, or {@code null} for
 * connectors that have none
 * @author kvconnector-stats
 */
public record IntervalSummary(boolean empty, Map<String, Number> stats, long droppedSamples,
		@Nullable Map<String, Long> failures) {

	/**
	 * Create a summary, copying the maps.
	 * @param empty whether vLLM's {@code isEmpty()} holds
	 * @param stats vLLM's {@code reduce()}
	 * @param droppedSamples samples beyond the capacity bound
	 * @param failures the failure totals, or {@code null}
	 */
	public IntervalSummary {
		stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
		failures = (failures != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(failures)) : null;
	}

}
