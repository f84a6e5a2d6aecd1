package io.kvconnector.stats.mooncake.metrics;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.metrics.EngineMeterBinder;
import io.kvconnector.stats.metrics.PinnedDistributionMeterFilter;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.metrics.SecondsBuckets;

/**
 * Binds vLLM's Mooncake store meters ({@code vllm:mooncake_store_*}) with vLLM's names,
 * HELP texts, buckets and labels, plus the connector's health counters. The configured
 * operations are registered at zero with statuses {@code ok} and {@code error} for every
 * engine the recorder creates; operation and status values beyond their caps are recorded
 * as {@code other}.
 *
 * @author kvconnector-stats
 */
public final class MooncakeMetrics extends EngineMeterBinder<OperationMeterTable> {

	/**
	 * Connector name, the {@code connector} tag of the health counters.
	 */
	public static final String CONNECTOR = "mooncake";

	/**
	 * Label value of operations and statuses beyond their caps.
	 */
	public static final String OTHER = CappedLabels.OTHER;

	static final String OPERATION_TIME = "vllm:mooncake_store_operation_time";

	static final SecondsBuckets OPERATION_TIME_BUCKETS = SecondsBuckets.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4,
			0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0);

	static final List<String> STATUSES = List.of(OperationMeterTable.STATUS_OK, OperationMeterTable.STATUS_ERROR);

	private final String modelName;

	private final List<String> operations;

	private final CappedLabels operationLabels;

	private final CappedLabels statusLabels;

	private final SampleHealthMeters health;

	/**
	 * Create the binder.
	 * @param modelName the {@code model_name} label value
	 * @param operations the operations registered at zero for every engine
	 * @param maxOperations the most distinct {@code operation} label values
	 * @param maxStatuses the most distinct {@code status} label values
	 */
	public MooncakeMetrics(String modelName, List<String> operations, int maxOperations, int maxStatuses) {
		super(OperationMeterTable[]::new);
		this.modelName = modelName;
		this.operations = List.copyOf(operations);
		this.operationLabels = new CappedLabels(maxOperations, this.operations);
		this.statusLabels = new CappedLabels(maxStatuses, STATUSES);
		this.health = new SampleHealthMeters(CONNECTOR,
				EnumSet.of(RecordOutcome.INVALID_DURATION, RecordOutcome.NEGATIVE_COUNT,
						RecordOutcome.INVALID_OPERATION, RecordOutcome.INVALID_STATUS, RecordOutcome.UNKNOWN_ENGINE));
	}

	/**
	 * Create the filter that keeps vLLM's buckets, and no client-side percentiles, on the
	 * operation-time histogram whatever the filters before it configure.
	 * @return the filter
	 */
	public static PinnedDistributionMeterFilter pinnedDistributionFilter() {
		return new PinnedDistributionMeterFilter(
				Map.of(OPERATION_TIME, PinnedDistributionMeterFilter.timerBuckets(OPERATION_TIME_BUCKETS)));
	}

	/**
	 * Return the connector's health counters, bound with these meters.
	 * @return the health counters
	 */
	public SampleHealthMeters health() {
		return this.health;
	}

	/**
	 * Convert a duration to the nanoseconds that place it in vLLM's operation-time bucket
	 * ({@code value <= bound}).
	 * @param durationSeconds the duration in seconds
	 * @return what to record in {@link OperationMeters#time()}
	 */
	public static long timerNanos(double durationSeconds) {
		return OPERATION_TIME_BUCKETS.toNanos(durationSeconds);
	}

	@Override
	protected OperationMeterTable register(MeterRegistry registry, int engine) {
		OperationMeterTable table = new OperationMeterTable(registry,
				Tags.of("model_name", this.modelName, "engine", String.valueOf(engine)), this.operationLabels,
				this.statusLabels);
		for (String operation : this.operations) {
			for (String status : STATUSES) {
				table.register(operation, status);
			}
		}
		return table;
	}

	@Override
	protected void bindConnectorMeters(MeterRegistry registry) {
		this.health.bindTo(registry);
	}

}
