package io.kvconnector.stats.conformance;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.KvTransferLogLine;
import io.kvconnector.stats.contract.ConnectorUnderTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a connector's stats against every case of its reduce corpus, produced by vLLM's
 * own stats class: the parts are parsed and aggregated in order, then {@code reduce()}
 * (key order, integers as integers, doubles bit for bit), {@code isEmpty()} and the log
 * line must be vLLM's. Each starter extends it with its corpus.
 *
 * @param <S> the stats type
 * @author kvconnector-stats
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractReduceConformanceTests<S extends KvConnectorStats<S>> {

	/**
	 * Return the connector under test.
	 * @return the connector
	 */
	protected abstract ConnectorUnderTest<S, ?, ?> connector();

	/**
	 * Return the connector's reduce corpus.
	 * @return the file name, such as {@link ConformanceCorpus#NIXL_REDUCE}
	 */
	protected abstract String corpus();

	Stream<Named<Map<String, Object>>> corpusCases() {
		return ConformanceCorpus.named(corpus());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpusCases")
	void reduceIsEmptyAndLogLineMatchVllmOnEveryCorpusCase(Map<String, Object> corpusCase) {
		List<Map<String, Object>> parts = ReducedValues.parts(corpusCase);
		S stats = connector().fromData(parts.get(0));
		for (Map<String, Object> part : parts.subList(1, parts.size())) {
			stats.aggregate(connector().fromData(part));
		}
		Map<String, Number> reduced = stats.reduce();
		String id = (String) corpusCase.get("id");
		ReducedValues.assertIdentical(id, reduced, castMap(corpusCase.get("reduce")));
		assertThat(stats.isEmpty()).as(id + ": isEmpty()").isEqualTo(corpusCase.get("is_empty"));
		String log = stats.isEmpty() ? null : KvTransferLogLine.format(reduced);
		assertThat(log).as(id + ": log line").isEqualTo(corpusCase.get("log"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> castMap(Object value) {
		return (Map<String, ?>) value;
	}

}
