package io.kvconnector.stats.nixl.metrics;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import io.kvconnector.stats.metrics.SecondsBuckets;
import io.kvconnector.stats.nixl.NixlFailure;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlSchema;

/**
 * vLLM's NIXL meters of one engine in one registry ({@code vllm:nixl_*}), with vLLM's
 * names, HELP texts and buckets, and the failure counters of a schema, registered at zero
 * when they are created.
 *
 * @author kvconnector-stats
 */
public final class NixlEngineMeters implements NixlKvConnectorStats.TransferAction {

	static final String TRANSFER_TIME = "vllm:nixl_xfer_time";

	static final String POST_TIME = "vllm:nixl_post_time";

	static final String BYTES_TRANSFERRED = "vllm:nixl_bytes_transferred";

	static final String NUM_DESCRIPTORS = "vllm:nixl_num_descriptors";

	static final SecondsBuckets TRANSFER_TIME_BUCKETS = SecondsBuckets.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2,
			0.3, 0.5, 0.75, 1.0, 5.0);

	static final SecondsBuckets POST_TIME_BUCKETS = SecondsBuckets.of(0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2,
			0.3, 0.5, 0.75, 1.0, 5.0);

	static final double[] BYTES_BUCKETS = { 1L << 11, 1L << 13, 1L << 15, 1L << 17, 1L << 19, 1L << 21, 1L << 23,
			1L << 25, 1L << 27, 1L << 29, 1L << 31, 1L << 33 };

	static final double[] DESCRIPTOR_BUCKETS = { 10, 20, 30, 50, 75, 100, 200, 400, 1000, 2000, 4000, 10000, 20000,
			50000 };

	private static final NixlFailure[] FAILURES = NixlFailure.values();

	private final Timer transferTime;

	private final Timer postTime;

	private final DistributionSummary bytes;

	private final DistributionSummary descriptors;

	/**
	 * The counters that a failure of each kind adds to, indexed by
	 * {@link NixlFailure#ordinal()}: none for a kind the schema does not keep.
	 */
	private final Counter[][] failures = new Counter[FAILURES.length][];

	NixlEngineMeters(MeterRegistry registry, Tags tags, NixlSchema schema) {
		this.transferTime = Timer.builder(TRANSFER_TIME)
			.description("Histogram of transfer duration for NIXL KV Cache transfers.")
			.tags(tags)
			.publishPercentileHistogram(false)
			.serviceLevelObjectives(TRANSFER_TIME_BUCKETS.serviceLevelObjectives())
			.register(registry);
		this.postTime = Timer.builder(POST_TIME)
			.description("Histogram of transfer post time for NIXL KV Cache transfers.")
			.tags(tags)
			.publishPercentileHistogram(false)
			.serviceLevelObjectives(POST_TIME_BUCKETS.serviceLevelObjectives())
			.register(registry);
		this.bytes = DistributionSummary.builder(BYTES_TRANSFERRED)
			.description("Histogram of bytes transferred per NIXL KV Cache transfers.")
			.tags(tags)
			.publishPercentileHistogram(false)
			.serviceLevelObjectives(BYTES_BUCKETS)
			.register(registry);
		this.descriptors = DistributionSummary.builder(NUM_DESCRIPTORS)
			.description("Histogram of number of descriptors per NIXL  KV Cache transfers.")
			.tags(tags)
			.publishPercentileHistogram(false)
			.serviceLevelObjectives(DESCRIPTOR_BUCKETS)
			.register(registry);
		Counter[] counters = new Counter[FAILURES.length];
		for (NixlFailure counter : schema.counters()) {
			counters[counter.ordinal()] = Counter.builder(counter.meterName())
				.description(counter.description())
				.tags(tags)
				.register(registry);
		}
		for (NixlFailure failure : FAILURES) {
			NixlFailure stored = schema.storedAs(failure);
			this.failures[failure.ordinal()] = (stored != null) ? schema.countedIn(stored)
				.stream()
				.map((counter) -> counters[counter.ordinal()])
				.toArray(Counter[]::new) : new Counter[0];
		}
	}

	/**
	 * Count one failure in the counters of the schema that count its kind.
	 * @param failure the kind of failure
	 */
	public void recordFailure(NixlFailure failure) {
		for (Counter counter : this.failures[failure.ordinal()]) {
			counter.increment();
		}
	}

	/**
	 * Observe ingested stats, as vLLM's {@code observe}: every transfer, and each failure
	 * list adds the values of its entries to the counters of the schema that count its
	 * kind.
	 * @param incoming the ingested stats
	 */
	public void observe(NixlKvConnectorStats incoming) {
		incoming.forEachTransfer(this);
		observeFailures(incoming);
	}

	/**
	 * Add the failures of ingested stats to the failure counters, as vLLM's
	 * {@code observe} does.
	 * @param incoming the ingested stats
	 */
	public void observeFailures(NixlKvConnectorStats incoming) {
		Map<String, Long> totals = incoming.failureTotals();
		for (NixlFailure failure : incoming.schema().failures()) {
			long total = totals.getOrDefault(failure.wireKey(), 0L);
			for (Counter counter : this.failures[failure.ordinal()]) {
				counter.increment(total);
			}
		}
	}

	/**
	 * Observe one successful transfer, with its durations in seconds as the stats keep
	 * them.
	 * @param transferSeconds the transfer duration in seconds
	 * @param postSeconds the post duration in seconds
	 * @param bytes the bytes transferred
	 * @param descriptors the descriptor count
	 */
	@Override
	public void accept(double transferSeconds, double postSeconds, long bytes, long descriptors) {
		this.transferTime.record(TRANSFER_TIME_BUCKETS.toNanos(transferSeconds), TimeUnit.NANOSECONDS);
		this.postTime.record(POST_TIME_BUCKETS.toNanos(postSeconds), TimeUnit.NANOSECONDS);
		this.bytes.record(bytes);
		this.descriptors.record(descriptors);
	}

}
