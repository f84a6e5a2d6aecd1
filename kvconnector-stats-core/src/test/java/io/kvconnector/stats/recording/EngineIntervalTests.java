package io.kvconnector.stats.recording;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.KvConnectorStats;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EngineInterval}.
 *
 * @author kvconnector-stats
 */
class EngineIntervalTests {

	@Test
	void rotateClosesTheCurrentIntervalWithItsStartAndEnd() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		EngineInterval<CountingStats> interval = new EngineInterval<>(3, new CountingStats(), clock);
		interval.current().count = 5;
		assertThat(interval.last()).isNull();
		clock.now = Instant.parse("2026-01-01T00:00:10Z");
		ClosedInterval<CountingStats> closed = interval.rotate();
		assertThat(closed.engine()).isEqualTo(3);
		assertThat(closed.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(closed.end()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
		assertThat(closed.stats().count).isEqualTo(5);
		assertThat(interval.current().count).isZero();
		assertThat(interval.start()).isEqualTo(closed.end());
		assertThat(interval.last()).isSameAs(closed);
	}

	@Test
	void anIntervalIsEmptiedAndReusedTwoRotationsAfterItClosed() {
		EngineInterval<CountingStats> interval = new EngineInterval<>(0, new CountingStats(), Clock.systemUTC());
		interval.current().count = 1;
		ClosedInterval<CountingStats> first = interval.rotate();
		interval.current().count = 2;
		ClosedInterval<CountingStats> second = interval.rotate();
		assertThat(first.stats().resets).isZero();
		assertThat(first.stats().count).isEqualTo(1);
		interval.current().count = 3;
		ClosedInterval<CountingStats> third = interval.rotate();
		assertThat(third.stats()).isSameAs(first.stats());
		assertThat(third.stats().resets).isEqualTo(1);
		assertThat(third.stats().count).isEqualTo(3);
		assertThat(second.stats().resets).isZero();
		assertThat(second.stats().count).isEqualTo(2);
		assertThat(interval.current().count).isZero();
	}

	@Test
	void clearResetsOnlyTheCurrentInterval() {
		EngineInterval<CountingStats> interval = new EngineInterval<>(0, new CountingStats(), Clock.systemUTC());
		interval.current().count = 4;
		ClosedInterval<CountingStats> closed = interval.rotate();
		interval.current().count = 7;
		interval.clear();
		assertThat(interval.current().count).isZero();
		assertThat(closed.stats().count).isEqualTo(4);
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

	static final class CountingStats implements KvConnectorStats<CountingStats> {

		int count;

		int resets;

		@Override
		public Map<String, ?> data() {
			return Map.of("count", List.of(this.count));
		}

		@Override
		public boolean isEmpty() {
			return this.count == 0;
		}

		@Override
		public CountingStats aggregate(CountingStats other) {
			merge(other);
			return this;
		}

		@Override
		public long merge(CountingStats other) {
			this.count += other.count;
			return 0;
		}

		@Override
		public CountingStats cloneAndReset() {
			CountingStats clone = new CountingStats();
			clone.count = this.count;
			this.count = 0;
			return clone;
		}

		@Override
		public CountingStats cloneAndResetInto(CountingStats spare) {
			spare.reset();
			spare.count = this.count;
			this.count = 0;
			return spare;
		}

		@Override
		public void reset() {
			this.count = 0;
			this.resets++;
		}

		@Override
		public Map<String, Number> reduce() {
			Map<String, Number> reduced = new LinkedHashMap<>();
			reduced.put("count", this.count);
			return reduced;
		}

		@Override
		public long droppedSamples() {
			return 0;
		}

	}

}
