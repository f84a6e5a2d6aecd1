package io.kvconnector.stats.mooncake;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.internal.WireReader;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;
import io.kvconnector.stats.recording.EngineInterval;
import io.kvconnector.stats.recording.IntervalSummary;
import io.kvconnector.stats.recording.KvConnectorRecorder;
import io.kvconnector.stats.recording.SampleRejections;

/**
 * Records Mooncake store operations into each engine's current interval and into vLLM's
 * meters; the bean that application code calls, which never throws on the recording path.
 *
 * @author kvconnector-stats
 */
public class MooncakeStatsRecorder extends KvConnectorRecorder<MooncakeStoreConnectorStats, MooncakeEngine> {

	/**
	 * Create a recorder.
	 * @param engines the configured engine indexes, at least one, in order
	 * @param maxSamplesPerInterval records kept per engine and interval
	 * @param metrics the meters to update
	 * @param clock the clock that dates intervals
	 */
	public MooncakeStatsRecorder(List<Integer> engines, int maxSamplesPerInterval, MooncakeMetrics metrics,
			Clock clock) {
		this(engines, maxSamplesPerInterval, metrics, clock,
				new SampleRejections(MooncakeMetrics.CONNECTOR, metrics.health()));
	}

	private MooncakeStatsRecorder(List<Integer> engines, int maxSamplesPerInterval, MooncakeMetrics metrics,
			Clock clock, SampleRejections rejections) {
		super(MooncakeMetrics.CONNECTOR, engines, rejections,
				(engine) -> new MooncakeEngine(
						new EngineInterval<>(engine,
								new MooncakeStoreConnectorStats(maxSamplesPerInterval,
										metrics.health().droppedBy(engine)),
								clock, MooncakeStatsRecorder::summarize),
						rejections, metrics.engine(engine)));
	}

	private static IntervalSummary summarize(MooncakeStoreConnectorStats stats) {
		return new IntervalSummary(stats.isEmpty(), stats.reduce(), stats.droppedSamples(), null);
	}

	/**
	 * Record an operation on the first configured engine.
	 * @param operation the operation
	 */
	public void recordOperation(MooncakeOperation operation) {
		// unpacked here, in the method the caller inlines, so that the operation never
		// escapes and the JIT removes it and its builder
		firstEngine().record(operation.operation(), operation.durationSeconds(), operation.keys(), operation.bytes(),
				operation.status(), operation.failedKeys());
	}

	/**
	 * Record an operation on an engine; an operation for an engine that is not configured
	 * is rejected.
	 * @param engine the engine index
	 * @param operation the operation
	 */
	public void recordOperation(int engine, MooncakeOperation operation) {
		MooncakeEngine found = engineOrReject(engine);
		if (found != null) {
			found.record(operation.operation(), operation.durationSeconds(), operation.keys(), operation.bytes(),
					operation.status(), operation.failedKeys());
		}
	}

	/**
	 * Time a store call on the first configured engine and record it: the duration, and
	 * status {@code ok} when it returns; status {@code error} with every key failed when
	 * it throws, and the exception is rethrown.
	 * @param <T> the call's result type
	 * @param <E> what the call may throw
	 * @param operation the operation's name, keys and bytes; left unchanged
	 * @param call the store call
	 * @return what the call returned
	 * @throws E what the call threw
	 */
	public <T extends @Nullable Object, E extends Throwable> T time(MooncakeOperation.Builder operation,
			StoreCall<T, E> call) throws E {
		return time(firstEngine().engine(), operation, call);
	}

	/**
	 * Time a store call on an engine and record it: the duration, and status {@code ok}
	 * when it returns; status {@code error} with every key failed when it throws, and the
	 * exception is rethrown.
	 * @param <T> the call's result type
	 * @param <E> what the call may throw
	 * @param engine the engine index
	 * @param operation the operation's name, keys and bytes; left unchanged
	 * @param call the store call
	 * @return what the call returned
	 * @throws E what the call threw
	 */
	public <T extends @Nullable Object, E extends Throwable> T time(int engine, MooncakeOperation.Builder operation,
			StoreCall<T, E> call) throws E {
		long start = System.nanoTime();
		T result;
		try {
			result = call.call();
		}
		catch (Throwable ex) {
			recordOperation(engine, operation.timed((System.nanoTime() - start) / 1e9, true));
			throw ex;
		}
		recordOperation(engine, operation.timed((System.nanoTime() - start) / 1e9, false));
		return result;
	}

	@Override
	public MooncakeStoreConnectorStats readData(WireReader data) {
		return MooncakeStoreConnectorStats.read(data);
	}

	/**
	 * A store call timed by {@link #time}.
	 *
	 * @param <T> its result type
	 * @param <E> what it may throw
	 */
	@FunctionalInterface
	public interface StoreCall<T extends @Nullable Object, E extends Throwable> {

		/**
		 * Make the call.
		 * @return its result
		 * @throws E when the call fails
		 */
		T call() throws E;

	}

}
