package io.kvconnector.stats.mooncake.metrics;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.metrics.PinnedDistributionMeterFilter;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.metrics.SecondsBuckets;

/**
 * Binds vLLM's Mooncake store meters ({@code vllm:mooncake_store_*}) with vLLM's names,
 * HELP texts, buckets and labels, plus the connector's health counters. The configured
 * operations are registered at zero with statuses {@code ok} and {@code error} for every
 * engine; operation and status values beyond their caps are recorded as {@code other}.
 *
 * @author kvconnector-stats
 */
public final class MooncakeMetrics implements MeterBinder {

	/**
	 * Connector name, the {@code connector} tag of the health counters.
	 */
	public static final String CONNECTOR = "mooncake";

	/**
	 * Label value of operations and statuses beyond their caps.
	 */
	public static final String OTHER = CappedLabels.OTHER;

	static final SecondsBuckets OPERATION_TIME_BUCKETS = SecondsBuckets.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4,
			0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0);

	private static final String STATUS_OK = "ok";

	private static final String STATUS_ERROR = "error";

	private static final List<String> STATUSES = List.of(STATUS_OK, STATUS_ERROR);

	private final List<Integer> engines;

	private final String modelName;

	private final List<String> operations;

	private final CappedLabels operationLabels;

	private final CappedLabels statusLabels;

	private final SampleHealthMeters health;

	private volatile Binding[] bindings = new Binding[0];

	/**
	 * Create the binder.
	 * @param engines the configured engine indexes, in order
	 * @param modelName the {@code model_name} label value
	 * @param operations the operations registered at start-up
	 * @param maxOperations the most distinct {@code operation} label values
	 * @param maxStatuses the most distinct {@code status} label values
	 */
	public MooncakeMetrics(List<Integer> engines, String modelName, List<String> operations, int maxOperations,
			int maxStatuses) {
		this.engines = List.copyOf(engines);
		this.modelName = modelName;
		this.operations = List.copyOf(operations);
		this.operationLabels = new CappedLabels(maxOperations, this.operations);
		this.statusLabels = new CappedLabels(maxStatuses, STATUSES);
		this.health = new SampleHealthMeters(CONNECTOR, this.engines,
				EnumSet.of(RecordOutcome.INVALID_DURATION, RecordOutcome.NEGATIVE_COUNT,
						RecordOutcome.INVALID_OPERATION, RecordOutcome.INVALID_STATUS, RecordOutcome.UNKNOWN_ENGINE));
	}

	/**
	 * Create the filter that keeps vLLM's buckets, and no client-side percentiles, on the
	 * operation-time histogram whatever the filters before it configure.
	 * @return the filter
	 */
	public static PinnedDistributionMeterFilter pinnedDistributionFilter() {
		return new PinnedDistributionMeterFilter(Map.of("vllm:mooncake_store_operation_time",
				PinnedDistributionMeterFilter.timerBuckets(OPERATION_TIME_BUCKETS)));
	}

	/**
	 * Return the connector's health counters, bound with these meters.
	 * @return the health counters
	 */
	public SampleHealthMeters health() {
		return this.health;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		Binding binding = new Binding(registry, this.engines, this.modelName);
		for (int position = 0; position < this.engines.size(); position++) {
			for (String operation : this.operations) {
				for (String status : STATUSES) {
					binding.meters(position, operation, status);
				}
			}
		}
		this.health.bindTo(registry);
		Binding[] updated = Arrays.copyOf(this.bindings, this.bindings.length + 1);
		updated[this.bindings.length] = binding;
		this.bindings = updated;
	}

	/**
	 * Observe one operation, as vLLM's {@code observe} does for a record.
	 * @param enginePosition the position of the engine in the configured list
	 * @param operation the operation name
	 * @param status the status
	 * @param durationSeconds the duration in seconds
	 * @param numKeys the keys touched
	 * @param numBytes the bytes moved
	 * @param numFailedKeys the keys that failed
	 */
	public void record(int enginePosition, String operation, String status, double durationSeconds, long numKeys,
			long numBytes, long numFailedKeys) {
		Binding[] current = this.bindings;
		if (current.length == 0) {
			return;
		}
		long nanos = OPERATION_TIME_BUCKETS.toNanos(durationSeconds);
		for (Binding binding : current) {
			OperationMeters meters = binding.existing(enginePosition, operation, status);
			if (meters == null) {
				meters = binding.meters(enginePosition, this.operationLabels.label(operation),
						this.statusLabels.label(status));
			}
			meters.record(nanos, numKeys, numBytes, numFailedKeys);
		}
	}

	private static final class Binding {

		private final MeterRegistry registry;

		private final Tags[] engineTags;

		private final List<Map<String, Map<String, OperationMeters>>> created;

		/**
		 * Copies of {@link #created} per engine, read on every sample and never changed
		 * once published; rebuilt after meters are added.
		 */
		private volatile List<Map<String, ByStatus>> lookup;

		Binding(MeterRegistry registry, List<Integer> engines, String modelName) {
			this.registry = registry;
			this.engineTags = new Tags[engines.size()];
			for (int i = 0; i < this.engineTags.length; i++) {
				this.engineTags[i] = Tags.of("model_name", modelName, "engine", String.valueOf(engines.get(i)));
			}
			this.created = engines.stream()
				.<Map<String, Map<String, OperationMeters>>>map((engine) -> new HashMap<>())
				.toList();
			this.lookup = engines.stream().<Map<String, ByStatus>>map((engine) -> new HashMap<>()).toList();
		}

		/**
		 * Return the meters of label values already in use: an admitted value is its own
		 * label, so the raw values find them without capping.
		 */
		@Nullable OperationMeters existing(int position, String operation, String status) {
			ByStatus byStatus = this.lookup.get(position).get(operation);
			return (byStatus != null) ? byStatus.get(status) : null;
		}

		synchronized OperationMeters meters(int position, String operation, String status) {
			Map<String, OperationMeters> byStatus = this.created.get(position)
				.computeIfAbsent(operation, (key) -> new HashMap<>());
			OperationMeters meters = byStatus.get(status);
			if (meters == null) {
				meters = OperationMeters.register(this.registry,
						this.engineTags[position].and("operation", operation, "status", status));
				byStatus.put(status, meters);
				this.lookup = this.created.stream().map(Binding::lookupCopy).toList();
			}
			return meters;
		}

		// a HashMap finds a key with a mask where Map.copyOf's tables divide
		private static Map<String, ByStatus> lookupCopy(Map<String, Map<String, OperationMeters>> byOperation) {
			Map<String, ByStatus> copy = new HashMap<>();
			byOperation.forEach((operation, byStatus) -> copy.put(operation, new ByStatus(byStatus)));
			return copy;
		}

	}

	/**
	 * The meters of one operation on one engine by status, with vLLM's two statuses at
	 * hand.
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

	/**
	 * The meters of one operation and status.
	 */
	private static final class OperationMeters {

		private final Timer time;

		private final Counter calls;

		private final Counter keys;

		private final Counter bytes;

		private final Counter failedKeys;

		private OperationMeters(Timer time, Counter calls, Counter keys, Counter bytes, Counter failedKeys) {
			this.time = time;
			this.calls = calls;
			this.keys = keys;
			this.bytes = bytes;
			this.failedKeys = failedKeys;
		}

		static OperationMeters register(MeterRegistry registry, Tags tags) {
			Timer time = Timer.builder("vllm:mooncake_store_operation_time")
				.description("Histogram of Mooncake store communication time.")
				.tags(tags)
				.publishPercentileHistogram(false)
				.serviceLevelObjectives(OPERATION_TIME_BUCKETS.serviceLevelObjectives())
				.register(registry);
			Counter calls = Counter.builder("vllm:mooncake_store_operation")
				.description("Number of Mooncake store communication operations.")
				.tags(tags)
				.register(registry);
			Counter keys = Counter.builder("vllm:mooncake_store_operation_keys")
				.description("Number of Mooncake store keys touched by operations.")
				.tags(tags)
				.register(registry);
			Counter bytes = Counter.builder("vllm:mooncake_store_operation_bytes")
				.description("Number of bytes transferred by Mooncake store operations.")
				.tags(tags)
				.register(registry);
			Counter failedKeys = Counter.builder("vllm:mooncake_store_operation_failed_keys")
				.description("Number of Mooncake store keys that failed in operations.")
				.tags(tags)
				.register(registry);
			return new OperationMeters(time, calls, keys, bytes, failedKeys);
		}

		void record(long nanos, long numKeys, long numBytes, long numFailedKeys) {
			this.time.record(nanos, TimeUnit.NANOSECONDS);
			this.calls.increment();
			this.keys.increment(numKeys);
			this.bytes.increment(numBytes);
			this.failedKeys.increment(numFailedKeys);
		}

	}

}
