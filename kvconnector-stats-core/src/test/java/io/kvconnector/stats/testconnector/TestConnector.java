package io.kvconnector.stats.testconnector;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.DistributionSummary;

import io.kvconnector.stats.internal.WireReader;
import io.kvconnector.stats.recording.EngineInterval;
import io.kvconnector.stats.recording.IntervalSummary;
import io.kvconnector.stats.recording.KvConnectorEngine;
import io.kvconnector.stats.recording.KvConnectorRecorder;
import io.kvconnector.stats.recording.SampleRejections;
import io.kvconnector.stats.metrics.EngineMeters;

/**
 * The test connector's recorder: records values per engine into {@link TestStats} and
 * {@link TestMetrics}.
 *
 * @author kvconnector-stats
 */
public final class TestConnector extends KvConnectorRecorder<TestStats, TestConnector.Engine> {

	/**
	 * The connector name.
	 */
	public static final String NAME = "test";

	/**
	 * Create the recorder.
	 * @param engines the configured engine indexes
	 * @param capacity values kept per engine and interval
	 * @param metrics the meters
	 * @param clock dates the intervals
	 */
	public TestConnector(List<Integer> engines, int capacity, TestMetrics metrics, Clock clock) {
		this(engines, capacity, metrics, clock, new SampleRejections(NAME, metrics.health()));
	}

	private TestConnector(List<Integer> engines, int capacity, TestMetrics metrics, Clock clock,
			SampleRejections rejections) {
		super(NAME, engines, rejections,
				(engine) -> new Engine(new EngineInterval<>(engine,
						new TestStats(capacity, metrics.health().droppedBy(engine)), clock, TestConnector::summarize),
						rejections, metrics.engine(engine)));
	}

	private static IntervalSummary summarize(TestStats stats) {
		return new IntervalSummary(stats.isEmpty(), stats.reduce(), stats.droppedSamples(), null);
	}

	/**
	 * Record a value on the first engine.
	 * @param value the value
	 */
	public void record(double value) {
		firstEngine().record(value);
	}

	/**
	 * Record a value on an engine.
	 * @param engine the engine index
	 * @param value the value
	 */
	public void record(int engine, double value) {
		Engine found = engineOrReject(engine);
		if (found != null) {
			found.record(value);
		}
	}

	@Override
	public TestStats readData(WireReader data) {
		return TestStats.read(data);
	}

	/**
	 * One engine of the test connector.
	 */
	public static final class Engine extends KvConnectorEngine<TestStats> {

		private final EngineMeters<DistributionSummary> meters;

		Engine(EngineInterval<TestStats> interval, SampleRejections rejections,
				EngineMeters<DistributionSummary> meters) {
			super(interval, rejections);
			this.meters = meters;
		}

		void record(double value) {
			if (accept(current().record(value))) {
				observe(value);
			}
		}

		@Override
		protected void observe(TestStats incoming) {
			incoming.values().forEach(this::observe);
		}

		private void observe(double value) {
			for (DistributionSummary summary : this.meters.bound()) {
				summary.record(value);
			}
		}

	}

}
