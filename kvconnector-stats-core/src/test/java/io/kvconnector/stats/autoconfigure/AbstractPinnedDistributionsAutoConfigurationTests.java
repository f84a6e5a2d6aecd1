package io.kvconnector.stats.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.HistogramSupport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.PropertiesMeterFilter;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.kvconnector.stats.conformance.PrometheusExposition;
import io.kvconnector.stats.conformance.PrometheusExposition.Sample;
import io.kvconnector.stats.metrics.PinnedDistributionMeterFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks, through Boot's real metrics auto-configuration and a Prometheus scrape, that a
 * connector's vLLM histograms keep exactly vLLM's buckets and no client-side percentiles
 * whatever {@code management.metrics.distribution.*} says, while the application's own
 * meters still get those settings and vLLM's get the common tags. Each starter extends it
 * with its auto-configuration and the SPEC's bounds.
 *
 * @author kvconnector-stats
 */
public abstract class AbstractPinnedDistributionsAutoConfigurationTests {

	private static final String DISTRIBUTION = "management.metrics.distribution.";

	private static final String USER_TIMER = "user.latency";

	private static final String USER_SUMMARY = "user.size";

	private static final String USER_TIMER_PROMETHEUS = "user_latency_seconds";

	private static final String USER_SUMMARY_PROMETHEUS = "user_size";

	private final MockClock clock = new MockClock();

	/**
	 * Return the auto-configurations of the connector under test, with those it needs.
	 * @return the auto-configurations
	 */
	protected abstract AutoConfigurations connectorAutoConfigurations();

	/**
	 * Return every vLLM histogram of the connector with vLLM's bounds, as SPEC section 4
	 * lists them.
	 * @return the histograms
	 */
	protected abstract List<VllmHistogram> vllmHistograms();

	/**
	 * Record one observation in every vLLM histogram of the connector, on one series of
	 * each, through the connector's binder.
	 * @param context the running context
	 * @param valueOfMeter the value to record by Micrometer meter name, in seconds for
	 * the seconds histograms
	 */
	protected abstract void record(ApplicationContext context, ToDoubleFunction<String> valueOfMeter);

	/**
	 * Return the name of the connector's {@link PinnedDistributionMeterFilter} bean.
	 * @return the bean name
	 */
	protected abstract String pinnedDistributionFilterBeanName();

	static Stream<Arguments> settings() {
		return Arrays.stream(Setting.values())
			.flatMap((setting) -> Arrays.stream(Scope.values())
				.map((scope) -> Arguments.argumentSet(setting.property + " " + scope.description, setting, scope)));
	}

	@ParameterizedTest
	@MethodSource("settings")
	void vllmHistogramsKeepVllmsBucketsWhileOtherMetersGetTheSetting(Setting setting, Scope scope) {
		contextRunner(setting, scope).run((context) -> {
			assertThat(context).hasNotFailed();
			Scrapes scrapes = new Scrapes(context);
			PrometheusExposition started = scrapes.scrape();
			assertVllmHistogramsAreVllms(started, context.getBean(MeterRegistry.class));
			setting.assertUserMetersGotIt(scrapes, scope);
		});
	}

	@ParameterizedTest
	@MethodSource("settings")
	void valuesAtABoundLandInThatBucket(Setting setting, Scope scope) {
		contextRunner(setting, scope).run((context) -> {
			assertThat(context).hasNotFailed();
			int samples = vllmHistograms().stream().mapToInt((histogram) -> histogram.bounds().size()).max().orElse(0);
			for (int i = 0; i < samples; i++) {
				int sample = i;
				record(context, (meter) -> atBound(meter, sample));
			}
			PrometheusExposition exposition = new Scrapes(context).scrape();
			for (VllmHistogram histogram : vllmHistograms()) {
				Map<String, String> labels = recordedSeries(exposition, histogram);
				List<Double> bounds = histogram.bounds();
				for (int i = 0; i < bounds.size(); i++) {
					assertThat(bucket(exposition, histogram, labels, bounds.get(i)))
						.as("%s le=%s", histogram.prometheusName(), bounds.get(i))
						.isEqualTo(i + 1);
				}
				assertThat(bucket(exposition, histogram, labels, Double.POSITIVE_INFINITY))
					.as("%s le=+Inf", histogram.prometheusName())
					.isEqualTo(samples);
			}
		});
	}

	@Test
	void pinnedDistributionFilterRunsAfterBootsPropertiesMeterFilter() {
		contextRunner(Setting.PERCENTILES_HISTOGRAM, Scope.ALL).run((context) -> {
			List<MeterFilter> filters = context.getBeanProvider(MeterFilter.class).orderedStream().toList();
			Object pinned = context.getBean(pinnedDistributionFilterBeanName());
			assertThat(pinned).isInstanceOf(PinnedDistributionMeterFilter.class);
			assertThat(filters.indexOf(pinned))
				.isGreaterThan(filters.indexOf(context.getBean(PropertiesMeterFilter.class)));
		});
	}

	@Test
	void aBeanNamedLikeThePinnedDistributionFilterReplacesIt() {
		contextRunner(Setting.PERCENTILES_HISTOGRAM, Scope.ALL)
			.withBean(pinnedDistributionFilterBeanName(), MeterFilter.class, () -> new MeterFilter() {
			})
			.run((context) -> {
				assertThat(context.getBeansOfType(PinnedDistributionMeterFilter.class).keySet())
					.doesNotContain(pinnedDistributionFilterBeanName());
				PrometheusExposition exposition = new Scrapes(context).scrape();
				for (VllmHistogram histogram : vllmHistograms()) {
					assertThat(les(exposition, histogram.prometheusName())).as(histogram.prometheusName())
						.hasSizeGreaterThan(histogram.bounds().size() + 1);
				}
			});
	}

	private ApplicationContextRunner contextRunner(Setting setting, Scope scope) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("management.metrics.tags.region", "eu");
		setting.properties().forEach((property, value) -> {
			for (String key : scope.keys(vllmHistograms())) {
				properties.put(DISTRIBUTION + property + key, value);
			}
		});
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class))
			.withConfiguration(connectorAutoConfigurations())
			// a map source, because TestPropertyValues splits "[vllm:...]" at the colon
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("distribution", properties)))
			.withBean(Clock.class, () -> this.clock)
			.withBean("userMeters", MeterBinder.class,
					() -> AbstractPinnedDistributionsAutoConfigurationTests::bindUserMeters);
	}

	private static void bindUserMeters(MeterRegistry registry) {
		Timer.builder(USER_TIMER).register(registry);
		DistributionSummary.builder(USER_SUMMARY).register(registry);
	}

	private void assertVllmHistogramsAreVllms(PrometheusExposition exposition, MeterRegistry registry) {
		for (VllmHistogram histogram : vllmHistograms()) {
			assertThat(registry.find(histogram.meterName()).meters()).as("%s meters", histogram.meterName())
				.isNotEmpty()
				.allSatisfy((meter) -> assertThat(((HistogramSupport) meter).takeSnapshot().percentileValues())
					.as("%s%s client-side percentiles", histogram.meterName(), meter.getId().getTags())
					.isEmpty());
			List<Double> expected = new ArrayList<>(histogram.bounds());
			expected.add(Double.POSITIVE_INFINITY);
			Map<Map<String, String>, List<Double>> bySeries = bucketsBySeries(exposition,
					histogram.prometheusName() + "_bucket");
			assertThat(bySeries).as("%s series", histogram.prometheusName()).isNotEmpty();
			bySeries.forEach((labels, les) -> assertThat(les).as("%s%s le", histogram.prometheusName(), labels)
				.containsExactlyElementsOf(expected));
		}
		List<Sample> vllm = exposition.samples()
			.stream()
			.filter((sample) -> sample.name().startsWith("vllm:"))
			.toList();
		assertThat(vllm).as("vLLM samples").isNotEmpty();
		assertThat(vllm).as("vLLM samples with a quantile")
			.noneMatch((sample) -> sample.labels().containsKey("quantile"));
		assertThat(vllm).as("vLLM samples without the common tag")
			.allMatch((sample) -> "eu".equals(sample.labels().get("region")));
	}

	private static Map<Map<String, String>, List<Double>> bucketsBySeries(PrometheusExposition exposition,
			String bucketName) {
		Map<Map<String, String>, List<Double>> bySeries = new LinkedHashMap<>();
		for (Sample sample : exposition.samples()) {
			if (sample.name().equals(bucketName)) {
				bySeries.computeIfAbsent(withoutLe(sample.labels()), (labels) -> new ArrayList<>())
					.add(le(sample.labels()));
			}
		}
		return bySeries;
	}

	private static List<Double> les(PrometheusExposition exposition, String prometheusName) {
		return bucketsBySeries(exposition, prometheusName + "_bucket").values()
			.stream()
			.flatMap(List::stream)
			.distinct()
			.sorted()
			.toList();
	}

	private double atBound(String meter, int sample) {
		VllmHistogram histogram = vllmHistograms().stream()
			.filter((candidate) -> candidate.meterName().equals(meter))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no vLLM histogram " + meter));
		List<Double> bounds = histogram.bounds();
		return (sample < bounds.size()) ? bounds.get(sample) : bounds.get(bounds.size() - 1) * 2;
	}

	private static Map<String, String> recordedSeries(PrometheusExposition exposition, VllmHistogram histogram) {
		List<Map<String, String>> recorded = exposition.samples()
			.stream()
			.filter((sample) -> sample.name().equals(histogram.prometheusName() + "_count") && sample.value() > 0)
			.map(Sample::labels)
			.toList();
		assertThat(recorded).as("recorded series of %s", histogram.prometheusName()).hasSize(1);
		return recorded.get(0);
	}

	private static double bucket(PrometheusExposition exposition, VllmHistogram histogram, Map<String, String> labels,
			double le) {
		Map<String, String> bucketLabels = new LinkedHashMap<>(labels);
		bucketLabels.put("le", Double.isInfinite(le) ? "+Inf" : String.valueOf(le));
		Double value = exposition.value(histogram.prometheusName() + "_bucket", bucketLabels);
		assertThat(value).as("%s%s", histogram.prometheusName(), bucketLabels).isNotNull();
		return value;
	}

	private static Map<String, String> withoutLe(Map<String, String> labels) {
		Map<String, String> result = new LinkedHashMap<>(labels);
		result.remove("le");
		return result;
	}

	private static double le(Map<String, String> labels) {
		String le = labels.get("le");
		return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
	}

	/**
	 * One of vLLM's histograms.
	 *
	 * @param meterName the Micrometer meter name, such as {@code vllm:nixl_xfer_time}
	 * @param prometheusName the Prometheus family name, such as
	 * {@code vllm:nixl_xfer_time_seconds}
	 * @param bounds vLLM's bucket bounds in increasing order, without {@code +Inf}
	 */
	public record VllmHistogram(String meterName, String prometheusName, List<Double> bounds) {

		/**
		 * Describe a histogram.
		 * @param meterName the Micrometer meter name
		 * @param prometheusName the Prometheus family name
		 * @param bounds vLLM's bucket bounds, without {@code +Inf}
		 * @return the histogram
		 */
		public static VllmHistogram of(String meterName, String prometheusName, double... bounds) {
			return new VllmHistogram(meterName, prometheusName, Arrays.stream(bounds).boxed().toList());
		}

	}

	/**
	 * Where a setting is applied: to every meter or by name (a vLLM meter's name has no
	 * dot, so its only prefix is the whole name; the user's meters get theirs by the
	 * prefix {@code user}).
	 */
	enum Scope {

		ALL("for all") {
			@Override
			List<String> keys(List<VllmHistogram> histograms) {
				return List.of(".all");
			}
		},

		PREFIX("by name prefix") {
			@Override
			List<String> keys(List<VllmHistogram> histograms) {
				List<String> keys = new ArrayList<>();
				histograms.forEach((histogram) -> keys.add("[" + histogram.meterName() + "]"));
				keys.add(".user");
				return keys;
			}
		};

		private final String description;

		Scope(String description) {
			this.description = description;
		}

		abstract List<String> keys(List<VllmHistogram> histograms);

	}

	/**
	 * A {@code management.metrics.distribution.*} setting and how the user's meters show
	 * that they got it.
	 */
	enum Setting {

		PERCENTILES_HISTOGRAM("percentiles-histogram", "true") {
			@Override
			void assertUserMetersGotIt(Scrapes scrapes) {
				PrometheusExposition exposition = scrapes.scrape();
				assertThat(les(exposition, USER_TIMER_PROMETHEUS)).hasSizeGreaterThan(20);
				assertThat(les(exposition, USER_SUMMARY_PROMETHEUS)).hasSizeGreaterThan(20);
			}
		},

		PERCENTILES("percentiles", "0.5,0.99") {
			@Override
			void assertUserMetersGotIt(Scrapes scrapes) {
				assertThat(scrapes.scrape().samples()).filteredOn((sample) -> sample.name().startsWith("user_"))
					.filteredOn((sample) -> "0.99".equals(sample.labels().get("quantile")))
					.extracting(Sample::name)
					.containsExactlyInAnyOrder(USER_TIMER_PROMETHEUS, USER_SUMMARY_PROMETHEUS);
			}
		},

		SLO("slo", "7", true) {
			@Override
			void assertUserMetersGotIt(Scrapes scrapes) {
				PrometheusExposition exposition = scrapes.scrape();
				assertThat(les(exposition, USER_TIMER_PROMETHEUS)).containsExactly(0.007, Double.POSITIVE_INFINITY);
				assertThat(les(exposition, USER_SUMMARY_PROMETHEUS)).containsExactly(7.0, Double.POSITIVE_INFINITY);
			}
		},

		MINIMUM_EXPECTED_VALUE("minimum-expected-value", "2", true) {
			@Override
			Map<String, String> properties() {
				return withPercentilesHistogram(super.properties());
			}

			@Override
			void assertUserMetersGotIt(Scrapes scrapes) {
				PrometheusExposition exposition = scrapes.scrape();
				assertThat(les(exposition, USER_TIMER_PROMETHEUS)).first().isEqualTo(0.002);
				assertThat(les(exposition, USER_SUMMARY_PROMETHEUS)).first().isEqualTo(2.0);
			}
		},

		MAXIMUM_EXPECTED_VALUE("maximum-expected-value", "500", true) {
			@Override
			Map<String, String> properties() {
				return withPercentilesHistogram(super.properties());
			}

			@Override
			void assertUserMetersGotIt(Scrapes scrapes) {
				PrometheusExposition exposition = scrapes.scrape();
				assertThat(largestFinite(les(exposition, USER_TIMER_PROMETHEUS))).isEqualTo(0.5);
				assertThat(largestFinite(les(exposition, USER_SUMMARY_PROMETHEUS))).isEqualTo(500.0);
			}
		},

		/**
		 * A maximum lives for up to three rotations: 30s on the user's meters with the
		 * setting, three minutes on vLLM's.
		 */
		EXPIRY("expiry", "10s") {
			@Override
			void assertUserMetersGotIt(Scrapes scrapes) {
				scrapes.recordEverywhere();
				scrapes.advance(Duration.ofSeconds(35));
				scrapes.assertMaxima();
			}
		},

		/**
		 * With one buffer a user meter's maximum recorded at 50s is gone at the rotation
		 * at one minute (Prometheus's step); vLLM's three buffers keep it.
		 */
		BUFFER_LENGTH("buffer-length", "1") {
			@Override
			void assertUserMetersGotIt(Scrapes scrapes) {
				scrapes.advance(Duration.ofSeconds(50));
				scrapes.recordEverywhere();
				scrapes.advance(Duration.ofSeconds(15));
				scrapes.assertMaxima();
			}
		};

		private final String property;

		private final String value;

		private final boolean byNameOnly;

		Setting(String property, String value) {
			this(property, value, false);
		}

		/**
		 * Create a setting.
		 * @param byNameOnly whether Boot looks the setting up by name only, with no
		 * {@code all} (its {@code PropertiesMeterFilter} does so for {@code slo} and the
		 * expected values)
		 */
		Setting(String property, String value, boolean byNameOnly) {
			this.property = property;
			this.value = value;
			this.byNameOnly = byNameOnly;
		}

		void assertUserMetersGotIt(Scrapes scrapes, Scope scope) {
			if (this.byNameOnly && scope == Scope.ALL) {
				assertThatExceptionOfType(AssertionError.class)
					.as("Boot now applies %s.all: drop byNameOnly", this.property)
					.isThrownBy(() -> assertUserMetersGotIt(scrapes));
			}
			else {
				assertUserMetersGotIt(scrapes);
			}
		}

		Map<String, String> properties() {
			return Map.of(this.property, this.value);
		}

		abstract void assertUserMetersGotIt(Scrapes scrapes);

		private static Map<String, String> withPercentilesHistogram(Map<String, String> properties) {
			Map<String, String> result = new LinkedHashMap<>(properties);
			result.put(PERCENTILES_HISTOGRAM.property, PERCENTILES_HISTOGRAM.value);
			return result;
		}

		private static double largestFinite(List<Double> les) {
			return les.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElseThrow();
		}

	}

	/**
	 * The running context of one case: its scrape, its clock and its meters.
	 */
	final class Scrapes {

		private final ApplicationContext context;

		Scrapes(ApplicationContext context) {
			this.context = context;
		}

		PrometheusExposition scrape() {
			return PrometheusExposition.parse(this.context.getBean(PrometheusMeterRegistry.class).scrape());
		}

		void advance(Duration duration) {
			AbstractPinnedDistributionsAutoConfigurationTests.this.clock.add(duration);
		}

		void recordEverywhere() {
			record(this.context, (meter) -> atBound(meter, 0));
			MeterRegistry registry = this.context.getBean(MeterRegistry.class);
			registry.get(USER_TIMER).timer().record(Duration.ofMillis(100));
			registry.get(USER_SUMMARY).summary().record(100);
		}

		void assertMaxima() {
			PrometheusExposition exposition = scrape();
			assertThat(exposition.value(USER_TIMER_PROMETHEUS + "_max", Map.of("region", "eu"))).isZero();
			assertThat(exposition.value(USER_SUMMARY_PROMETHEUS + "_max", Map.of("region", "eu"))).isZero();
			for (VllmHistogram histogram : vllmHistograms()) {
				Map<String, String> labels = recordedSeries(exposition, histogram);
				assertThat(exposition.value(histogram.prometheusName() + "_max", labels))
					.as("%s_max%s", histogram.prometheusName(), labels)
					.isEqualTo(histogram.bounds().get(0));
			}
		}

	}

}
