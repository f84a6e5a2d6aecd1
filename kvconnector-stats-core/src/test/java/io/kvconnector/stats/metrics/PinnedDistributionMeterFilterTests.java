package io.kvconnector.stats.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties.Distribution;
import org.springframework.boot.micrometer.metrics.autoconfigure.PropertiesMeterFilter;
import org.springframework.boot.micrometer.metrics.autoconfigure.ServiceLevelObjectiveBoundary;

import io.kvconnector.stats.conformance.PrometheusExposition;
import io.kvconnector.stats.conformance.PrometheusExposition.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PinnedDistributionMeterFilter}, behind Boot's
 * {@link PropertiesMeterFilter} as Boot's auto-configuration orders them.
 *
 * @author kvconnector-stats
 */
class PinnedDistributionMeterFilterTests {

	private static final SecondsBuckets TIME_BUCKETS = SecondsBuckets.of(0.005, 0.5, 5.0);

	private static final double[] SIZE_BUCKETS = { 10, 100, 1000 };

	private static final PinnedDistributionMeterFilter FILTER = new PinnedDistributionMeterFilter(
			Map.of("pinned.time", PinnedDistributionMeterFilter.timerBuckets(TIME_BUCKETS), "pinned.size",
					PinnedDistributionMeterFilter.summaryBuckets(SIZE_BUCKETS)));

	private final Map<String, DistributionStatisticConfig> configured = new HashMap<>();

	@ParameterizedTest
	@EnumSource
	void pinnedMetersKeepEverySettingWhileOtherMetersGetIt(Setting setting) {
		PrometheusMeterRegistry registry = registry(setting);
		assertThat(this.configured.get("pinned.time"))
			.satisfies(sameAs(PinnedDistributionMeterFilter.timerBuckets(TIME_BUCKETS)));
		assertThat(this.configured.get("pinned.size"))
			.satisfies(sameAs(PinnedDistributionMeterFilter.summaryBuckets(SIZE_BUCKETS)));
		setting.assertApplied(this.configured.get("other.time"), Meter.Type.TIMER);
		setting.assertApplied(this.configured.get("other.size"), Meter.Type.DISTRIBUTION_SUMMARY);
		PrometheusExposition exposition = PrometheusExposition.parse(registry.scrape());
		assertThat(les(exposition, "pinned_time_seconds_bucket")).containsExactly(0.005, 0.5, 5.0,
				Double.POSITIVE_INFINITY);
		assertThat(les(exposition, "pinned_size_bucket")).containsExactly(10.0, 100.0, 1000.0,
				Double.POSITIVE_INFINITY);
		assertThat(exposition.samples()).filteredOn((sample) -> sample.name().startsWith("pinned_"))
			.isNotEmpty()
			.noneMatch((sample) -> sample.labels().containsKey("quantile"));
		for (String name : FILTER.names()) {
			assertThat(((HistogramSupport) registry.get(name).meter()).takeSnapshot().percentileValues()).isEmpty();
		}
	}

	@Test
	void commonTagsStillReachPinnedMeters() {
		MetricsProperties properties = new MetricsProperties();
		properties.getTags().put("region", "eu");
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		registry.config().meterFilter(new PropertiesMeterFilter(properties)).meterFilter(FILTER);
		registerLikeTheBinders(registry, "pinned");
		assertThat(registry.get("pinned.time").timer().getId().getTag("region")).isEqualTo("eu");
		assertThat(registry.get("pinned.size").summary().getId().getTag("region")).isEqualTo("eu");
	}

	@Test
	void timerBucketsAreWhatTheTimerBuilderRegistersWithoutPercentiles() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		registry.config().meterFilter(capturing());
		registerLikeTheBinders(registry, "plain");
		DistributionStatisticConfig pinned = PinnedDistributionMeterFilter.timerBuckets(TIME_BUCKETS);
		DistributionStatisticConfig registered = this.configured.get("plain.time");
		assertThat(pinned.getServiceLevelObjectiveBoundaries()).containsExactly(5e6, 5e8, 5e9)
			.containsExactly(registered.getServiceLevelObjectiveBoundaries());
		assertThat(pinned.getMinimumExpectedValueAsDouble()).isEqualTo(registered.getMinimumExpectedValueAsDouble())
			.isEqualTo(1e6);
		assertThat(pinned.getMaximumExpectedValueAsDouble()).isEqualTo(registered.getMaximumExpectedValueAsDouble())
			.isEqualTo(3e10);
		assertThat(pinned.isPercentileHistogram()).isFalse();
		assertThat(pinned.getPercentiles()).isEmpty();
		assertThat(pinned.getPercentilePrecision()).isEqualTo(1);
		assertThat(pinned.getExpiry()).isEqualTo(Duration.ofMinutes(1));
		assertThat(pinned.getBufferLength()).isEqualTo(3);
	}

	@Test
	void summaryBucketsAreWhatTheSummaryBuilderRegistersWithoutPercentiles() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		registry.config().meterFilter(capturing());
		registerLikeTheBinders(registry, "plain");
		DistributionStatisticConfig pinned = PinnedDistributionMeterFilter.summaryBuckets(SIZE_BUCKETS);
		DistributionStatisticConfig registered = this.configured.get("plain.size")
			.merge(DistributionStatisticConfig.DEFAULT);
		assertThat(pinned.getServiceLevelObjectiveBoundaries()).containsExactly(SIZE_BUCKETS)
			.containsExactly(registered.getServiceLevelObjectiveBoundaries());
		assertThat(pinned.getMinimumExpectedValueAsDouble()).isEqualTo(registered.getMinimumExpectedValueAsDouble());
		assertThat(pinned.getMaximumExpectedValueAsDouble()).isEqualTo(registered.getMaximumExpectedValueAsDouble());
		assertThat(pinned.isPercentileHistogram()).isFalse();
		assertThat(pinned.getPercentiles()).isEmpty();
	}

	@Test
	void summaryBucketsAreACopyOfTheBounds() {
		double[] bounds = { 1, 2 };
		DistributionStatisticConfig pinned = PinnedDistributionMeterFilter.summaryBuckets(bounds);
		bounds[0] = 0;
		assertThat(pinned.getServiceLevelObjectiveBoundaries()).containsExactly(1, 2);
	}

	@Test
	void otherMetersKeepTheConfigurationTheyArrivedWith() {
		DistributionStatisticConfig config = DistributionStatisticConfig.builder().percentilesHistogram(true).build();
		Meter.Id id = new Meter.Id("pinned", Tags.empty(), null, null, Meter.Type.TIMER);
		assertThat(FILTER.configure(id, config)).isSameAs(config);
	}

	@Test
	void rejectsAConfigurationThatLeavesASettingUnset() {
		DistributionStatisticConfig partial = DistributionStatisticConfig.builder()
			.percentilesHistogram(false)
			.serviceLevelObjectives(1, 2)
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PinnedDistributionMeterFilter(Map.of("pinned.time", partial)))
			.withMessage("pinned configuration of 'pinned.time' leaves percentiles unset");
	}

	private PrometheusMeterRegistry registry(Setting setting) {
		MetricsProperties properties = new MetricsProperties();
		for (String key : List.of("all", "pinned", "other")) {
			setting.apply(properties.getDistribution(), key);
		}
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		registry.config()
			.meterFilter(new PropertiesMeterFilter(properties))
			.meterFilter(FILTER)
			.meterFilter(capturing());
		registerLikeTheBinders(registry, "pinned");
		registerLikeTheBinders(registry, "other");
		return registry;
	}

	private static void registerLikeTheBinders(MeterRegistry registry, String prefix) {
		Timer.builder(prefix + ".time")
			.publishPercentileHistogram(false)
			.serviceLevelObjectives(TIME_BUCKETS.serviceLevelObjectives())
			.register(registry)
			.record(5_000_000, TimeUnit.NANOSECONDS);
		DistributionSummary.builder(prefix + ".size")
			.publishPercentileHistogram(false)
			.serviceLevelObjectives(SIZE_BUCKETS)
			.register(registry)
			.record(10);
	}

	private MeterFilter capturing() {
		return new MeterFilter() {

			@Override
			public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
				PinnedDistributionMeterFilterTests.this.configured.put(id.getName(), config);
				return config;
			}

		};
	}

	private static Consumer<DistributionStatisticConfig> sameAs(DistributionStatisticConfig expected) {
		return (actual) -> {
			assertThat(actual.isPercentileHistogram()).as("percentilesHistogram")
				.isEqualTo(expected.isPercentileHistogram());
			assertThat(actual.getPercentiles()).as("percentiles").isEqualTo(expected.getPercentiles());
			assertThat(actual.getPercentilePrecision()).as("percentilePrecision")
				.isEqualTo(expected.getPercentilePrecision());
			assertThat(actual.getServiceLevelObjectiveBoundaries()).as("serviceLevelObjectives")
				.isEqualTo(expected.getServiceLevelObjectiveBoundaries());
			assertThat(actual.getMinimumExpectedValueAsDouble()).as("minimumExpectedValue")
				.isEqualTo(expected.getMinimumExpectedValueAsDouble());
			assertThat(actual.getMaximumExpectedValueAsDouble()).as("maximumExpectedValue")
				.isEqualTo(expected.getMaximumExpectedValueAsDouble());
			assertThat(actual.getExpiry()).as("expiry").isEqualTo(expected.getExpiry());
			assertThat(actual.getBufferLength()).as("bufferLength").isEqualTo(expected.getBufferLength());
		};
	}

	private static List<Double> les(PrometheusExposition exposition, String bucketName) {
		List<Double> les = new ArrayList<>();
		for (Sample sample : exposition.samples()) {
			if (sample.name().equals(bucketName)) {
				String le = sample.labels().get("le");
				les.add("+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le));
			}
		}
		return les;
	}

	/**
	 * A {@code management.metrics.distribution.*} setting, set on Boot's
	 * {@link MetricsProperties}, and what it makes of a meter that is not pinned.
	 */
	enum Setting {

		PERCENTILES_HISTOGRAM((distribution, key) -> distribution.getPercentilesHistogram().put(key, true)) {
			@Override
			void assertApplied(DistributionStatisticConfig config, Meter.Type type) {
				assertThat(config.isPercentileHistogram()).isTrue();
			}
		},

		PERCENTILES((distribution, key) -> distribution.getPercentiles().put(key, new double[] { 0.5, 0.99 })) {
			@Override
			void assertApplied(DistributionStatisticConfig config, Meter.Type type) {
				assertThat(config.getPercentiles()).containsExactly(0.5, 0.99);
			}
		},

		SLO((distribution, key) -> distribution.getSlo()
			.put(key, new ServiceLevelObjectiveBoundary[] { ServiceLevelObjectiveBoundary.valueOf("7") })) {
			@Override
			void assertApplied(DistributionStatisticConfig config, Meter.Type type) {
				assertThat(config.getServiceLevelObjectiveBoundaries())
					.containsExactly((type == Meter.Type.TIMER) ? 7e6 : 7.0);
			}
		},

		MINIMUM_EXPECTED_VALUE((distribution, key) -> distribution.getMinimumExpectedValue().put(key, "2")) {
			@Override
			void assertApplied(DistributionStatisticConfig config, Meter.Type type) {
				assertThat(config.getMinimumExpectedValueAsDouble()).isEqualTo((type == Meter.Type.TIMER) ? 2e6 : 2.0);
			}
		},

		MAXIMUM_EXPECTED_VALUE((distribution, key) -> distribution.getMaximumExpectedValue().put(key, "500")) {
			@Override
			void assertApplied(DistributionStatisticConfig config, Meter.Type type) {
				assertThat(config.getMaximumExpectedValueAsDouble())
					.isEqualTo((type == Meter.Type.TIMER) ? 5e8 : 500.0);
			}
		},

		EXPIRY((distribution, key) -> distribution.getExpiry().put(key, Duration.ofSeconds(10))) {
			@Override
			void assertApplied(DistributionStatisticConfig config, Meter.Type type) {
				assertThat(config.getExpiry()).isEqualTo(Duration.ofSeconds(10));
			}
		},

		BUFFER_LENGTH((distribution, key) -> distribution.getBufferLength().put(key, 1)) {
			@Override
			void assertApplied(DistributionStatisticConfig config, Meter.Type type) {
				assertThat(config.getBufferLength()).isEqualTo(1);
			}
		};

		private final BiConsumer<Distribution, String> setter;

		Setting(BiConsumer<Distribution, String> setter) {
			this.setter = setter;
		}

		void apply(Distribution distribution, String key) {
			this.setter.accept(distribution, key);
		}

		abstract void assertApplied(DistributionStatisticConfig config, Meter.Type type);

	}

}
