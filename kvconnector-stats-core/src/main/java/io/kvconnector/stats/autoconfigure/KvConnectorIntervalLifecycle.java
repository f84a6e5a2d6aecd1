package io.kvconnector.stats.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.kvconnector.stats.recording.IntervalLogger;
import io.kvconnector.stats.recording.KvConnector;

/**
 * Rotates every connector's intervals and logs vLLM's line every
 * {@code kvconnector.log-interval}, on a thread of its own that starts and stops with the
 * application context.
 *
 * @author kvconnector-stats
 */
public final class KvConnectorIntervalLifecycle implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(KvConnectorIntervalLifecycle.class);

	private final List<? extends KvConnector<?>> connectors;

	private final Duration interval;

	private final IntervalLogger intervalLogger;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create the lifecycle.
	 * @param connectors the connectors to rotate
	 * @param interval the rotation period
	 * @param intervalLogger rotates and logs
	 */
	public KvConnectorIntervalLifecycle(List<? extends KvConnector<?>> connectors, Duration interval,
			IntervalLogger intervalLogger) {
		this.connectors = List.copyOf(connectors);
		this.interval = interval;
		this.intervalLogger = intervalLogger;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "kvconnector-intervals");
			thread.setDaemon(true);
			return thread;
		});
		long nanos = this.interval.toNanos();
		executor.scheduleAtFixedRate(this::rotate, nanos, nanos, TimeUnit.NANOSECONDS);
		this.executor = executor;
	}

	private void rotate() {
		try {
			this.intervalLogger.rotate(this.connectors);
		}
		catch (RuntimeException ex) {
			logger.error("KV-connector interval rotation failed", ex);
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.executor;
		if (executor == null) {
			return;
		}
		this.executor = null;
		executor.shutdownNow();
		try {
			if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
				logger.warn("KV-connector interval rotation did not stop within 10 seconds");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
