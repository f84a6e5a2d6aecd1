package io.kvconnector.stats.nixl;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;
import io.kvconnector.stats.recording.KvConnectorRecorder;

/**
 * Records NIXL transfers and failures into each engine's current interval and into vLLM's
 * meters; the bean that application code calls. Never throws on the recording path:
 * invalid samples are dropped, counted and warned about.
 *
 * @author kvconnector-stats
 */
public class NixlStatsRecorder extends KvConnectorRecorder<NixlKvConnectorStats> {

	private final NixlMetrics metrics;

	/**
	 * Create a recorder.
	 * @param engines the configured engine indexes, at least one, in order
	 * @param maxSamplesPerInterval transfers kept per engine and interval
	 * @param metrics the meters to update
	 * @param clock the clock that dates intervals
	 */
	public NixlStatsRecorder(List<Integer> engines, int maxSamplesPerInterval, NixlMetrics metrics, Clock clock) {
		super(NixlMetrics.CONNECTOR, engines, () -> new NixlKvConnectorStats(maxSamplesPerInterval), metrics.health(),
				clock);
		this.metrics = metrics;
	}

	/**
	 * Record a successful transfer on the first configured engine.
	 * @param transferMicros the transfer duration in microseconds (NIXL's
	 * {@code xferDuration})
	 * @param postMicros the post duration in microseconds ({@code postDuration})
	 * @param bytes the bytes transferred ({@code totalBytes})
	 * @param descriptors the descriptor count ({@code descCount})
	 */
	public void recordTransfer(long transferMicros, long postMicros, long bytes, long descriptors) {
		record(0, transferMicros, postMicros, bytes, descriptors);
	}

	/**
	 * Record a successful transfer on an engine.
	 * @param engine the engine index
	 * @param transferMicros the transfer duration in microseconds
	 * @param postMicros the post duration in microseconds
	 * @param bytes the bytes transferred
	 * @param descriptors the descriptor count
	 */
	public void recordTransfer(int engine, long transferMicros, long postMicros, long bytes, long descriptors) {
		int position = position(engine);
		if (position < 0) {
			reject(RecordOutcome.UNKNOWN_ENGINE, "engine " + engine);
			return;
		}
		record(position, transferMicros, postMicros, bytes, descriptors);
	}

	private void record(int position, long transferMicros, long postMicros, long bytes, long descriptors) {
		double transferSeconds = transferMicros / 1e6;
		double postSeconds = postMicros / 1e6;
		RecordOutcome outcome = current(position).recordTransferSeconds(transferSeconds, postSeconds, bytes,
				descriptors);
		if (accept(position, outcome)) {
			this.metrics.recordTransfer(position, transferSeconds, postSeconds, bytes, descriptors);
		}
	}

	/**
	 * Record a failed transfer on the first configured engine.
	 */
	public void recordFailedTransfer() {
		recordFailure(0, NixlMetrics.FAILED_TRANSFERS);
	}

	/**
	 * Record a failed transfer on an engine.
	 * @param engine the engine index
	 */
	public void recordFailedTransfer(int engine) {
		recordFailureOnEngine(engine, NixlMetrics.FAILED_TRANSFERS);
	}

	/**
	 * Record a failed notification on the first configured engine.
	 */
	public void recordFailedNotification() {
		recordFailure(0, NixlMetrics.FAILED_NOTIFICATIONS);
	}

	/**
	 * Record a failed notification on an engine.
	 * @param engine the engine index
	 */
	public void recordFailedNotification(int engine) {
		recordFailureOnEngine(engine, NixlMetrics.FAILED_NOTIFICATIONS);
	}

	/**
	 * Record a request whose KV blocks expired, on the first configured engine.
	 */
	public void recordKvExpiredReq() {
		recordFailure(0, NixlMetrics.KV_EXPIRED_REQS);
	}

	/**
	 * Record a request whose KV blocks expired, on an engine.
	 * @param engine the engine index
	 */
	public void recordKvExpiredReq(int engine) {
		recordFailureOnEngine(engine, NixlMetrics.KV_EXPIRED_REQS);
	}

	private void recordFailureOnEngine(int engine, int counter) {
		int position = position(engine);
		if (position < 0) {
			reject(RecordOutcome.UNKNOWN_ENGINE, "engine " + engine);
			return;
		}
		recordFailure(position, counter);
	}

	private void recordFailure(int position, int counter) {
		NixlKvConnectorStats stats = current(position);
		switch (counter) {
			case NixlMetrics.FAILED_TRANSFERS -> stats.recordFailedTransfer();
			case NixlMetrics.FAILED_NOTIFICATIONS -> stats.recordFailedNotification();
			default -> stats.recordKvExpiredReq();
		}
		this.metrics.failures(position, counter, 1);
	}

	@Override
	protected NixlKvConnectorStats parse(Map<String, ?> data) {
		return NixlKvConnectorStats.fromData(data);
	}

	@Override
	protected void observe(int position, NixlKvConnectorStats stats) {
		stats.forEachTransfer((transfer, post, bytes, descriptors) -> this.metrics.recordTransfer(position, transfer,
				post, bytes, descriptors));
		Map<String, Long> totals = stats.failureTotals();
		this.metrics.failures(position, NixlMetrics.FAILED_TRANSFERS,
				totals.get(NixlKvConnectorStats.NUM_FAILED_TRANSFERS));
		this.metrics.failures(position, NixlMetrics.FAILED_NOTIFICATIONS,
				totals.get(NixlKvConnectorStats.NUM_FAILED_NOTIFICATIONS));
		this.metrics.failures(position, NixlMetrics.KV_EXPIRED_REQS,
				totals.get(NixlKvConnectorStats.NUM_KV_EXPIRED_REQS));
	}

	@Override
	public Map<String, Long> failures(NixlKvConnectorStats stats) {
		return stats.failureTotals();
	}

}
