package io.kvconnector.stats;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes stats data in vLLM's JSON wire format.
 *
 * @author kvconnector-stats
 */
public final class StatsJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private StatsJson() {
	}

	/**
	 * Write the data of some stats as JSON, in vLLM's shape and key order.
	 * @param stats the stats
	 * @return the JSON text
	 */
	public static String write(KvConnectorStats<?> stats) {
		return MAPPER.writeValueAsString(stats.data());
	}

	/**
	 * Decode a JSON object into maps, lists, numbers and strings for a connector's
	 * {@code fromData}; integers stay exact and floats are read as the nearest double.
	 * @param json the JSON text
	 * @return the decoded object, in document order
	 * @throws InvalidStatsDataException if the text is not a single JSON object
	 */
	public static Map<String, ?> read(String json) {
		Object value;
		try {
			value = MAPPER.readValue(json, Object.class);
		}
		catch (JacksonException ex) {
			throw new InvalidStatsDataException("", "malformed JSON: " + ex.getOriginalMessage());
		}
		if (!(value instanceof Map<?, ?> object)) {
			throw new InvalidStatsDataException("",
					"expected an object but got " + ((value instanceof List) ? "an array" : "a value"));
		}
		@SuppressWarnings("unchecked")
		Map<String, ?> data = (Map<String, ?>) object;
		return data;
	}

}
