package io.kvconnector.stats.recording;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.kvconnector.stats.testconnector.TestConnector;
import io.kvconnector.stats.testconnector.TestMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IntervalRotator}.
 *
 * @author kvconnector-stats
 */
class IntervalRotatorTests {

	@Test
	void rotateLogsVllmsLineForEachNonEmptyClosedInterval() {
		TestConnector connector = connector(List.of(0));
		IntervalRotator rotator = new IntervalRotator(List.of(connector));
		try (KvTransferLogCapture log = KvTransferLogCapture.start()) {
			connector.record(0.25);
			connector.record(0.5);
			rotator.rotate();
			assertThat(log.awaitLine()).isEqualTo("KV Transfer metrics: count=2, total=0.75");
			rotator.rotate();
			assertThat(log.pending()).isEmpty();
		}
		assertThat(connector.engines().get(0).interval().last().summary().empty()).isTrue();
	}

	@Test
	void withSeveralEnginesEachLineNamesItsEngine() {
		TestConnector connector = connector(List.of(2, 0));
		IntervalRotator rotator = new IntervalRotator(List.of(connector));
		try (KvTransferLogCapture log = KvTransferLogCapture.start()) {
			connector.record(0, 1.0);
			connector.record(2, 3.0);
			rotator.rotate();
			assertThat(log.awaitLine()).isEqualTo("Engine 002: KV Transfer metrics: count=1, total=3.0");
			assertThat(log.awaitLine()).isEqualTo("Engine 000: KV Transfer metrics: count=1, total=1.0");
		}
	}

	@Test
	void theLoggerCategorySaysWhatItLogs() {
		assertThat(IntervalRotator.LOG_CATEGORY).isEqualTo("io.kvconnector.stats.kv-transfer-metrics");
	}

	static TestConnector connector(List<Integer> engines) {
		TestMetrics metrics = new TestMetrics();
		metrics.bindTo(new SimpleMeterRegistry());
		return new TestConnector(engines, 100, metrics, Clock.systemUTC());
	}

}
