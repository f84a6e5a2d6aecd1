package io.kvconnector.stats.mooncake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.internal.WireFormat;

/**
 * Reads and writes vLLM's Mooncake {@code data} dict: operation names mapped to lists of
 * records with {@code duration_seconds}, {@code num_keys}, {@code num_bytes},
 * {@code status} and {@code num_failed_keys}.
 *
 * @author kvconnector-stats
 */
final class MooncakeWireFormat {

	private MooncakeWireFormat() {
	}

	/**
	 * Read the data dict: {@code num_bytes}, {@code status} and {@code num_failed_keys}
	 * default to {@code 0}, {@code "ok"} and {@code 0}; extra record fields are ignored;
	 * anything else malformed is rejected whole.
	 * @param data the decoded data
	 * @param pool where the records' storage comes from
	 * @return the records
	 * @throws InvalidStatsDataException naming the offending path
	 */
	static OperationRecords read(Map<String, ?> data, ChunkPool pool) {
		OperationRecords records = new OperationRecords(pool);
		for (Map.Entry<String, ?> entry : data.entrySet()) {
			String operation = WireFormat.label(entry.getKey(), entry.getKey());
			List<?> list = WireFormat.array(entry.getValue(), operation);
			SampleRows rows = records.rows(operation);
			for (int i = 0; i < list.size(); i++) {
				String path = operation + "[" + i + "]";
				Map<String, ?> record = WireFormat.object(list.get(i), path);
				double duration = WireFormat.duration(required(record, "duration_seconds", path),
						path + ".duration_seconds");
				long keys = WireFormat.integer(required(record, "num_keys", path), path + ".num_keys", Long.MAX_VALUE);
				long bytes = optionalInteger(record, "num_bytes", path);
				long failedKeys = optionalInteger(record, "num_failed_keys", path);
				String status = record.containsKey("status") ? WireFormat.label(record.get("status"), path + ".status")
						: MooncakeStoreConnectorStats.STATUS_OK;
				rows.append(Double.doubleToRawLongBits(duration), keys, bytes, failedKeys, records.statusIndex(status));
			}
		}
		return records;
	}

	/**
	 * Write records as the data dict, every field present, in vLLM's order.
	 * @param records the records
	 * @return an ordered, independent map
	 */
	static Map<String, List<Map<String, Object>>> write(OperationRecords records) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		for (int i = 0; i < records.operations.size(); i++) {
			SampleRows rows = records.operations.table(i);
			List<Map<String, Object>> list = new ArrayList<>(rows.size());
			for (int row = 0; row < rows.size(); row++) {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("duration_seconds", Double.longBitsToDouble(rows.get(row, OperationRecords.DURATION)));
				record.put("num_keys", rows.get(row, OperationRecords.KEYS));
				record.put("num_bytes", rows.get(row, OperationRecords.BYTES));
				record.put("status", records.statuses.get((int) rows.get(row, OperationRecords.STATUS)));
				record.put("num_failed_keys", rows.get(row, OperationRecords.FAILED_KEYS));
				list.add(record);
			}
			data.put(records.operations.name(i), list);
		}
		return data;
	}

	private static @Nullable Object required(Map<String, ?> record, String field, String path) {
		if (!record.containsKey(field)) {
			throw new InvalidStatsDataException(path + "." + field, "required field is missing");
		}
		return record.get(field);
	}

	private static long optionalInteger(Map<String, ?> record, String field, String path) {
		return record.containsKey(field) ? WireFormat.integer(record.get(field), path + "." + field, Long.MAX_VALUE)
				: 0;
	}

}
