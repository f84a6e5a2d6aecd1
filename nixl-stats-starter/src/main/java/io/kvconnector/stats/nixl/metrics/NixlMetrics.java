package io.kvconnector.stats.nixl.metrics;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.metrics.PinnedDistributionMeterFilter;
import io.kvconnector.stats.metrics.SampleHealthMeters;
import io.kvconnector.stats.metrics.SecondsBuckets;

/**
 * Binds vLLM's NIXL meters ({@code vllm:nixl_*}) for every configured engine, at zero
 * from the start, with vLLM's names, HELP texts, buckets and labels, plus the connector's
 * health counters.
 *
 * @author kvconnector-stats
 */
public final class NixlMetrics implements MeterBinder {

	/**
	 * Connector name, the {@code connector} tag of the health counters.
	 */
	public static final String CONNECTOR = "nixl";

	/**
	 * Position of the failed-transfer counter for {@link #failures}.
	 */
	public static final int FAILED_TRANSFERS = 0;

	/**
	 * Position of the failed-notification counter for {@link #failures}.
	 */
	public static final int FAILED_NOTIFICATIONS = 1;

	/**
	 * Position of the expired-request counter for {@link #failures}.
	 */
	public static final int KV_EXPIRED_REQS = 2;

	static final SecondsBuckets TRANSFER_TIME_BUCKETS = SecondsBuckets.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2,
			0.3, 0.5, 0.75, 1.0, 5.0);

	static final SecondsBuckets POST_TIME_BUCKETS = SecondsBuckets.of(0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2,
			0.3, 0.5, 0.75, 1.0, 5.0);

	private static final double[] BYTES_BUCKETS = { 1L << 11, 1L << 13, 1L << 15, 1L << 17, 1L << 19, 1L << 21,
			1L << 23, 1L << 25, 1L << 27, 1L << 29, 1L << 31, 1L << 33 };

	private static final double[] DESCRIPTOR_BUCKETS = { 10, 20, 30, 50, 75, 100, 200, 400, 1000, 2000, 4000, 10000,
			20000, 50000 };

	private final List<Integer> engines;

	private final String modelName;

	private final SampleHealthMeters health;

	private volatile EngineMeters[][] bound = new EngineMeters[0][];

	/**
	 * Create the binder.
	 * @param engines the configured engine indexes, in order
	 * @param modelName the {@code model_name} label value
	 */
	public NixlMetrics(List<Integer> engines, String modelName) {
		this.engines = List.copyOf(engines);
		this.modelName = modelName;
		this.health = new SampleHealthMeters(CONNECTOR, this.engines, EnumSet.of(RecordOutcome.INVALID_DURATION,
				RecordOutcome.NEGATIVE_COUNT, RecordOutcome.DESCRIPTORS_OUT_OF_RANGE, RecordOutcome.UNKNOWN_ENGINE));
	}

	/**
	 * Create the filter that keeps vLLM's buckets, and no client-side percentiles, on
	 * these histograms whatever the filters before it configure.
	 * @return the filter
	 */
	public static PinnedDistributionMeterFilter pinnedDistributionFilter() {
		return new PinnedDistributionMeterFilter(
				Map.of("vllm:nixl_xfer_time", PinnedDistributionMeterFilter.timerBuckets(TRANSFER_TIME_BUCKETS),
						"vllm:nixl_post_time", PinnedDistributionMeterFilter.timerBuckets(POST_TIME_BUCKETS),
						"vllm:nixl_bytes_transferred", PinnedDistributionMeterFilter.summaryBuckets(BYTES_BUCKETS),
						"vllm:nixl_num_descriptors", PinnedDistributionMeterFilter.summaryBuckets(DESCRIPTOR_BUCKETS)));
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
		EngineMeters[] meters = new EngineMeters[this.engines.size()];
		for (int i = 0; i < meters.length; i++) {
			meters[i] = new EngineMeters(registry,
					Tags.of("model_name", this.modelName, "engine", String.valueOf(this.engines.get(i))));
		}
		this.health.bindTo(registry);
		EngineMeters[][] updated = Arrays.copyOf(this.bound, this.bound.length + 1);
		updated[this.bound.length] = meters;
		this.bound = updated;
	}

	/**
	 * Observe one successful transfer.
	 * @param enginePosition the position of the engine in the configured list
	 * @param transferSeconds the transfer duration in seconds
	 * @param postSeconds the post duration in seconds
	 * @param bytes the bytes transferred
	 * @param descriptors the descriptor count
	 */
	public void recordTransfer(int enginePosition, double transferSeconds, double postSeconds, long bytes,
			long descriptors) {
		for (EngineMeters[] meters : this.bound) {
			meters[enginePosition].recordTransfer(transferSeconds, postSeconds, bytes, descriptors);
		}
	}

	/**
	 * Add a failure-list value to its counter, as vLLM's {@code inc(value)}.
	 * @param enginePosition the position of the engine in the configured list
	 * @param counter {@link #FAILED_TRANSFERS}, {@link #FAILED_NOTIFICATIONS} or
	 * {@link #KV_EXPIRED_REQS}
	 * @param amount the value to add
	 */
	public void failures(int enginePosition, int counter, long amount) {
		for (EngineMeters[] meters : this.bound) {
			meters[enginePosition].failures[counter].increment(amount);
		}
	}

	private static final class EngineMeters {

		private final Timer transferTime;

		private final Timer postTime;

		private final DistributionSummary bytes;

		private final DistributionSummary descriptors;

		private final Counter[] failures;

		EngineMeters(MeterRegistry registry, Tags tags) {
			this.transferTime = Timer.builder("vllm:nixl_xfer_time")
				.description("Histogram of transfer duration for NIXL KV Cache transfers.")
				.tags(tags)
				.publishPercentileHistogram(false)
				.serviceLevelObjectives(TRANSFER_TIME_BUCKETS.serviceLevelObjectives())
				.register(registry);
			this.postTime = Timer.builder("vllm:nixl_post_time")
				.description("Histogram of transfer post time for NIXL KV Cache transfers.")
				.tags(tags)
				.publishPercentileHistogram(false)
				.serviceLevelObjectives(POST_TIME_BUCKETS.serviceLevelObjectives())
				.register(registry);
			this.bytes = DistributionSummary.builder("vllm:nixl_bytes_transferred")
				.description("Histogram of bytes transferred per NIXL KV Cache transfers.")
				.tags(tags)
				.publishPercentileHistogram(false)
				.serviceLevelObjectives(BYTES_BUCKETS)
				.register(registry);
			this.descriptors = DistributionSummary.builder("vllm:nixl_num_descriptors")
				.description("Histogram of number of descriptors per NIXL  KV Cache transfers.")
				.tags(tags)
				.publishPercentileHistogram(false)
				.serviceLevelObjectives(DESCRIPTOR_BUCKETS)
				.register(registry);
			this.failures = new Counter[] {
					Counter.builder("vllm:nixl_num_failed_transfers")
						.description("Number of failed NIXL KV Cache transfers.")
						.tags(tags)
						.register(registry),
					Counter.builder("vllm:nixl_num_failed_notifications")
						.description("Number of failed NIXL KV Cache notifications.")
						.tags(tags)
						.register(registry),
					Counter.builder("vllm:nixl_num_kv_expired_reqs")
						.description("Number of requests that had their KV expire. "
								+ "NOTE: This metric is tracked on the P instance.")
						.tags(tags)
						.register(registry) };
		}

		void recordTransfer(double transferSeconds, double postSeconds, long bytes, long descriptors) {
			this.transferTime.record(TRANSFER_TIME_BUCKETS.toNanos(transferSeconds), TimeUnit.NANOSECONDS);
			this.postTime.record(POST_TIME_BUCKETS.toNanos(postSeconds), TimeUnit.NANOSECONDS);
			this.bytes.record(bytes);
			this.descriptors.record(descriptors);
		}

	}

}
