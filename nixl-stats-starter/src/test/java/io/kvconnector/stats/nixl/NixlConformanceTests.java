package io.kvconnector.stats.nixl;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kvconnector.stats.KvTransferLogLine;
import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.conformance.ReducedValues;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks {@link NixlKvConnectorStats} against every case vLLM's own
 * {@code NixlKVConnectorStats} produced.
 *
 * @author kvconnector-stats
 */
class NixlConformanceTests {

	static Stream<Named<Map<String, Object>>> corpus() {
		return ConformanceCorpus.named(ConformanceCorpus.NIXL_REDUCE);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void matchesVllmOnEveryCorpusCase(Map<String, Object> corpusCase) {
		List<Map<String, Object>> parts = ReducedValues.parts(corpusCase);
		NixlKvConnectorStats stats = NixlKvConnectorStats.fromData(parts.get(0));
		for (Map<String, Object> part : parts.subList(1, parts.size())) {
			stats.aggregate(NixlKvConnectorStats.fromData(part));
		}
		Map<String, Number> reduced = stats.reduce();
		String id = (String) corpusCase.get("id");
		ReducedValues.assertIdentical(id, reduced, castMap(corpusCase.get("reduce")));
		assertThat(stats.isEmpty()).as(id + ": isEmpty()").isEqualTo(corpusCase.get("is_empty"));
		String expectedLog = (String) corpusCase.get("log");
		String log = stats.isEmpty() ? null : KvTransferLogLine.format(reduced);
		assertThat(log).as(id + ": log line").isEqualTo(expectedLog);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> castMap(Object value) {
		return (Map<String, ?>) value;
	}

}
