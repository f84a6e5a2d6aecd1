package io.kvconnector.stats.recording;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.metrics.SampleHealthMeters;

/**
 * Counts what one connector refuses as invalid, samples and ingest payloads alike, in
 * {@code kvconnector_rejected_samples_total}, and warns about the first sample of each
 * reason in an interval.
 *
 * @author kvconnector-stats
 */
public final class SampleRejections {

	private static final Log logger = LogFactory.getLog(SampleRejections.class);

	private final String connector;

	private final SampleHealthMeters health;

	private final AtomicInteger warnedReasons = new AtomicInteger();

	/**
	 * Create the rejections of a connector.
	 * @param connector the connector name
	 * @param health the connector's health counters
	 */
	public SampleRejections(String connector, SampleHealthMeters health) {
		this.connector = connector;
		this.health = health;
	}

	/**
	 * Count a sample rejected as invalid and, once per interval and reason, warn.
	 * @param outcome the rejection
	 * @param detail what was wrong, or {@code null}
	 */
	public void reject(RecordOutcome outcome, @Nullable String detail) {
		this.health.rejected(outcome);
		int bit = 1 << outcome.ordinal();
		int warned = this.warnedReasons.get();
		while ((warned & bit) == 0) {
			if (this.warnedReasons.compareAndSet(warned, warned | bit)) {
				logger.warn("Dropped an invalid " + this.connector + " sample (" + outcome.reason() + ")"
						+ ((detail != null) ? ": " + detail : "")
						+ "; further ones for this reason are only counted in kvconnector_rejected_samples_total"
						+ " until the next interval");
				return;
			}
			warned = this.warnedReasons.get();
		}
	}

	/**
	 * Count an ingest request refused as a whole.
	 */
	public void rejectPayload() {
		this.health.rejectedPayload();
	}

	/**
	 * Count an ingest request refused because too many bytes were being ingested at once.
	 */
	public void rejectOverloaded() {
		this.health.overloadedPayload();
	}

	/**
	 * Start a new interval of warnings.
	 */
	void intervalRotated() {
		this.warnedReasons.set(0);
	}

}
