package io.kvconnector.stats.recording;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.KvTransferLogLine;

/**
 * Rotates the intervals of connectors and logs vLLM's {@code KV Transfer metrics: ...}
 * line for each closed interval that is not empty.
 *
 * @author kvconnector-stats
 */
public final class IntervalLogger {

	/**
	 * Name of the logger that writes the interval lines.
	 */
	public static final String LOGGER_NAME = "io.kvconnector.stats.KvTransferMetrics";

	private final Log logger;

	/**
	 * Create an interval logger writing to {@link #LOGGER_NAME}.
	 */
	public IntervalLogger() {
		this(LogFactory.getLog(LOGGER_NAME));
	}

	IntervalLogger(Log logger) {
		this.logger = logger;
	}

	/**
	 * Rotate every engine of every connector and log the closed intervals.
	 * @param connectors the connectors
	 */
	public void rotate(List<? extends KvConnector<?>> connectors) {
		for (KvConnector<?> connector : connectors) {
			rotate(connector);
		}
	}

	private <S extends KvConnectorStats<S>> void rotate(KvConnector<S> connector) {
		List<EngineInterval<S>> engines = connector.engines();
		for (EngineInterval<S> engine : engines) {
			ClosedInterval<S> closed = engine.rotate();
			if (this.logger.isInfoEnabled() && !closed.stats().isEmpty()) {
				this.logger
					.info((engines.size() > 1) ? KvTransferLogLine.format(engine.engine(), closed.stats().reduce())
							: KvTransferLogLine.format(closed.stats().reduce()));
			}
		}
		connector.intervalsRotated();
	}

}
