package io.kvconnector.stats.recording;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.testconnector.TestStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link EngineInterval}.
 *
 * @author kvconnector-stats
 */
class EngineIntervalTests {

	@Test
	void rotateClosesTheCurrentIntervalWithItsStartEndAndSummary() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		EngineInterval<TestStats> interval = new EngineInterval<>(3, new TestStats(), clock,
				EngineIntervalTests::summarize);
		interval.current().record(1.5);
		interval.current().record(2.0);
		assertThat(interval.last()).isNull();
		clock.now = Instant.parse("2026-01-01T00:00:10Z");
		ClosedInterval closed = interval.rotate();
		assertThat(closed.engine()).isEqualTo(3);
		assertThat(closed.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(closed.end()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
		assertThat(closed.summary().empty()).isFalse();
		assertThat(closed.summary().stats()).containsExactly(entry("count", 2), entry("total", 3.5));
		assertThat(interval.current().isEmpty()).isTrue();
		assertThat(interval.snapshot().start()).isEqualTo(closed.end());
		assertThat(interval.last()).isSameAs(closed);
	}

	@Test
	void aClosedIntervalIsReducedOnceAndNeverChangesAfterwards() {
		CountingSummarizer summarizer = new CountingSummarizer();
		EngineInterval<TestStats> interval = new EngineInterval<>(0, new TestStats(), Clock.systemUTC(), summarizer);
		interval.current().record(1.0);
		ClosedInterval first = interval.rotate();
		assertThat(summarizer.calls).isOne();
		for (int i = 0; i < 3; i++) {
			interval.snapshot();
			interval.last();
		}
		assertThat(summarizer.calls).as("reads reduce only the current interval").isEqualTo(4);
		for (int i = 2; i < 6; i++) {
			interval.current().record(i);
			interval.rotate();
		}
		assertThat(first.summary().stats()).containsExactly(entry("count", 1), entry("total", 1.0));
	}

	@Test
	void theClosedStorageIsEmptiedAtRotationAndReusedByTheNextOne() {
		TestStats current = new TestStats();
		StatsCapture capture = new StatsCapture();
		EngineInterval<TestStats> interval = new EngineInterval<>(0, current, Clock.systemUTC(), capture);
		current.record(1.0);
		interval.rotate();
		TestStats firstClosed = capture.last;
		assertThat(firstClosed.isEmpty()).as("emptied once reduced").isTrue();
		current.record(2.0);
		interval.rotate();
		assertThat(capture.last).isSameAs(firstClosed);
		assertThat(firstClosed.reuses()).isOne();
		assertThat(interval.current()).isSameAs(current);
	}

	@Test
	void snapshotShowsTheCurrentIntervalAndTheLastClosedOneTogether() {
		EngineInterval<TestStats> interval = new EngineInterval<>(1, new TestStats(), Clock.systemUTC(),
				EngineIntervalTests::summarize);
		interval.current().record(4.0);
		ClosedInterval closed = interval.rotate();
		interval.current().record(7.0);
		EngineSnapshot snapshot = interval.snapshot();
		assertThat(snapshot.engine()).isEqualTo(1);
		assertThat(snapshot.current().stats()).containsExactly(entry("count", 1), entry("total", 7.0));
		assertThat(snapshot.last()).isSameAs(closed);
	}

	@Test
	void clearResetsOnlyTheCurrentInterval() {
		EngineInterval<TestStats> interval = new EngineInterval<>(0, new TestStats(), Clock.systemUTC(),
				EngineIntervalTests::summarize);
		interval.current().record(4.0);
		ClosedInterval closed = interval.rotate();
		interval.current().record(7.0);
		interval.clear();
		assertThat(interval.current().isEmpty()).isTrue();
		assertThat(closed.summary().stats()).containsEntry("total", 4.0);
	}

	@Test
	void summaryMapsCannotBeChanged() {
		IntervalSummary summary = summarize(new TestStats());
		assertThat(summary.stats()).isUnmodifiable();
		IntervalSummary withFailures = new IntervalSummary(true, Map.of(), 0, Map.of("num_failed_transfers", 1L));
		assertThat(withFailures.failures()).isUnmodifiable();
	}

	static IntervalSummary summarize(TestStats stats) {
		return new IntervalSummary(stats.isEmpty(), stats.reduce(), stats.droppedSamples(), null);
	}

	static final class CountingSummarizer implements Function<TestStats, IntervalSummary> {

		int calls;

		@Override
		public IntervalSummary apply(TestStats stats) {
			this.calls++;
			return summarize(stats);
		}

	}

	static final class StatsCapture implements Function<TestStats, IntervalSummary> {

		TestStats last = new TestStats();

		@Override
		public IntervalSummary apply(TestStats stats) {
			this.last = stats;
			return summarize(stats);
		}

	}

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
