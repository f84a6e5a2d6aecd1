package io.kvconnector.stats;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StatsJson}.
 *
 * @author kvconnector-stats
 */
class StatsJsonTests {

	@Test
	@SuppressWarnings("unchecked")
	void readKeepsDocumentOrderExactIntegersAndNearestDoubles() {
		Map<String, ?> data = StatsJson.read("{\"b\":[0.1,3,18446744073709551616],\"a\":[]}");
		assertThat(data.keySet()).containsExactly("b", "a");
		assertThat((List<Object>) data.get("b")).containsExactly(0.1, 3, BigInteger.TWO.pow(64));
	}

	@Test
	void readRejectsMalformedJsonDuplicateKeysAndNonObjects() {
		assertThatExceptionOfType(InvalidStatsDataException.class).isThrownBy(() -> StatsJson.read("{\"a\":"))
			.withMessageContaining("malformed JSON");
		assertThatExceptionOfType(InvalidStatsDataException.class)
			.isThrownBy(() -> StatsJson.read("{\"a\":[],\"a\":[]}"))
			.withMessageContaining("malformed JSON");
		assertThatExceptionOfType(InvalidStatsDataException.class).isThrownBy(() -> StatsJson.read("[1]"))
			.withMessageContaining("expected an object but got an array");
	}

}
