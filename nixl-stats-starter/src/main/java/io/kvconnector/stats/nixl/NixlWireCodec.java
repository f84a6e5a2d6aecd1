package io.kvconnector.stats.nixl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.internal.WireFormat;

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

	private static final Set<String> KNOWN_KEYS = knownKeys();

	private NixlWireCodec() {
	}

	private static Set<String> knownKeys() {
		Set<String> keys = new HashSet<>(TRANSFER_KEYS);
		for (NixlFailure kind : NixlFailure.values()) {
			keys.add(kind.wireKey());
		}
		return Set.copyOf(keys);
	}

	/**
	 * Read the samples of a {@code data} dict: a missing list is empty, extra lists of
	 * numbers are ignored, anything else malformed is rejected whole.
	 * @param data the decoded {@code data} dict
	 * @param pool where the transfer rows take their chunks
	 * @param schema the schema the samples keep their failures in
	 * @return the samples
	 * @throws InvalidStatsDataException naming the offending path
	 */
	static NixlSamples read(Map<String, ?> data, ChunkPool pool, NixlSchema schema) {
		NixlSamples samples = new NixlSamples(pool, schema);
		List<?> transfers = list(data, TRANSFER_DURATION);
		List<?> posts = list(data, POST_DURATION);
		List<?> bytes = list(data, BYTES_TRANSFERRED);
		List<?> descriptors = list(data, NUM_DESCRIPTORS);
		int n = transfers.size();
		for (String key : TRANSFER_KEYS) {
			int size = list(data, key).size();
			if (size != n) {
				throw new InvalidStatsDataException(key,
						"expected " + n + " entries, as many as " + TRANSFER_DURATION + ", but got " + size);
			}
		}
		for (int i = 0; i < n; i++) {
			samples.appendTransfer(WireFormat.duration(transfers.get(i), path(TRANSFER_DURATION, i)),
					WireFormat.duration(posts.get(i), path(POST_DURATION, i)),
					WireFormat.integer(bytes.get(i), path(BYTES_TRANSFERRED, i), Long.MAX_VALUE),
					WireFormat.integer(descriptors.get(i), path(NUM_DESCRIPTORS, i), WireFormat.MAX_DESCRIPTORS));
		}
		for (NixlFailure kind : NixlFailure.values()) {
			List<?> values = list(data, kind.wireKey());
			for (int i = 0; i < values.size(); i++) {
				samples.appendFailure(kind,
						WireFormat.integer(values.get(i), path(kind.wireKey(), i), WireFormat.MAX_DESCRIPTORS));
			}
		}
		for (Map.Entry<String, ?> entry : data.entrySet()) {
			if (!KNOWN_KEYS.contains(entry.getKey())) {
				List<?> extra = WireFormat.array(entry.getValue(), entry.getKey());
				for (int i = 0; i < extra.size(); i++) {
					if (!(extra.get(i) instanceof Number)) {
						throw new InvalidStatsDataException(path(entry.getKey(), i), "expected a number");
					}
				}
			}
		}
		return samples;
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

	private static List<?> list(Map<String, ?> data, String key) {
		Object value = data.get(key);
		return (value != null || data.containsKey(key)) ? WireFormat.array(value, key) : List.of();
	}

	private static String path(String key, int index) {
		return key + "[" + index + "]";
	}

}
