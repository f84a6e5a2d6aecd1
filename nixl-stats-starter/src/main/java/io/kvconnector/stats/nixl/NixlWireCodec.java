package io.kvconnector.stats.nixl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.internal.WireFormat;
import io.kvconnector.stats.internal.WireReader;

/**
 * vLLM's wire format of NIXL stats (the {@code data} dict): read tolerantly of what newer
 * vLLM versions add and strictly about what is wrong, naming its path, and written in
 * vLLM's key order.
 *
 * @author kvconnector-stats
 */
final class NixlWireCodec {

	static final String TRANSFER_DURATION = "transfer_duration";

	static final String POST_DURATION = "post_duration";

	static final String BYTES_TRANSFERRED = "bytes_transferred";

	static final String NUM_DESCRIPTORS = "num_descriptors";

	/**
	 * The keys of the transfer columns, in column order.
	 */
	private static final List<String> TRANSFER_KEYS = List.of(TRANSFER_DURATION, POST_DURATION, BYTES_TRANSFERRED,
			NUM_DESCRIPTORS);

	private static final Map<String, NixlFailure> FAILURES_BY_KEY = failuresByKey();

	private NixlWireCodec() {
	}

	private static Map<String, NixlFailure> failuresByKey() {
		Map<String, NixlFailure> kinds = new HashMap<>();
		for (NixlFailure kind : NixlFailure.values()) {
			kinds.put(kind.wireKey(), kind);
		}
		return Map.copyOf(kinds);
	}

	/**
	 * Read the samples of a {@code data} dict as they arrive: a missing list is empty,
	 * extra lists of numbers are ignored, anything else malformed is rejected whole.
	 * @param data the reader, at the {@code data} dict
	 * @param pool where the transfer rows take their chunks
	 * @param schema the schema the samples keep their failures in
	 * @return the samples
	 * @throws InvalidStatsDataException naming the offending path
	 */
	static NixlSamples read(WireReader data, ChunkPool pool, NixlSchema schema) {
		NixlSamples samples = new NixlSamples(pool, schema);
		int[] lengths = new int[TRANSFER_KEYS.size()];
		data.beginObject();
		for (String key = data.nextName(); key != null; key = data.nextName()) {
			int column = TRANSFER_KEYS.indexOf(key);
			NixlFailure kind = (column < 0) ? FAILURES_BY_KEY.get(key) : null;
			if (column >= 0) {
				lengths[column] = readColumn(data, samples.transfers, column);
			}
			else if (kind != null) {
				data.beginArray();
				FailureList failures = samples.failures(kind);
				while (data.nextElement()) {
					failures.append(data.integer(WireFormat.MAX_DESCRIPTORS), 1);
				}
			}
			else {
				data.skipNumbers();
			}
		}
		samples.keepReadFailuresAsSchema();
		int n = lengths[0];
		for (int column = 1; column < lengths.length; column++) {
			if (lengths[column] != n) {
				throw new InvalidStatsDataException(data.path(TRANSFER_KEYS.get(column)),
						"expected " + n + " entries, as many as " + TRANSFER_DURATION + ", but got " + lengths[column]);
			}
		}
		return samples;
	}

	private static int readColumn(WireReader data, SampleRows transfers, int column) {
		data.beginArray();
		boolean seconds = column == NixlSamples.TRANSFER || column == NixlSamples.POST;
		long max = (column == NixlSamples.DESCRIPTORS) ? WireFormat.MAX_DESCRIPTORS : Long.MAX_VALUE;
		int row = 0;
		while (data.nextElement()) {
			long cell = seconds ? Double.doubleToRawLongBits(data.duration()) : data.integer(max);
			transfers.put(row++, column, cell);
		}
		return row;
	}

	/**
	 * Write samples as a {@code data} dict.
	 * @param samples the samples, not shared with a recording thread
	 * @return the lists of the samples' schema in vLLM's key order
	 */
	static Map<String, List<Number>> write(NixlSamples samples) {
		Map<String, List<Number>> data = new LinkedHashMap<>();
		SampleRows rows = samples.transfers;
		int n = rows.size();
		for (int column = 0; column < TRANSFER_KEYS.size(); column++) {
			boolean seconds = column == NixlSamples.TRANSFER || column == NixlSamples.POST;
			List<Number> values = new ArrayList<>(n);
			for (int row = 0; row < n; row++) {
				long cell = rows.get(row, column);
				values.add(seconds ? (Number) Double.longBitsToDouble(cell) : (Number) cell);
			}
			data.put(TRANSFER_KEYS.get(column), values);
		}
		for (NixlFailure kind : samples.schema.failures()) {
			data.put(kind.wireKey(), new ArrayList<>(samples.failures(kind).toList()));
		}
		return data;
	}

}
