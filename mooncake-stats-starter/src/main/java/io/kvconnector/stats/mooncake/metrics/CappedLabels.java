package io.kvconnector.stats.mooncake.metrics;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values of one label, capped: the first {@code max} distinct values are kept, later
 * ones are reported as {@code other}.
 *
 * @author kvconnector-stats
 */
final class CappedLabels {

	static final String OTHER = "other";

	private final Map<String, String> admitted = new ConcurrentHashMap<>();

	private final int max;

	CappedLabels(int max, Collection<String> initial) {
		this.max = max;
		initial.forEach((value) -> this.admitted.put(value, value));
	}

	String label(String value) {
		String label = this.admitted.get(value);
		return (label != null) ? label : admit(value);
	}

	private synchronized String admit(String value) {
		String label = this.admitted.get(value);
		if (label != null) {
			return label;
		}
		if (this.admitted.size() < this.max) {
			this.admitted.put(value, value);
			return value;
		}
		return OTHER;
	}

}
