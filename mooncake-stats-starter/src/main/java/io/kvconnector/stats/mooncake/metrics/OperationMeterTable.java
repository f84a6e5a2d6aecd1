package io.kvconnector.stats.mooncake.metrics;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * The Mooncake store meters of one engine in one registry, by operation and status, found
 * without a lock; meters of label values not seen yet are registered on first use,
 * capped.
 *
 * @author kvconnector-stats
 */
public final class OperationMeterTable {

	static final String STATUS_OK = "ok";

	static final String STATUS_ERROR = "error";

	private final MeterRegistry registry;

	private final Tags engineTags;

	private final CappedLabels operationLabels;

	private final CappedLabels statusLabels;

	private final Map<String, Map<String, OperationMeters>> created = new HashMap<>();

	/**
	 * A copy of {@link #created}, read on every sample and never changed once published;
	 * rebuilt after meters are added.
	 */
	private volatile Map<String, ByStatus> lookup = new HashMap<>();

	OperationMeterTable(MeterRegistry registry, Tags engineTags, CappedLabels operationLabels,
			CappedLabels statusLabels) {
		this.registry = registry;
		this.engineTags = engineTags;
		this.operationLabels = operationLabels;
		this.statusLabels = statusLabels;
	}

	/**
	 * Return the meters of an operation and a status, registering them first if needed,
	 * under {@code other} for values beyond the caps.
	 * @param operation the operation name
	 * @param status the status
	 * @return the meters
	 */
	public OperationMeters get(String operation, String status) {
		// an admitted value is its own label, so the raw values find their meters
		// uncapped
		ByStatus byStatus = this.lookup.get(operation);
		OperationMeters meters = (byStatus != null) ? byStatus.get(status) : null;
		return (meters != null) ? meters
				: register(this.operationLabels.label(operation), this.statusLabels.label(status));
	}

	synchronized OperationMeters register(String operation, String status) {
		Map<String, OperationMeters> byStatus = this.created.computeIfAbsent(operation, (key) -> new HashMap<>());
		OperationMeters meters = byStatus.get(status);
		if (meters == null) {
			meters = OperationMeters.register(this.registry,
					this.engineTags.and("operation", operation, "status", status));
			byStatus.put(status, meters);
			this.lookup = lookupCopy(this.created);
		}
		return meters;
	}

	// a HashMap finds a key with a mask where Map.copyOf's tables divide
	private static Map<String, ByStatus> lookupCopy(Map<String, Map<String, OperationMeters>> byOperation) {
		Map<String, ByStatus> copy = new HashMap<>();
		byOperation.forEach((operation, byStatus) -> copy.put(operation, new ByStatus(byStatus)));
		return copy;
	}

	/**
	 * The meters of one operation by status, with vLLM's two statuses at hand.
	 */
	private static final class ByStatus {

		private final @Nullable OperationMeters ok;

		private final @Nullable OperationMeters error;

		private final Map<String, OperationMeters> others;

		ByStatus(Map<String, OperationMeters> byStatus) {
			this.ok = byStatus.get(STATUS_OK);
			this.error = byStatus.get(STATUS_ERROR);
			this.others = new HashMap<>(byStatus);
		}

		@Nullable OperationMeters get(String status) {
			if (STATUS_OK.equals(status)) {
				return this.ok;
			}
			if (STATUS_ERROR.equals(status)) {
				return this.error;
			}
			return this.others.get(status);
		}

	}

}
