package io.kvconnector.stats;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KvTransferLogLine}.
 *
 * @author kvconnector-stats
 */
class KvTransferLogLineTests {

	@Test
	void writesValuesAsPythonStrInReduceOrder() {
		Map<String, Number> reduced = new LinkedHashMap<>();
		reduced.put("Num successful transfers", 5);
		reduced.put("Avg xfer time (ms)", 1.0);
		reduced.put("Tiny", 1e-5);
		reduced.put("Huge", 1.5e16);
		reduced.put("Throughput (MB/s)", Double.POSITIVE_INFINITY);
		reduced.put("Ratio", Double.NaN);
		reduced.put("total", BigInteger.TWO.pow(70));
		assertThat(KvTransferLogLine.format(reduced)).isEqualTo("KV Transfer metrics: Num successful transfers=5, "
				+ "Avg xfer time (ms)=1.0, Tiny=1e-05, Huge=1.5e+16, Throughput (MB/s)=inf, Ratio=nan, "
				+ "total=1180591620717411303424");
	}

	@Test
	void prefixesTheEngineIndexWithThreeDigits() {
		assertThat(KvTransferLogLine.format(7, Map.of("a_count", 1)))
			.isEqualTo("Engine 007: KV Transfer metrics: a_count=1");
	}

	@Test
	void anEmptyReductionHasNoPairs() {
		assertThat(KvTransferLogLine.format(Map.of())).isEqualTo("KV Transfer metrics: ");
	}

}
