package io.kvconnector.stats.recording;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.kvconnector.stats.KvTransferLogLine;

/**
 * Closes the current interval of every engine of every connector and logs vLLM's
 * {@code KV Transfer metrics: ...} line for each closed interval that is not empty.
 *
 * @author kvconnector-stats
 */
public final class IntervalRotator {

	/**
	 * Logger category of vLLM's {@code KV Transfer metrics: ...} lines.
	 */
	public static final String LOG_CATEGORY = "io.kvconnector.stats.kv-transfer-metrics";

	private final List<? extends KvConnector<?>> connectors;

	private final Log logger;

	/**
	 * Create a rotator that logs to {@link #LOG_CATEGORY}.
	 * @param connectors the connectors to rotate, in log order
	 */
	public IntervalRotator(List<? extends KvConnector<?>> connectors) {
		this(connectors, LogFactory.getLog(LOG_CATEGORY));
	}

	IntervalRotator(List<? extends KvConnector<?>> connectors, Log logger) {
		this.connectors = List.copyOf(connectors);
		this.logger = logger;
	}

	/**
	 * Return the connectors this rotator closes the intervals of.
	 * @return the connectors
	 */
	public List<? extends KvConnector<?>> connectors() {
		return this.connectors;
	}

	/**
	 * Close every engine's current interval and log the closed ones that are not empty.
	 */
	public void rotate() {
		for (KvConnector<?> connector : this.connectors) {
			List<? extends KvConnectorEngine<?>> engines = connector.engines();
			for (KvConnectorEngine<?> engine : engines) {
				ClosedInterval closed = engine.interval().rotate();
				IntervalSummary summary = closed.summary();
				if (!summary.empty() && this.logger.isInfoEnabled()) {
					this.logger.info((engines.size() > 1) ? KvTransferLogLine.format(closed.engine(), summary.stats())
							: KvTransferLogLine.format(summary.stats()));
				}
			}
			connector.rejections().intervalRotated();
		}
	}

}
