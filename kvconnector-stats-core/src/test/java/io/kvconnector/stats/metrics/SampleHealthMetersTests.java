package io.kvconnector.stats.metrics;

import java.util.EnumSet;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SampleHealthMeters} and the per-engine registration of
 * {@link EngineMeterBinder}.
 *
 * @author kvconnector-stats
 */
class SampleHealthMetersTests {

	@Test
	void everyDeclaredReasonAndEveryEngineExistsAtZeroOnceBound() {
		SampleHealthMeters health = new SampleHealthMeters("nixl", EnumSet.of(RecordOutcome.INVALID_DURATION));
		health.droppedBy(3);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		health.bindTo(registry);
		health.droppedBy(7);
		assertThat(registry.get(SampleHealthMeters.REJECTED).counters()).hasSize(3)
			.allMatch((counter) -> counter.count() == 0);
		assertThat(registry.get(SampleHealthMeters.REJECTED).tag("reason", "invalid_duration").counter()).isNotNull();
		assertThat(registry.get(SampleHealthMeters.REJECTED).tag("reason", "invalid_payload").counter()).isNotNull();
		assertThat(registry.get(SampleHealthMeters.REJECTED).tag("reason", "overloaded_payload").counter()).isNotNull();
		assertThat(registry.get(SampleHealthMeters.DROPPED).counters()).hasSize(2);
		assertThat(registry.get(SampleHealthMeters.DROPPED).tag("engine", "3").counter().count()).isZero();
		assertThat(registry.get(SampleHealthMeters.DROPPED).tag("engine", "7").counter().count()).isZero();
	}

	@Test
	void countsReachEveryBoundRegistryAndUndeclaredReasonsAreNotCounted() {
		SampleHealthMeters health = new SampleHealthMeters("mooncake", EnumSet.of(RecordOutcome.INVALID_STATUS));
		SimpleMeterRegistry first = new SimpleMeterRegistry();
		SimpleMeterRegistry second = new SimpleMeterRegistry();
		health.bindTo(first);
		SampleDropListener drops = health.droppedBy(1);
		health.bindTo(second);
		health.rejected(RecordOutcome.INVALID_STATUS);
		health.rejected(RecordOutcome.INVALID_DURATION);
		health.rejectedPayload();
		drops.dropped(5);
		for (SimpleMeterRegistry registry : new SimpleMeterRegistry[] { first, second }) {
			assertThat(registry.get(SampleHealthMeters.REJECTED).tag("reason", "invalid_status").counter().count())
				.isEqualTo(1.0);
			assertThat(registry.find(SampleHealthMeters.REJECTED).tag("reason", "invalid_duration").counter()).isNull();
			assertThat(registry.get(SampleHealthMeters.REJECTED).tag("reason", "invalid_payload").counter().count())
				.isEqualTo(1.0);
			assertThat(registry.get(SampleHealthMeters.DROPPED).tag("engine", "1").counter().count()).isEqualTo(5.0);
		}
	}

	@Test
	void anEngineIsRegisteredOncePerRegistryHoweverOftenItIsAskedFor() {
		SampleHealthMeters health = new SampleHealthMeters("nixl", EnumSet.noneOf(RecordOutcome.class));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		health.bindTo(registry);
		assertThat(health.engine(2)).isSameAs(health.engine(2));
		assertThat(health.engine(2).bound()).hasSize(1);
		assertThat(health.engine(2).engine()).isEqualTo(2);
	}

}
