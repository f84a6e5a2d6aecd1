package io.kvconnector.stats.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Named;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the conformance corpus produced by running vLLM's own stats classes (see
 * {@code conformance/README.md} in the test resources).
 *
 * @author kvconnector-stats
 */
public final class ConformanceCorpus {

	/**
	 * The NIXL reduce corpus.
	 */
	public static final String NIXL_REDUCE = "nixl-reduce.jsonl.gz";

	/**
	 * The NIXL reduce corpus of schema v2 ({@code kvconnector.nixl.schema=v2}).
	 */
	public static final String NIXL_V2_REDUCE = "nixl-v2-reduce.jsonl.gz";

	/**
	 * The Mooncake store reduce corpus.
	 */
	public static final String MOONCAKE_REDUCE = "mooncake-reduce.jsonl.gz";

	/**
	 * The Prometheus exposition corpus.
	 */
	public static final String PROMETHEUS = "prometheus.jsonl.gz";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private ConformanceCorpus() {
	}

	/**
	 * Read every case of a corpus file, in file order.
	 * @param file the file name, such as {@link #NIXL_REDUCE}
	 * @return the cases as ordered maps
	 */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> read(String file) {
		List<Map<String, Object>> cases = new ArrayList<>();
		try (InputStream resource = ConformanceCorpus.class.getResourceAsStream("/conformance/" + file)) {
			if (resource == null) {
				throw new IllegalStateException("missing test resource conformance/" + file);
			}
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank()) {
					cases.add(MAPPER.readValue(line, Map.class));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return cases;
	}

	/**
	 * Return every case of a corpus file, named by its id, for a parameterized test.
	 * @param file the file name
	 * @return the named cases
	 */
	public static Stream<Named<Map<String, Object>>> named(String file) {
		return read(file).stream().map((c) -> Named.of((String) c.get("id"), c));
	}

}
