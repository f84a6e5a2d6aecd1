package io.kvconnector.stats.nixl.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.conformance.ReducedValues;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import org.junit.jupiter.api.Named;

/**
 * The corpus cases whose log line the NIXL interval-log tests check: every edge case that
 * logs (failure-only, {@code inf}, {@code nan}, huge throughputs) and the last logged
 * case of every other family, the largest and split in parts.
 *
 * @author kvconnector-stats
 */
final class NixlLogCases {

	private NixlLogCases() {
	}

	static Stream<Named<Map<String, Object>>> cases() {
		Map<String, Map<String, Object>> lastOfFamily = new LinkedHashMap<>();
		Stream.Builder<Map<String, Object>> selected = Stream.builder();
		for (Map<String, Object> corpusCase : ConformanceCorpus.read(ConformanceCorpus.NIXL_REDUCE)) {
			if (corpusCase.get("log") == null) {
				continue;
			}
			String family = (String) corpusCase.get("family");
			if (family.equals("edge")) {
				selected.add(corpusCase);
			}
			else {
				lastOfFamily.put(family, corpusCase);
			}
		}
		lastOfFamily.values().forEach(selected::add);
		return selected.build().map((c) -> Named.of((String) c.get("id"), c));
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
		NixlKvConnectorStats stats = NixlKvConnectorStats.fromData(parts.get(0));
		for (Map<String, Object> part : parts.subList(1, parts.size())) {
			stats.aggregate(NixlKvConnectorStats.fromData(part));
		}
		return stats.data();
	}

}
