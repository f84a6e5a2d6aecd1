package io.kvconnector.stats.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * A {@link MeterFilter} that gives the named meters a fixed
 * {@link DistributionStatisticConfig}, replacing whatever the filters before it
 * configured, so that buckets that are a contract stay as they are; every other meter is
 * left alone. It must run after the filters it overrides.
 * <p>
 * Each pinned configuration is fully specified, so that neither another filter nor the
 * registry's defaults can fill a gap. {@link #timerBuckets} and {@link #summaryBuckets}
 * build one with fixed buckets and nothing else.
 *
 * @author kvconnector-stats
 */
public final class PinnedDistributionMeterFilter implements MeterFilter {

	/**
	 * Expiry of the pinned configurations: the Prometheus registry's default (its step),
	 * so that {@code _max} there decays as it does without this filter.
	 */
	private static final Duration EXPIRY = Duration.ofMinutes(1);

	private static final DistributionStatisticConfig FIXED_BUCKETS_ONLY = DistributionStatisticConfig.builder()
		.percentilesHistogram(false)
		.percentiles()
		.percentilePrecision(DistributionStatisticConfig.DEFAULT.getPercentilePrecision())
		.expiry(EXPIRY)
		.bufferLength(DistributionStatisticConfig.DEFAULT.getBufferLength())
		.build();

	private static final double TIMER_MINIMUM_EXPECTED_NANOS = Duration.ofMillis(1).toNanos();

	private static final double TIMER_MAXIMUM_EXPECTED_NANOS = Duration.ofSeconds(30).toNanos();

	private final Map<String, DistributionStatisticConfig> pinned;

	/**
	 * Create a filter.
	 * @param pinned the configuration of each pinned meter, by meter name, each fully
	 * specified
	 * @throws IllegalArgumentException if a configuration leaves a setting unset
	 */
	public PinnedDistributionMeterFilter(Map<String, DistributionStatisticConfig> pinned) {
		pinned.forEach(PinnedDistributionMeterFilter::requireFullySpecified);
		this.pinned = Map.copyOf(pinned);
	}

	/**
	 * Return a configuration for a {@code Timer} with exactly the given buckets: no
	 * percentile histogram, no client-side percentiles, the bounds as service-level
	 * objectives in nanoseconds (as {@code Timer.Builder} registers them) and the timer
	 * builder's expected values.
	 * @param buckets the bucket bounds
	 * @return the fully specified configuration
	 */
	public static DistributionStatisticConfig timerBuckets(SecondsBuckets buckets) {
		double[] nanos = Arrays.stream(buckets.serviceLevelObjectives()).mapToDouble(Duration::toNanos).toArray();
		return DistributionStatisticConfig.builder()
			.serviceLevelObjectives(nanos)
			.minimumExpectedValue(TIMER_MINIMUM_EXPECTED_NANOS)
			.maximumExpectedValue(TIMER_MAXIMUM_EXPECTED_NANOS)
			.build()
			.merge(FIXED_BUCKETS_ONLY);
	}

	/**
	 * Return a configuration for a {@code DistributionSummary} with exactly the given
	 * buckets: no percentile histogram, no client-side percentiles, the bounds as
	 * service-level objectives and Micrometer's default expected values.
	 * @param bounds the bucket bounds, increasing
	 * @return the fully specified configuration
	 */
	public static DistributionStatisticConfig summaryBuckets(double... bounds) {
		return DistributionStatisticConfig.builder()
			.serviceLevelObjectives(bounds.clone())
			.minimumExpectedValue(DistributionStatisticConfig.DEFAULT.getMinimumExpectedValue())
			.maximumExpectedValue(DistributionStatisticConfig.DEFAULT.getMaximumExpectedValue())
			.build()
			.merge(FIXED_BUCKETS_ONLY);
	}

	/**
	 * Return the names of the pinned meters.
	 * @return the names
	 */
	public Set<String> names() {
		return this.pinned.keySet();
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		DistributionStatisticConfig pinned = this.pinned.get(id.getName());
		return (pinned != null) ? pinned : config;
	}

	private static void requireFullySpecified(String name, DistributionStatisticConfig config) {
		require(name, "percentilesHistogram", config.isPercentileHistogram() != null);
		require(name, "percentiles", config.getPercentiles() != null);
		require(name, "percentilePrecision", config.getPercentilePrecision() != null);
		require(name, "serviceLevelObjectives", config.getServiceLevelObjectiveBoundaries() != null);
		require(name, "minimumExpectedValue", config.getMinimumExpectedValueAsDouble() != null);
		require(name, "maximumExpectedValue", config.getMaximumExpectedValueAsDouble() != null);
		require(name, "expiry", config.getExpiry() != null);
		require(name, "bufferLength", config.getBufferLength() != null);
	}

	private static void require(String name, String setting, boolean set) {
		if (!set) {
			throw new IllegalArgumentException("pinned configuration of '" + name + "' leaves " + setting + " unset");
		}
	}

}
