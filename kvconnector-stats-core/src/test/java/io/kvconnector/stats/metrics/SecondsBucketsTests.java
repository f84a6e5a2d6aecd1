package io.kvconnector.stats.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SecondsBuckets}.
 *
 * @author kvconnector-stats
 */
class SecondsBucketsTests {

	// every seconds bound of vLLM's NIXL and Mooncake store histograms
	private static final double[] BOUNDS = { 0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0,
			1.5, 2.0, 3.0, 4.0, 5.0 };

	private final SecondsBuckets buckets = SecondsBuckets.of(BOUNDS);

	@Test
	void serviceLevelObjectivesAreTheBoundsInWholeNanoseconds() {
		Duration[] objectives = this.buckets.serviceLevelObjectives();
		assertThat(objectives).hasSameSizeAs(BOUNDS);
		for (int i = 0; i < BOUNDS.length; i++) {
			assertThat(objectives[i].toNanos() / 1e9).as("bound %s", BOUNDS[i]).isEqualTo(BOUNDS[i]);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(doubles = { 0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0,
			4.0, 5.0 })
	void placesValuesOnAndOneUlpAroundABoundInVllmsBucketWithinANanosecond(double bound) {
		long boundNanos = Math.round(bound * 1e9);
		assertThat(this.buckets.toNanos(bound)).isEqualTo(boundNanos);
		assertThat(this.buckets.toNanos(Math.nextDown(bound))).isLessThanOrEqualTo(boundNanos);
		assertThat(this.buckets.toNanos(Math.nextUp(bound))).isGreaterThan(boundNanos);
		for (double value : new double[] { Math.nextDown(bound), bound, Math.nextUp(bound) }) {
			assertPlacedAsVllmWithinANanosecond(value);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(doubles = { 0.0, 1e-10, 4.9e-324, 0.0004999999995, 0.0010000000004, 0.0049999999996, 0.123456789123,
			0.30000000000000004, 0.7999999999999999, 2.5, 4.9999999995, 5.0000000004, 119.2337163938851, 86400.5 })
	void placesOtherValuesInVllmsBucketWithinANanosecond(double value) {
		assertPlacedAsVllmWithinANanosecond(value);
	}

	@Test
	void placesEveryValueWithinAFewNanosecondsOfABoundInVllmsBucket() {
		for (double bound : BOUNDS) {
			double value = bound;
			for (int ulps = 0; ulps < 2000; ulps++) {
				assertPlacedAsVllmWithinANanosecond(value);
				value = Math.nextDown(value);
			}
			value = bound;
			for (int ulps = 0; ulps < 2000; ulps++) {
				assertPlacedAsVllmWithinANanosecond(value);
				value = Math.nextUp(value);
			}
			for (double offset = -5; offset <= 5; offset += 0.125) {
				assertPlacedAsVllmWithinANanosecond(bound + offset * 1e-9);
			}
		}
	}

	@Test
	void placesRandomValuesInVllmsBucket() {
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 200_000; i++) {
			assertPlacedAsVllmWithinANanosecond(random.nextDouble(0, 6));
			assertPlacedAsVllmWithinANanosecond(random.nextDouble(0, 0.002));
		}
	}

	@Test
	void rejectsBoundsThatDoNotIncrease() {
		assertThatIllegalArgumentException().isThrownBy(() -> SecondsBuckets.of(0.1, 0.1))
			.withMessageContaining("strictly increasing");
		assertThatIllegalArgumentException().isThrownBy(() -> SecondsBuckets.of(0.1, 0.2, 0.15))
			.withMessageContaining("strictly increasing");
		assertThatIllegalArgumentException().isThrownBy(() -> SecondsBuckets.of(0.1, Double.NaN))
			.withMessageContaining("strictly increasing");
	}

	@Test
	void rejectsBoundsThatAreNotWholeNanoseconds() {
		assertThatIllegalArgumentException().isThrownBy(() -> SecondsBuckets.of(0.001, 0.0015000000001))
			.withMessageContaining("not a whole number of nanoseconds");
	}

	private void assertPlacedAsVllmWithinANanosecond(double value) {
		long nanos = this.buckets.toNanos(value);
		assertThat(micrometerBucket(nanos)).as("bucket of %s s recorded as %d ns", value, nanos)
			.isEqualTo(vllmBucket(value));
		BigDecimal error = new BigDecimal(value).movePointRight(9).subtract(BigDecimal.valueOf(nanos)).abs();
		assertThat(error).as("|%s s - %d ns|", value, nanos).isLessThanOrEqualTo(BigDecimal.ONE);
	}

	private static int vllmBucket(double seconds) {
		int bucket = 0;
		while (bucket < BOUNDS.length && !(seconds <= BOUNDS[bucket])) {
			bucket++;
		}
		return bucket;
	}

	private int micrometerBucket(long nanos) {
		Duration[] objectives = this.buckets.serviceLevelObjectives();
		int bucket = 0;
		while (bucket < objectives.length && nanos > objectives[bucket].toNanos()) {
			bucket++;
		}
		return bucket;
	}

}
