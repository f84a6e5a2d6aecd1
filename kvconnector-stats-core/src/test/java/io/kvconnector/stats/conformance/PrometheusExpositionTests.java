package io.kvconnector.stats.conformance;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.conformance.PrometheusExposition.Family;
import io.kvconnector.stats.conformance.PrometheusExposition.Sample;

import org.assertj.core.api.InstanceOfAssertFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PrometheusExposition}.
 *
 * @author kvconnector-stats
 */
class PrometheusExpositionTests {

	private static final String HISTOGRAM = """
			# HELP t_seconds Time \\\\ taken.\\nSecond line.
			# TYPE t_seconds histogram
			t_seconds_bucket{engine="0",le="0.5",model_name="m"} 1.0
			t_seconds_bucket{engine="0",le="8.589934592e+09",model_name="m"} 3.0
			t_seconds_bucket{engine="0",le="+Inf",model_name="m"} 3.0
			t_seconds_count{engine="0",model_name="m"} 3.0
			t_seconds_sum{engine="0",model_name="m"} 1.5
			# HELP c_total Things.
			# TYPE c_total counter
			c_total{engine="0",model_name="m"} 2.0
			""";

	@Test
	void parsesHelpTypeAndSamples() {
		PrometheusExposition exposition = PrometheusExposition.parse(HISTOGRAM);
		assertThat(exposition.families()).containsOnlyKeys("t_seconds", "c_total");
		assertThat(exposition.families().get("t_seconds"))
			.isEqualTo(new Family("t_seconds", "Time \\ taken.\nSecond line.", "histogram"));
		assertThat(exposition.families().get("c_total")).isEqualTo(new Family("c_total", "Things.", "counter"));
		assertThat(exposition.samples()).hasSize(6)
			.first()
			.isEqualTo(new Sample("t_seconds_bucket", Map.of("engine", "0", "le", "0.5", "model_name", "m"), 1.0));
	}

	@Test
	void parsesEscapedLabelValuesAndSpecialValues() {
		PrometheusExposition exposition = PrometheusExposition.parse("""
				# a comment
				g{path="a\\"b\\\\c\\nd",op="étagère_get",} +Inf
				g{path="x"} -Inf 1700000000000
				g{path="y"} NaN
				g{path="z"} 8.589934592E9
				g{path="w"} 1.5e+09
				g 7
				""");
		assertThat(exposition.value("g", Map.of("path", "a\"b\\c\nd", "op", "étagère_get")))
			.isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(exposition.value("g", Map.of("path", "x"))).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(exposition.value("g", Map.of("path", "y"))).isNaN();
		assertThat(exposition.value("g", Map.of("path", "z"))).isEqualTo(8589934592.0);
		assertThat(exposition.value("g", Map.of("path", "w"))).isEqualTo(1.5e9);
		assertThat(exposition.value("g", Map.of())).isEqualTo(7.0);
		assertThat(exposition.value("g", Map.of("path", "v"))).isNull();
	}

	@Test
	void rejectsMalformedLinesNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusExposition.parse("g{path=\"x} 1\n"))
			.withMessageContaining("line 1");
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusExposition.parse("g 1\ng{a=\"b\"} one\n"))
			.withMessageContaining("line 2")
			.withMessageContaining("one");
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusExposition.parse("g 1\ng 2\n"))
			.withMessageContaining("duplicate sample");
	}

	@Test
	void conformsWhenLeIsWrittenInJavasNotationAndOursHasExtraSeries() {
		PrometheusExposition ours = PrometheusExposition.parse("""
				# HELP c_total Things.
				# TYPE c_total counter
				c_total{model_name="m",engine="0"} 2
				c_total{model_name="m",engine="1"} 0
				# HELP t_seconds Time \\\\ taken.\\nSecond line.
				# TYPE t_seconds histogram
				t_seconds_bucket{engine="0",model_name="m",le="0.5"} 1
				t_seconds_bucket{engine="0",model_name="m",le="8.589934592E9"} 3
				t_seconds_bucket{engine="0",model_name="m",le="+Inf"} 3
				t_seconds_count{engine="0",model_name="m"} 3
				t_seconds_sum{engine="0",model_name="m"} 1.5000000029
				# HELP t_seconds_max Time \\\\ taken.\\nSecond line.
				# TYPE t_seconds_max gauge
				t_seconds_max{engine="0",model_name="m"} 1.0
				""");
		assertThat(ours.differencesFrom(PrometheusExposition.parse(HISTOGRAM))).isEmpty();
		ours.assertConformsTo(PrometheusExposition.parse(HISTOGRAM));
	}

	@Test
	void reportsEachSampleThatDiffers() {
		PrometheusExposition ours = PrometheusExposition
			.parse(HISTOGRAM.replace("le=\"0.5\",model_name=\"m\"} 1.0", "le=\"0.5\",model_name=\"m\"} 2.0")
				.replace("c_total{engine=\"0\",model_name=\"m\"} 2.0",
						"c_total{engine=\"0\",model_name=\"m\"} 2.0000000000000004")
				.replace("t_seconds_sum{engine=\"0\",model_name=\"m\"} 1.5",
						"t_seconds_sum{engine=\"0\",model_name=\"m\"} 1.5000000031")
				.replace("t_seconds_bucket{engine=\"0\",le=\"+Inf\",model_name=\"m\"} 3.0\n", ""));
		assertThat(ours.differencesFrom(PrometheusExposition.parse(HISTOGRAM))).containsExactlyInAnyOrder(
				"sample t_seconds_bucket{engine=0, le=0.5, model_name=m}: expected 1.0 but was 2.0",
				"missing sample t_seconds_bucket{engine=0, le=+Inf, model_name=m} 3.0",
				"sample t_seconds_sum{engine=0, model_name=m}: expected 1.5 but was 1.5000000031 (tolerance 3.0E-9)",
				"sample c_total{engine=0, model_name=m}: expected 2.0 but was 2.0000000000000004");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ours.assertConformsTo(PrometheusExposition.parse(HISTOGRAM)))
			.withMessageContaining("t_seconds_bucket{engine=0, le=0.5, model_name=m}");
	}

	@Test
	void comparesSumsExactlyWhenNothingWasObserved() {
		String expected = "# TYPE t histogram\nt_count 0.0\nt_sum 0.0\n";
		assertThat(PrometheusExposition.parse(expected.replace("t_sum 0.0", "t_sum 1.0E-12"))
			.differencesFrom(PrometheusExposition.parse(expected))).singleElement(InstanceOfAssertFactories.STRING)
			.startsWith("sample t_sum{}");
	}

	@Test
	void comparesNanAsEqualToNan() {
		PrometheusExposition nan = PrometheusExposition.parse("g NaN\n");
		assertThat(nan.differencesFrom(nan)).isEmpty();
		assertThat(PrometheusExposition.parse("g 0\n").differencesFrom(nan)).hasSize(1);
	}

	@Test
	void reportsFamiliesWhoseHelpOrTypeDiffers() {
		PrometheusExposition ours = PrometheusExposition
			.parse(HISTOGRAM.replace("# HELP c_total Things.", "# HELP c_total Things")
				.replace("# TYPE t_seconds histogram", "# TYPE t_seconds summary"));
		assertThat(ours.differencesFrom(PrometheusExposition.parse(HISTOGRAM))).containsExactlyInAnyOrder(
				"family t_seconds: expected HELP \"Time \\ taken.\nSecond line.\" TYPE histogram"
						+ " but was HELP \"Time \\ taken.\nSecond line.\" TYPE summary",
				"family c_total: expected HELP \"Things.\" TYPE counter but was HELP \"Things\" TYPE counter");
		PrometheusExposition withoutCounter = PrometheusExposition
			.parse(HISTOGRAM.substring(0, HISTOGRAM.indexOf("# HELP c_total")));
		assertThat(withoutCounter.differencesFrom(PrometheusExposition.parse(HISTOGRAM)))
			.containsExactlyInAnyOrder("missing family c_total", "missing sample c_total{engine=0, model_name=m} 2.0");
	}

}
