package io.kvconnector.stats.mooncake;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.metrics.EngineMeters;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;
import io.kvconnector.stats.mooncake.metrics.OperationMeterTable;
import io.kvconnector.stats.mooncake.metrics.OperationMeters;
import io.kvconnector.stats.recording.EngineInterval;
import io.kvconnector.stats.recording.KvConnectorEngine;
import io.kvconnector.stats.recording.SampleRejections;

/**
 * One engine of the Mooncake store connector, which records operations into its interval
 * and its meters as vLLM's {@code record_operation} and {@code observe} do; only the
 * {@link MooncakeStatsRecorder} creates and records into one.
 *
 * @author kvconnector-stats
 */
final class MooncakeEngine extends KvConnectorEngine<MooncakeStoreConnectorStats> {

	private final EngineMeters<OperationMeterTable> meters;

	MooncakeEngine(EngineInterval<MooncakeStoreConnectorStats> interval, SampleRejections rejections,
			EngineMeters<OperationMeterTable> meters) {
		super(interval, rejections);
		this.meters = meters;
	}

	/**
	 * Record an operation, given by its fields, into the interval and, unless it is
	 * rejected, the meters.
	 */
	void record(@Nullable String name, double durationSeconds, long keys, long bytes, @Nullable String status,
			long failedKeys) {
		if (accept(current().recordOperation(name, durationSeconds, keys, bytes, status, failedKeys))) {
			// accepted: the name and the status are valid
			observe(Objects.requireNonNull(name), Objects.requireNonNull(status), durationSeconds, keys, bytes,
					failedKeys);
		}
	}

	@Override
	protected void add(MooncakeStoreConnectorStats incoming) {
		current().aggregateUnshared(incoming);
	}

	@Override
	protected void observe(MooncakeStoreConnectorStats incoming) {
		incoming.forEachUnsharedRecord(this::observe);
	}

	private void observe(String operation, String status, double durationSeconds, long keys, long bytes,
			long failedKeys) {
		long nanos = MooncakeMetrics.timerNanos(durationSeconds);
		for (OperationMeterTable table : this.meters.bound()) {
			OperationMeters meters = table.get(operation, status);
			meters.time().record(nanos, TimeUnit.NANOSECONDS);
			meters.operations().increment();
			meters.keys().increment(keys);
			meters.bytes().increment(bytes);
			meters.failedKeys().increment(failedKeys);
		}
	}

}
