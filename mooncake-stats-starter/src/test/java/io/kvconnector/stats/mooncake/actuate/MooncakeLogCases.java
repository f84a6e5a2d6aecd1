package io.kvconnector.stats.mooncake.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.conformance.ReducedValues;
import io.kvconnector.stats.mooncake.MooncakeStoreConnectorStats;
import org.junit.jupiter.api.Named;

/**
 * The corpus cases whose log line the Mooncake store interval-log tests check: the last
 * logged case of every family, the largest and split in parts.
 *
 * @author kvconnector-stats
 */
final class MooncakeLogCases {

	private MooncakeLogCases() {
	}

	static Stream<Named<Map<String, Object>>> cases() {
		Map<String, Map<String, Object>> lastOfFamily = new LinkedHashMap<>();
		for (Map<String, Object> corpusCase : ConformanceCorpus.read(ConformanceCorpus.MOONCAKE_REDUCE)) {
			if (corpusCase.get("log") != null) {
				lastOfFamily.put((String) corpusCase.get("family"), corpusCase);
			}
		}
		return lastOfFamily.values().stream().map((c) -> Named.of((String) c.get("id"), c));
	}

	static Map<String, Object> byId(String id) {
		return cases().filter((named) -> named.getName().equals(id)).findFirst().orElseThrow().getPayload();
	}

	/**
	 * Aggregate the parts of a case locally, so that a single request carries it whole
	 * and the running rotation cannot split it across two intervals.
	 */
	static Map<String, ?> merged(Map<String, Object> corpusCase) {
		List<Map<String, Object>> parts = ReducedValues.parts(corpusCase);
		MooncakeStoreConnectorStats stats = MooncakeStoreConnectorStats.fromData(parts.get(0));
		for (Map<String, Object> part : parts.subList(1, parts.size())) {
			stats.aggregate(MooncakeStoreConnectorStats.fromData(part));
		}
		return stats.data();
	}

}
