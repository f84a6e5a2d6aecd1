package io.kvconnector.stats.nixl;

import java.time.Clock;
import java.util.List;

import io.kvconnector.stats.internal.WireReader;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;
import io.kvconnector.stats.recording.KvConnectorRecorder;
import io.kvconnector.stats.recording.SampleRejections;

/**
 * Records NIXL transfers and failures into each engine's current interval and into vLLM's
 * meters, in the schema of those meters; the bean that application code calls, which
 * never throws on the recording path.
 *
 * @author kvconnector-stats
 */
public class NixlStatsRecorder extends KvConnectorRecorder<NixlKvConnectorStats, NixlEngine> {

	private final NixlSchema schema;

	/**
	 * Create a recorder; invalid samples are dropped, counted and warned about.
	 * @param engines the configured engine indexes, at least one, in order, no duplicates
	 * @param maxSamplesPerInterval transfers kept per engine and interval
	 * @param metrics the meters to update, registered for each of the engines; their
	 * {@link NixlMetrics#schema() schema} is the recorder's
	 * @param clock the clock that dates intervals
	 */
	public NixlStatsRecorder(List<Integer> engines, int maxSamplesPerInterval, NixlMetrics metrics, Clock clock) {
		this(engines, maxSamplesPerInterval, metrics, clock,
				new SampleRejections(NixlMetrics.CONNECTOR, metrics.health()));
	}

	private NixlStatsRecorder(List<Integer> engines, int maxSamplesPerInterval, NixlMetrics metrics, Clock clock,
			SampleRejections rejections) {
		super(NixlMetrics.CONNECTOR, engines, rejections,
				(engine) -> new NixlEngine(engine, maxSamplesPerInterval, metrics, rejections, clock));
		this.schema = metrics.schema();
	}

	/**
	 * Return the schema the recorder records and ingests in.
	 * @return the schema
	 */
	public NixlSchema schema() {
		return this.schema;
	}

	/**
	 * Record a successful transfer on the first configured engine.
	 * @param telemetry the transfer's telemetry
	 */
	public void recordTransfer(NixlXferTelemetry telemetry) {
		// unpacked here, so that the telemetry never escapes and the JIT removes it
		firstEngine().recordTransfer(telemetry.xferDurationSeconds(), telemetry.postDurationSeconds(),
				telemetry.totalBytes(), telemetry.descCount());
	}

	/**
	 * Record a successful transfer on an engine.
	 * @param engine the engine index
	 * @param telemetry the transfer's telemetry
	 */
	public void recordTransfer(int engine, NixlXferTelemetry telemetry) {
		NixlEngine found = engineOrReject(engine);
		if (found != null) {
			found.recordTransfer(telemetry.xferDurationSeconds(), telemetry.postDurationSeconds(),
					telemetry.totalBytes(), telemetry.descCount());
		}
	}

	/**
	 * Record a failure on the first configured engine.
	 * @param failure the kind of failure
	 */
	public void recordFailure(NixlFailure failure) {
		firstEngine().recordFailure(failure);
	}

	/**
	 * Record a failure on an engine.
	 * @param engine the engine index
	 * @param failure the kind of failure
	 */
	public void recordFailure(int engine, NixlFailure failure) {
		NixlEngine found = engineOrReject(engine);
		if (found != null) {
			found.recordFailure(failure);
		}
	}

	/**
	 * Record a failed transfer on the first configured engine.
	 */
	public void recordFailedTransfer() {
		recordFailure(NixlFailure.FAILED_TRANSFERS);
	}

	/**
	 * Record a failed transfer on an engine.
	 * @param engine the engine index
	 */
	public void recordFailedTransfer(int engine) {
		recordFailure(engine, NixlFailure.FAILED_TRANSFERS);
	}

	/**
	 * Record a failed notification on the first configured engine.
	 */
	public void recordFailedNotification() {
		recordFailure(NixlFailure.FAILED_NOTIFICATIONS);
	}

	/**
	 * Record a failed notification on an engine.
	 * @param engine the engine index
	 */
	public void recordFailedNotification(int engine) {
		recordFailure(engine, NixlFailure.FAILED_NOTIFICATIONS);
	}

	/**
	 * Record a failed handshake on the first configured engine; schema v1 records it as a
	 * failed transfer.
	 */
	public void recordFailedHandshake() {
		recordFailure(NixlFailure.FAILED_HANDSHAKES);
	}

	/**
	 * Record a failed handshake on an engine; schema v1 records it as a failed transfer.
	 * @param engine the engine index
	 */
	public void recordFailedHandshake(int engine) {
		recordFailure(engine, NixlFailure.FAILED_HANDSHAKES);
	}

	/**
	 * Record a request whose KV blocks expired, on the first configured engine.
	 */
	public void recordKvExpiredReq() {
		recordFailure(NixlFailure.KV_EXPIRED_REQS);
	}

	/**
	 * Record a request whose KV blocks expired, on an engine.
	 * @param engine the engine index
	 */
	public void recordKvExpiredReq(int engine) {
		recordFailure(engine, NixlFailure.KV_EXPIRED_REQS);
	}

	/**
	 * Record a notification that arrived after its KV blocks expired, on the first
	 * configured engine; schema v1 does not record it.
	 */
	public void recordNotificationAfterExpiry() {
		recordFailure(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY);
	}

	/**
	 * Record a notification that arrived after its KV blocks expired, on an engine;
	 * schema v1 does not record it.
	 * @param engine the engine index
	 */
	public void recordNotificationAfterExpiry(int engine) {
		recordFailure(engine, NixlFailure.NOTIFICATIONS_AFTER_EXPIRY);
	}

	@Override
	public NixlKvConnectorStats readData(WireReader data) {
		return NixlKvConnectorStats.read(data, this.schema);
	}

}
