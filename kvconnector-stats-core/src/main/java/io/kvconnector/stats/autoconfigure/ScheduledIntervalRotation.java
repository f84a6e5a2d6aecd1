package io.kvconnector.stats.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.kvconnector.stats.recording.IntervalRotator;

/**
 * Runs the {@link IntervalRotator} every {@code kvconnector.log-interval} on a thread of
 * its own that starts and stops with the application context, and once more when it
 * stops, so that the samples of the last, partial interval are logged too.
 *
 * @author kvconnector-stats
 */
public final class ScheduledIntervalRotation implements SmartLifecycle {

	/**
	 * Lifecycle phase: stops after the web server, so that requests it still served are
	 * in the last interval.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/**
	 * Name of the rotation thread.
	 */
	public static final String THREAD_NAME = "kvconnector-intervals";

	private static final Log logger = LogFactory.getLog(ScheduledIntervalRotation.class);

	private final IntervalRotator rotator;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create the rotation.
	 * @param rotator rotates and logs
	 * @param interval the rotation period
	 */
	public ScheduledIntervalRotation(IntervalRotator rotator, Duration interval) {
		this.rotator = rotator;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		long nanos = this.interval.toNanos();
		executor.scheduleAtFixedRate(this::rotate, nanos, nanos, TimeUnit.NANOSECONDS);
		this.executor = executor;
	}

	private void rotate() {
		try {
			this.rotator.rotate();
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
		rotate();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
