package io.kvconnector.stats.testconnector;

import java.util.EnumSet;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.metrics.EngineMeterBinder;
import io.kvconnector.stats.metrics.SampleHealthMeters;

/**
 * Meters of the test connector: one summary {@code test_connector_values} per engine, and
 * the connector's health counters.
 *
 * @author kvconnector-stats
 */
public final class TestMetrics extends EngineMeterBinder<DistributionSummary> {

	/**
	 * Name of the per-engine summary.
	 */
	public static final String VALUES = "test.connector.values";

	private final SampleHealthMeters health = new SampleHealthMeters(TestConnector.NAME,
			EnumSet.of(RecordOutcome.INVALID_DURATION, RecordOutcome.UNKNOWN_ENGINE));

	/**
	 * Create the binder.
	 */
	public TestMetrics() {
		super(DistributionSummary[]::new);
	}

	/**
	 * Return the health counters.
	 * @return the health counters
	 */
	public SampleHealthMeters health() {
		return this.health;
	}

	@Override
	protected DistributionSummary register(MeterRegistry registry, int engine) {
		return DistributionSummary.builder(VALUES)
			.description("Values recorded by the test connector.")
			.tag("engine", String.valueOf(engine))
			.register(registry);
	}

	@Override
	protected void bindConnectorMeters(MeterRegistry registry) {
		this.health.bindTo(registry);
	}

}
