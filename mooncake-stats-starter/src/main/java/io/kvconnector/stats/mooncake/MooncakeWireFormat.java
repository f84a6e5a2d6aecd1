package io.kvconnector.stats.mooncake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.internal.WireReader;

/**
 * Reads and writes vLLM's Mooncake {@code data} dict: operation names mapped to lists of
 * records with {@code duration_seconds}, {@code num_keys}, {@code num_bytes},
 * {@code status} and {@code num_failed_keys}.
 *
 * @author kvconnector-stats
 */
final class MooncakeWireFormat {

	private static final String DURATION_SECONDS = "duration_seconds";

	private static final String NUM_KEYS = "num_keys";

	private static final String NUM_BYTES = "num_bytes";

	private static final String STATUS = "status";

	private static final String NUM_FAILED_KEYS = "num_failed_keys";

	private MooncakeWireFormat() {
	}

	/**
	 * Read the data dict as it arrives: {@code num_bytes}, {@code status} and
	 * {@code num_failed_keys} default to {@code 0}, {@code "ok"} and {@code 0}; extra
	 * record fields are ignored; anything else malformed is rejected whole.
	 * @param data the reader, at the data dict
	 * @param pool where the records' storage comes from
	 * @return the records
	 * @throws InvalidStatsDataException naming the offending path
	 */
	static OperationRecords read(WireReader data, ChunkPool pool) {
		OperationRecords records = new OperationRecords(pool);
		data.beginObject();
		for (String operation = data.nextName(); operation != null; operation = data.nextName()) {
			SampleRows rows = records.rows(data.labelName(operation));
			data.beginArray();
			while (data.nextElement()) {
				readRecord(data, records, rows);
			}
		}
		return records;
	}

	private static void readRecord(WireReader data, OperationRecords records, SampleRows rows) {
		data.beginObject();
		double duration = -1;
		long keys = -1;
		long bytes = 0;
		long failedKeys = 0;
		int status = OperationRecords.OK_INDEX;
		for (String field = data.nextName(); field != null; field = data.nextName()) {
			switch (field) {
				case DURATION_SECONDS -> duration = data.duration();
				case NUM_KEYS -> keys = data.integer(Long.MAX_VALUE);
				case NUM_BYTES -> bytes = data.integer(Long.MAX_VALUE);
				case NUM_FAILED_KEYS -> failedKeys = data.integer(Long.MAX_VALUE);
				case STATUS -> status = records.statusIndex(data.label());
				default -> data.skipValue();
			}
		}
		if (duration < 0) {
			throw missing(data, DURATION_SECONDS);
		}
		if (keys < 0) {
			throw missing(data, NUM_KEYS);
		}
		rows.append(Double.doubleToRawLongBits(duration), keys, bytes, failedKeys, status);
	}

	private static InvalidStatsDataException missing(WireReader data, String field) {
		return new InvalidStatsDataException(data.path(field), "required field is missing");
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
				record.put(DURATION_SECONDS, Double.longBitsToDouble(rows.get(row, OperationRecords.DURATION)));
				record.put(NUM_KEYS, rows.get(row, OperationRecords.KEYS));
				record.put(NUM_BYTES, rows.get(row, OperationRecords.BYTES));
				record.put(STATUS, records.statuses.get((int) rows.get(row, OperationRecords.STATUS)));
				record.put(NUM_FAILED_KEYS, rows.get(row, OperationRecords.FAILED_KEYS));
				list.add(record);
			}
			data.put(records.operations.name(i), list);
		}
		return data;
	}

}
