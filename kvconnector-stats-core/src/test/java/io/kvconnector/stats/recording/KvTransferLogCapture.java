package io.kvconnector.stats.recording;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;

/**
 * Captures the lines written to the {@link IntervalRotator#LOG_CATEGORY} logger by a
 * running application's interval rotation, through a Logback appender.
 *
 * @author kvconnector-stats
 */
public final class KvTransferLogCapture implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(IntervalRotator.LOG_CATEGORY);

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			KvTransferLogCapture.this.events.add(event);
		}

	};

	private KvTransferLogCapture() {
		this.appender.setName("kvTransferLogCapture");
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/**
	 * Start capturing; attach after the application context has started, since Boot
	 * resets Logback when it initializes logging.
	 * @return the capture, to be closed
	 */
	public static KvTransferLogCapture start() {
		return new KvTransferLogCapture();
	}

	/**
	 * Wait, at most 30 seconds, for the next captured line.
	 * @return its message
	 * @throws AssertionError if it was not logged at {@code INFO}
	 */
	public String awaitLine() {
		ILoggingEvent event = Awaitility.await("a KV Transfer metrics line")
			.atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(this.events::poll, Objects::nonNull);
		if (event.getLevel() != Level.INFO) {
			throw new AssertionError("logged at " + event.getLevel() + ": " + event.getFormattedMessage());
		}
		return event.getFormattedMessage();
	}

	/**
	 * Return the lines captured but not yet taken by {@link #awaitLine()}, without
	 * waiting.
	 * @return their messages
	 */
	public List<String> pending() {
		List<ILoggingEvent> drained = new ArrayList<>();
		this.events.drainTo(drained);
		return drained.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
