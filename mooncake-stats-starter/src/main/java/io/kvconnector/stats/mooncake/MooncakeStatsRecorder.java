package io.kvconnector.stats.mooncake;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;
import io.kvconnector.stats.recording.KvConnectorRecorder;

/**
 * Records Mooncake store operations into each engine's current interval and into vLLM's
 * meters; the bean that application code calls. Never throws on the recording path:
 * invalid samples are dropped, counted and warned about.
 *
 * @author kvconnector-stats
 */
public class MooncakeStatsRecorder extends KvConnectorRecorder<MooncakeStoreConnectorStats> {

	private final MooncakeMetrics metrics;

	/**
	 * Create a recorder.
	 * @param engines the configured engine indexes, at least one, in order
	 * @param maxSamplesPerInterval records kept per engine and interval
	 * @param metrics the meters to update
	 * @param clock the clock that dates intervals
	 */
	public MooncakeStatsRecorder(List<Integer> engines, int maxSamplesPerInterval, MooncakeMetrics metrics,
			Clock clock) {
		super(MooncakeMetrics.CONNECTOR, engines, () -> new MooncakeStoreConnectorStats(maxSamplesPerInterval),
				metrics.health(), clock);
		this.metrics = metrics;
	}

	/**
	 * Record a successful operation on the first configured engine, with vLLM's defaults:
	 * no bytes, status {@code ok}, no failed keys.
	 * @param operation the operation name, such as {@code load_get}
	 * @param durationSeconds how long it took
	 * @param numKeys the keys it touched
	 */
	public void recordOperation(String operation, double durationSeconds, long numKeys) {
		record(0, operation, durationSeconds, numKeys, 0, MooncakeStoreConnectorStats.STATUS_OK, 0);
	}

	/**
	 * Record an operation on the first configured engine.
	 * @param operation the operation name, such as {@code load_get}
	 * @param durationSeconds how long it took
	 * @param numKeys the keys it touched
	 * @param numBytes the bytes it moved
	 * @param status its status, {@code ok} or {@code error} in vLLM
	 * @param numFailedKeys the keys that failed
	 */
	public void recordOperation(String operation, double durationSeconds, long numKeys, long numBytes, String status,
			long numFailedKeys) {
		record(0, operation, durationSeconds, numKeys, numBytes, status, numFailedKeys);
	}

	/**
	 * Record an operation on an engine.
	 * @param engine the engine index
	 * @param operation the operation name, such as {@code load_get}
	 * @param durationSeconds how long it took
	 * @param numKeys the keys it touched
	 * @param numBytes the bytes it moved
	 * @param status its status, {@code ok} or {@code error} in vLLM
	 * @param numFailedKeys the keys that failed
	 */
	public void recordOperation(int engine, String operation, double durationSeconds, long numKeys, long numBytes,
			String status, long numFailedKeys) {
		int position = position(engine);
		if (position < 0) {
			reject(RecordOutcome.UNKNOWN_ENGINE, "engine " + engine);
			return;
		}
		record(position, operation, durationSeconds, numKeys, numBytes, status, numFailedKeys);
	}

	/**
	 * Time a store call on the first configured engine and record it: status {@code ok}
	 * when it returns; status {@code error} with every key failed when it throws, and the
	 * exception is rethrown.
	 * @param <T> the call's result type
	 * @param <E> what the call may throw
	 * @param operation the operation name, such as {@code load_get}
	 * @param numKeys the keys the call touches
	 * @param numBytes the bytes it moves
	 * @param call the store call
	 * @return what the call returned
	 * @throws E what the call threw
	 */
	public <T extends @Nullable Object, E extends Throwable> T time(String operation, long numKeys, long numBytes,
			StoreCall<T, E> call) throws E {
		return time(this.engines().get(0).engine(), operation, numKeys, numBytes, call);
	}

	/**
	 * Time a store call on an engine and record it: status {@code ok} when it returns;
	 * status {@code error} with every key failed when it throws, and the exception is
	 * rethrown.
	 * @param <T> the call's result type
	 * @param <E> what the call may throw
	 * @param engine the engine index
	 * @param operation the operation name, such as {@code load_get}
	 * @param numKeys the keys the call touches
	 * @param numBytes the bytes it moves
	 * @param call the store call
	 * @return what the call returned
	 * @throws E what the call threw
	 */
	public <T extends @Nullable Object, E extends Throwable> T time(int engine, String operation, long numKeys,
			long numBytes, StoreCall<T, E> call) throws E {
		long start = System.nanoTime();
		T result;
		try {
			result = call.call();
		}
		catch (Throwable ex) {
			recordOperation(engine, operation, (System.nanoTime() - start) / 1e9, numKeys, numBytes,
					MooncakeStoreConnectorStats.STATUS_ERROR, numKeys);
			throw ex;
		}
		recordOperation(engine, operation, (System.nanoTime() - start) / 1e9, numKeys, numBytes,
				MooncakeStoreConnectorStats.STATUS_OK, 0);
		return result;
	}

	private void record(int position, String operation, double durationSeconds, long numKeys, long numBytes,
			String status, long numFailedKeys) {
		RecordOutcome outcome = current(position).recordOperation(operation, durationSeconds, numKeys, numBytes, status,
				numFailedKeys);
		if (accept(position, outcome)) {
			this.metrics.record(position, operation, status, durationSeconds, numKeys, numBytes, numFailedKeys);
		}
	}

	@Override
	protected MooncakeStoreConnectorStats parse(Map<String, ?> data) {
		return MooncakeStoreConnectorStats.fromData(data);
	}

	@Override
	protected void observe(int position, MooncakeStoreConnectorStats stats) {
		stats.forEachRecord((operation, duration, keys, bytes, status, failedKeys) -> this.metrics.record(position,
				operation, status, duration, keys, bytes, failedKeys));
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
