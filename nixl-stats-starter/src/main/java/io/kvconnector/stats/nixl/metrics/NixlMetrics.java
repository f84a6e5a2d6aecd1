package io.kvconnector.stats.nixl.metrics;

import java.util.EnumSet;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.metrics.EngineMeterBinder;
import io.kvconnector.stats.metrics.PinnedDistributionMeterFilter;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.nixl.NixlSchema;

/**
 * Binds vLLM's NIXL meters ({@code vllm:nixl_*}) of one schema for every engine the
 * recorder creates, at zero from the start, plus the connector's health counters.
 *
 * @author kvconnector-stats
 */
public final class NixlMetrics extends EngineMeterBinder<NixlEngineMeters> {

	/**
	 * Connector name, the {@code connector} tag of the health counters.
	 */
	public static final String CONNECTOR = "nixl";

	private final String modelName;

	private final NixlSchema schema;

	private final SampleHealthMeters health = new SampleHealthMeters(CONNECTOR,
			EnumSet.of(RecordOutcome.INVALID_DURATION, RecordOutcome.NEGATIVE_COUNT,
					RecordOutcome.DESCRIPTORS_OUT_OF_RANGE, RecordOutcome.UNKNOWN_ENGINE));

	/**
	 * Create the binder of schema v1's meters.
	 * @param modelName the {@code model_name} label value
	 */
	public NixlMetrics(String modelName) {
		this(modelName, NixlSchema.V1);
	}

	/**
	 * Create the binder of a schema's meters.
	 * @param modelName the {@code model_name} label value
	 * @param schema the schema, which the recorder of these meters records in
	 */
	public NixlMetrics(String modelName, NixlSchema schema) {
		super(NixlEngineMeters[]::new);
		this.modelName = modelName;
		this.schema = schema;
	}

	/**
	 * Return the schema of these meters and of the recorder that updates them.
	 * @return the schema
	 */
	public NixlSchema schema() {
		return this.schema;
	}

	/**
	 * Create the filter that keeps vLLM's buckets, and no client-side percentiles, on
	 * these histograms whatever the filters before it configure.
	 * @return the filter
	 */
	public static PinnedDistributionMeterFilter pinnedDistributionFilter() {
		return new PinnedDistributionMeterFilter(Map.of(NixlEngineMeters.TRANSFER_TIME,
				PinnedDistributionMeterFilter.timerBuckets(NixlEngineMeters.TRANSFER_TIME_BUCKETS),
				NixlEngineMeters.POST_TIME,
				PinnedDistributionMeterFilter.timerBuckets(NixlEngineMeters.POST_TIME_BUCKETS),
				NixlEngineMeters.BYTES_TRANSFERRED,
				PinnedDistributionMeterFilter.summaryBuckets(NixlEngineMeters.BYTES_BUCKETS),
				NixlEngineMeters.NUM_DESCRIPTORS,
				PinnedDistributionMeterFilter.summaryBuckets(NixlEngineMeters.DESCRIPTOR_BUCKETS)));
	}

	/**
	 * Return the connector's health counters, bound with these meters.
	 * @return the health counters
	 */
	public SampleHealthMeters health() {
		return this.health;
	}

	@Override
	protected NixlEngineMeters register(MeterRegistry registry, int engine) {
		return new NixlEngineMeters(registry, Tags.of("model_name", this.modelName, "engine", String.valueOf(engine)),
				this.schema);
	}

	@Override
	protected void bindConnectorMeters(MeterRegistry registry) {
		this.health.bindTo(registry);
	}

}
