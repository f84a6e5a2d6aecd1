package io.kvconnector.stats.mooncake.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import io.kvconnector.stats.contract.AbstractWireFormatPropertyTests;
import io.kvconnector.stats.contract.ConnectorUnderTest;
import io.kvconnector.stats.mooncake.MooncakeConnectorUnderTest;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.MooncakeStoreConnectorStats;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;

/**
 * Property-based tests of the Mooncake store wire format: random valid data survives JSON
 * and reduces exactly like the original; random corruption is rejected with its path and
 * changes nothing.
 *
 * @author kvconnector-stats
 */
class MooncakeWireFormatPropertyTests
		extends AbstractWireFormatPropertyTests<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> {

	private static final List<String> OPERATIONS = List.of("save_exists", "save_put", "load_get", "lookup_exists",
			"étagère_get", "\ud83d\ude00_op", "Zeta");

	@Override
	protected ConnectorUnderTest<MooncakeStoreConnectorStats, MooncakeStatsRecorder, MooncakeMetrics> connector() {
		return new MooncakeConnectorUnderTest();
	}

	@Override
	protected Arbitrary<Map<String, Object>> arbitraryValidData() {
		Arbitrary<Object> record = Combinators
			.combine(Arbitraries.oneOf(Arbitraries.doubles().between(0, 120), Arbitraries.of(0.0, 0.001, 4.0)),
					Arbitraries.longs().between(0, 1L << 31), Arbitraries.longs().between(0, 1L << 50),
					Arbitraries.of("ok", "ok", "error", "timeout"), Arbitraries.longs().between(0, 100),
					Arbitraries.integers().between(0, 3))
			.as((duration, keys, bytes, status, failed, omit) -> {
				Map<String, Object> fields = new LinkedHashMap<>();
				fields.put("duration_seconds", duration);
				fields.put("num_keys", keys);
				if (omit != 1) {
					fields.put("num_bytes", bytes);
				}
				if (omit != 2) {
					fields.put("status", status);
				}
				if (omit != 3) {
					fields.put("num_failed_keys", failed);
				}
				return fields;
			});
		return Arbitraries.maps(Arbitraries.of(OPERATIONS), record.list().ofMaxSize(60).map((r) -> (Object) r))
			.ofMaxSize(5)
			.map(LinkedHashMap::new);
	}

	@Override
	protected Arbitrary<Corrupted> arbitraryCorruptedData() {
		Arbitrary<Map<String, Object>> withRecords = arbitraryValidData()
			.filter((data) -> data.values().stream().anyMatch((records) -> !((List<?>) records).isEmpty()));
		return Combinators
			.combine(withRecords, Arbitraries.integers().between(0, 7),
					Arbitraries.integers().between(0, Integer.MAX_VALUE),
					Arbitraries.of("1", true, List.of(), Map.of(), Double.NaN, Double.POSITIVE_INFINITY, 1.5, -1,
							-1e-9))
			.as(MooncakeWireFormatPropertyTests::corrupt);
	}

	@SuppressWarnings("unchecked")
	private static Corrupted corrupt(Map<String, Object> valid, int kind, int seed, Object bad) {
		Map<String, Object> data = deepCopy(valid);
		String operation = data.entrySet()
			.stream()
			.filter((entry) -> !((List<?>) entry.getValue()).isEmpty())
			.map(Map.Entry::getKey)
			.toList()
			.get(0);
		List<Object> records = (List<Object>) data.get(operation);
		int row = seed % records.size();
		Map<String, Object> record = (Map<String, Object>) records.get(row);
		String at = operation + "[" + row + "]";
		return switch (kind) {
			case 0 -> {
				record.put("duration_seconds", Double.valueOf(1.5).equals(bad) ? -1.5 : bad);
				yield new Corrupted(data, at + ".duration_seconds");
			}
			case 1 -> {
				String field = List.of("num_keys", "num_bytes", "num_failed_keys").get(seed % 3);
				record.put(field, (bad instanceof Number number && number.doubleValue() == -1e-9) ? 2.5 : bad);
				yield new Corrupted(data, at + "." + field);
			}
			case 2 -> {
				// the ingest's JSON writes NaN and infinities as strings, valid statuses
				Object notAString = (bad instanceof Double number && !Double.isFinite(number)) ? 1.5 : bad;
				record.put("status", (bad instanceof String) ? "\u0007" : (seed % 2 == 0) ? " " : notAString);
				yield new Corrupted(data, at + ".status");
			}
			case 3 -> {
				record.remove((seed % 2 == 0) ? "duration_seconds" : "num_keys");
				yield new Corrupted(data, at + "." + ((seed % 2 == 0) ? "duration_seconds" : "num_keys"));
			}
			case 4 -> {
				records.set(row, (bad instanceof Map) ? "record" : bad);
				yield new Corrupted(data, at);
			}
			case 5 -> {
				data.put(operation, Map.of("0", record));
				yield new Corrupted(data, operation);
			}
			case 6 -> {
				Map<String, Object> renamed = new LinkedHashMap<>();
				String name = (seed % 2 == 0) ? "x".repeat(129) : "bad\nname";
				renamed.put(name, List.of());
				renamed.putAll(data);
				yield new Corrupted(renamed, name);
			}
			default -> {
				record.put("num_keys", null);
				yield new Corrupted(data, at + ".num_keys");
			}
		};
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> deepCopy(Map<String, Object> data) {
		Map<String, Object> copy = new LinkedHashMap<>();
		data.forEach((operation, records) -> {
			List<Object> copied = new ArrayList<>();
			((List<Object>) records).forEach((record) -> copied.add(new LinkedHashMap<>((Map<String, Object>) record)));
			copy.put(operation, copied);
		});
		return copy;
	}

}
