package io.kvconnector.stats.mooncake.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The Mooncake store meters of one engine, operation and status in one registry, one per
 * field of vLLM's record.
 *
 * @author kvconnector-stats
 */
public final class OperationMeters {

	private final Timer time;

	private final Counter operations;

	private final Counter keys;

	private final Counter bytes;

	private final Counter failedKeys;

	private OperationMeters(Timer time, Counter operations, Counter keys, Counter bytes, Counter failedKeys) {
		this.time = time;
		this.operations = operations;
		this.keys = keys;
		this.bytes = bytes;
		this.failedKeys = failedKeys;
	}

	static OperationMeters register(MeterRegistry registry, Tags tags) {
		Timer time = Timer.builder(MooncakeMetrics.OPERATION_TIME)
			.description("Histogram of Mooncake store communication time.")
			.tags(tags)
			.publishPercentileHistogram(false)
			.serviceLevelObjectives(MooncakeMetrics.OPERATION_TIME_BUCKETS.serviceLevelObjectives())
			.register(registry);
		Counter operations = Counter.builder("vllm:mooncake_store_operation")
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
		return new OperationMeters(time, operations, keys, bytes, failedKeys);
	}

	/**
	 * Return the operation-time histogram, {@code vllm:mooncake_store_operation_time};
	 * record {@link MooncakeMetrics#timerNanos(double)} in nanoseconds.
	 * @return the timer
	 */
	public Timer time() {
		return this.time;
	}

	/**
	 * Return the operation counter, {@code vllm:mooncake_store_operation}.
	 * @return the counter
	 */
	public Counter operations() {
		return this.operations;
	}

	/**
	 * Return the key counter, {@code vllm:mooncake_store_operation_keys}.
	 * @return the counter
	 */
	public Counter keys() {
		return this.keys;
	}

	/**
	 * Return the byte counter, {@code vllm:mooncake_store_operation_bytes}.
	 * @return the counter
	 */
	public Counter bytes() {
		return this.bytes;
	}

	/**
	 * Return the failed-key counter, {@code vllm:mooncake_store_operation_failed_keys}.
	 * @return the counter
	 */
	public Counter failedKeys() {
		return this.failedKeys;
	}

}
