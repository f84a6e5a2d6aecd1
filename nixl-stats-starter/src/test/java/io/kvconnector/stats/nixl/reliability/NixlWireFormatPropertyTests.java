package io.kvconnector.stats.nixl.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import io.kvconnector.stats.contract.AbstractWireFormatPropertyTests;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;

/**
 * Property-based tests of NIXL's wire format: random valid data survives JSON and reduces
 * exactly like the original; random corruption is rejected with its path and changes
 * nothing.
 *
 * @author kvconnector-stats
 */
class NixlWireFormatPropertyTests
		extends AbstractWireFormatPropertyTests<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> {

	private static final List<String> TRANSFER_KEYS = List.of("transfer_duration", "post_duration", "bytes_transferred",
			"num_descriptors");

	private static final List<String> FAILURE_KEYS = List.of("num_failed_transfers", "num_failed_notifications",
			"num_kv_expired_reqs");

	@Override
	protected ConnectorUnderTest<NixlKvConnectorStats, NixlStatsRecorder, NixlMetrics> connector() {
		return new NixlConnectorUnderTest();
	}

	@Override
	protected Arbitrary<Map<String, Object>> arbitraryValidData() {
		return Arbitraries.integers().between(0, 200).flatMap((n) -> {
			Arbitrary<List<Object>> transfers = durations().list().ofSize(n);
			Arbitrary<List<Object>> posts = durations().list().ofSize(n);
			Arbitrary<List<Object>> bytes = Arbitraries.longs()
				.between(0, 1L << 44)
				.map((value) -> (Object) value)
				.list()
				.ofSize(n);
			Arbitrary<List<Object>> descriptors = Arbitraries.longs()
				.between(0, 0xFFFF_FFFFL)
				.map((value) -> (Object) value)
				.list()
				.ofSize(n);
			Arbitrary<List<Object>> failures = Arbitraries.integers()
				.between(0, 3)
				.map((value) -> (Object) value)
				.list()
				.ofMaxSize(20);
			return Combinators.combine(transfers, posts, bytes, descriptors, failures, failures, failures)
				.as((t, p, b, d, f1, f2, f3) -> {
					Map<String, Object> data = new LinkedHashMap<>();
					data.put("transfer_duration", t);
					data.put("post_duration", p);
					data.put("bytes_transferred", b);
					data.put("num_descriptors", d);
					data.put("num_failed_transfers", f1);
					data.put("num_failed_notifications", f2);
					data.put("num_kv_expired_reqs", f3);
					return data;
				});
		});
	}

	private static Arbitrary<Object> durations() {
		return Arbitraries
			.oneOf(Arbitraries.longs().between(0, 600_000_000L).map((micros) -> micros / 1e6),
					Arbitraries.doubles().between(0, 1e3), Arbitraries.of(0.0, Double.MIN_VALUE, 0.005, 0.075, 1e-300))
			.map((value) -> (Object) value);
	}

	@Override
	protected Arbitrary<Corrupted> arbitraryCorruptedData() {
		Arbitrary<Map<String, Object>> nonEmpty = arbitraryValidData()
			.filter((data) -> !list(data, "transfer_duration").isEmpty());
		return Combinators
			.combine(nonEmpty, Arbitraries.integers().between(0, 8),
					Arbitraries.integers().between(0, Integer.MAX_VALUE), badValues())
			.as(NixlWireFormatPropertyTests::corrupt);
	}

	private static Arbitrary<Object> badValues() {
		return Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, -0.01).map((v) -> (Object) v),
				Arbitraries.of("1", true, List.of(), Map.of(), Double.NaN, Double.POSITIVE_INFINITY, 1.5, -1));
	}

	private static Corrupted corrupt(Map<String, Object> valid, int kind, int seed, Object bad) {
		Map<String, Object> data = deepCopy(valid);
		int n = list(data, "transfer_duration").size();
		int row = seed % n;
		switch (kind) {
			case 0, 1 -> {
				String key = TRANSFER_KEYS.get(kind);
				list(data, key).set(row, Double.valueOf(1.5).equals(bad) ? -1.5 : bad);
				return new Corrupted(data, key + "[" + row + "]");
			}
			case 2, 3 -> {
				String key = TRANSFER_KEYS.get(kind);
				Object value = (bad instanceof Number number && number.doubleValue() < 0) ? 1.5 : bad;
				list(data, key).set(row, (kind == 3 && seed % 2 == 0) ? (Object) (1L << 32) : value);
				return new Corrupted(data, key + "[" + row + "]");
			}
			case 4 -> {
				String key = TRANSFER_KEYS.get(seed % TRANSFER_KEYS.size());
				list(data, key).remove(row);
				return new Corrupted(data, key.equals("transfer_duration") ? "post_duration" : key);
			}
			case 5 -> {
				String key = FAILURE_KEYS.get(seed % FAILURE_KEYS.size());
				List<Object> failures = list(data, key);
				failures.add(seed % (failures.size() + 1), (bad instanceof Number) ? -1 : bad);
				return new Corrupted(data, key + "[" + (seed % failures.size()) + "]");
			}
			case 6 -> {
				String key = TRANSFER_KEYS.get(seed % TRANSFER_KEYS.size());
				data.put(key, Map.of("0", 1));
				return new Corrupted(data, key);
			}
			case 7 -> {
				data.put("future_metric", List.of(1, "x"));
				return new Corrupted(data, "future_metric[1]");
			}
			default -> {
				list(data, "transfer_duration").set(row, null);
				return new Corrupted(data, "transfer_duration[" + row + "]");
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Map<String, Object> data, String key) {
		return (List<Object>) data.get(key);
	}

	private static Map<String, Object> deepCopy(Map<String, Object> data) {
		Map<String, Object> copy = new LinkedHashMap<>();
		data.forEach((key, value) -> copy.put(key, new ArrayList<>((List<?>) value)));
		return copy;
	}

}
