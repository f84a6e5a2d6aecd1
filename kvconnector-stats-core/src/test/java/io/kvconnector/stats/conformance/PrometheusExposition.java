package io.kvconnector.stats.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parsed Prometheus text exposition (format 0.0.4) and its comparison with one produced
 * by vLLM's {@code prometheus_client}, as the corpus README prescribes.
 *
 * @author kvconnector-stats
 */
public final class PrometheusExposition {

	private final Map<String, Family> families;

	private final Map<String, Sample> samples;

	private PrometheusExposition(Map<String, Family> families, Map<String, Sample> samples) {
		this.families = Collections.unmodifiableMap(families);
		this.samples = Collections.unmodifiableMap(samples);
	}

	/**
	 * Parse a text exposition.
	 * @param text the exposition, as scraped
	 * @return the families and samples it holds
	 * @throws IllegalArgumentException naming the line that is not valid exposition text
	 */
	public static PrometheusExposition parse(String text) {
		Map<String, Family> families = new LinkedHashMap<>();
		Map<String, Sample> samples = new LinkedHashMap<>();
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			try {
				if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
					String rest = line.substring(7);
					int space = rest.indexOf(' ');
					String name = (space < 0) ? rest : rest.substring(0, space);
					String value = (space < 0) ? "" : rest.substring(space + 1);
					Family family = families.getOrDefault(name, new Family(name, null, null));
					family = line.startsWith("# HELP ") ? family.withHelp(unescapeHelp(value))
							: family.withType(value.strip());
					families.put(name, family);
				}
				else if (!line.isBlank() && !line.startsWith("#")) {
					Sample sample = new SampleParser(line).parse();
					if (samples.put(sample.key(), sample) != null) {
						throw new IllegalArgumentException("duplicate sample " + sample.key());
					}
				}
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("line " + (i + 1) + " (" + line + "): " + ex.getMessage(), ex);
			}
		}
		return new PrometheusExposition(families, samples);
	}

	/**
	 * Return the families declared by {@code # HELP} and {@code # TYPE} lines, by name,
	 * in exposition order.
	 * @return the families
	 */
	public Map<String, Family> families() {
		return this.families;
	}

	/**
	 * Return the samples, in exposition order.
	 * @return the samples
	 */
	public List<Sample> samples() {
		return List.copyOf(this.samples.values());
	}

	/**
	 * Return the value of a sample.
	 * @param name the sample name, such as {@code vllm:nixl_xfer_time_seconds_bucket}
	 * @param labels its labels ({@code le} compared numerically)
	 * @return its value, or {@code null} when there is no such sample
	 */
	public @Nullable Double value(String name, Map<String, String> labels) {
		Sample sample = this.samples.get(Sample.key(name, labels));
		return (sample != null) ? sample.value() : null;
	}

	/**
	 * Assert that this exposition (ours) holds everything an expected one (vLLM's) holds:
	 * the HELP and TYPE of each expected family exactly, and each expected sample with
	 * the same name, labels and value, where counts compare exactly and a histogram's
	 * {@code _sum} within one nanosecond per observation of its {@code _count}. Extra
	 * families and samples of ours are fine.
	 * @param expected the expected exposition
	 */
	public void assertConformsTo(PrometheusExposition expected) {
		assertThat(differencesFrom(expected)).as("differences from the expected exposition").isEmpty();
	}

	/**
	 * Describe every way this exposition (ours) falls short of an expected one; empty
	 * when {@link #assertConformsTo} passes.
	 * @param expected the expected exposition
	 * @return one line per difference
	 */
	public List<String> differencesFrom(PrometheusExposition expected) {
		List<String> differences = new ArrayList<>();
		for (Family family : expected.families.values()) {
			Family ours = this.families.get(family.name());
			if (ours == null) {
				differences.add("missing family " + family.name());
				continue;
			}
			if (!family.equals(ours)) {
				differences.add("family " + family.name() + ": expected HELP " + quote(family.help()) + " TYPE "
						+ family.type() + " but was HELP " + quote(ours.help()) + " TYPE " + ours.type());
			}
		}
		for (Sample sample : expected.samples.values()) {
			Sample ours = this.samples.get(sample.key());
			if (ours == null) {
				differences.add("missing sample " + sample);
				continue;
			}
			double tolerance = expected.sumTolerance(sample);
			boolean equal = (tolerance > 0) ? Math.abs(ours.value() - sample.value()) <= tolerance
					: sameValue(ours.value(), sample.value());
			if (!equal) {
				differences.add("sample " + sample.name() + sample.labels() + ": expected " + sample.value()
						+ " but was " + ours.value() + ((tolerance > 0) ? " (tolerance " + tolerance + ")" : ""));
			}
		}
		return differences;
	}

	private double sumTolerance(Sample sample) {
		String name = sample.name();
		if (!name.endsWith("_sum")) {
			return 0;
		}
		String base = name.substring(0, name.length() - "_sum".length());
		Family family = this.families.get(base);
		if (family == null || !("histogram".equals(family.type()) || "summary".equals(family.type()))) {
			return 0;
		}
		Double count = value(base + "_count", sample.labels());
		if (count == null) {
			throw new IllegalArgumentException("no " + base + "_count for " + sample);
		}
		return count / 1e9;
	}

	private static boolean sameValue(double a, double b) {
		return a == b || (Double.isNaN(a) && Double.isNaN(b));
	}

	private static String quote(@Nullable String value) {
		return (value != null) ? "\"" + value + "\"" : "none";
	}

	private static String unescapeHelp(String help) {
		StringBuilder result = new StringBuilder(help.length());
		for (int i = 0; i < help.length(); i++) {
			char c = help.charAt(i);
			if (c == '\\' && i + 1 < help.length()) {
				char next = help.charAt(++i);
				switch (next) {
					case 'n' -> result.append('\n');
					case '\\' -> result.append('\\');
					default -> result.append(c).append(next);
				}
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

	static double parseValue(String text) {
		return switch (text) {
			case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			case "NaN" -> Double.NaN;
			default -> {
				if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
					throw new IllegalArgumentException("not a sample value: " + text);
				}
				yield Double.parseDouble(text);
			}
		};
	}

	/**
	 * A metric family as declared by its {@code # HELP} and {@code # TYPE} lines.
	 *
	 * @param name the family name as written, such as
	 * {@code vllm:nixl_num_failed_transfers_total}
	 * @param help the unescaped HELP text, or {@code null} when there is none
	 * @param type the TYPE, or {@code null} when there is none
	 */
	public record Family(String name, @Nullable String help, @Nullable String type) {

		Family withHelp(String help) {
			if (this.help != null) {
				throw new IllegalArgumentException("second HELP for " + this.name);
			}
			return new Family(this.name, help, this.type);
		}

		Family withType(String type) {
			if (this.type != null) {
				throw new IllegalArgumentException("second TYPE for " + this.name);
			}
			return new Family(this.name, this.help, type);
		}

	}

	/**
	 * One sample line.
	 *
	 * @param name the sample name
	 * @param labels the unescaped labels, sorted by name
	 * @param value the value
	 */
	public record Sample(String name, Map<String, String> labels, double value) {

		String key() {
			return key(this.name, this.labels);
		}

		static String key(String name, Map<String, String> labels) {
			StringBuilder key = new StringBuilder(name).append('{');
			new TreeMap<>(labels).forEach((label, value) -> {
				String normalized = "le".equals(label) ? String.valueOf(parseValue(value)) : value;
				key.append(label).append('=').append(normalized.replace("\\", "\\\\").replace(",", "\\,")).append(',');
			});
			return key.append('}').toString();
		}

		@Override
		public String toString() {
			return this.name + this.labels + " " + this.value;
		}

	}

	private static final class SampleParser {

		private final String line;

		private int position;

		SampleParser(String line) {
			this.line = line;
		}

		Sample parse() {
			String name = name();
			Map<String, String> labels = new TreeMap<>();
			if (peek() == '{') {
				this.position++;
				skipSpaces();
				while (peek() != '}') {
					String label = name();
					skipSpaces();
					expect('=');
					skipSpaces();
					String value = quoted();
					if (labels.put(label, value) != null) {
						throw new IllegalArgumentException("duplicate label " + label);
					}
					skipSpaces();
					if (peek() == ',') {
						this.position++;
						skipSpaces();
					}
					else if (peek() != '}') {
						throw new IllegalArgumentException("expected ',' or '}' at " + this.position);
					}
				}
				this.position++;
			}
			if (peek() != ' ' && peek() != '\t') {
				throw new IllegalArgumentException("expected a space before the value at " + this.position);
			}
			String[] rest = this.line.substring(this.position).strip().split("[ \t]+");
			if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
				throw new IllegalArgumentException("expected a value and an optional timestamp");
			}
			return new Sample(name, Collections.unmodifiableMap(labels), parseValue(rest[0]));
		}

		private String name() {
			int start = this.position;
			while (this.position < this.line.length()) {
				char c = this.line.charAt(this.position);
				boolean valid = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
						|| (this.position > start && c >= '0' && c <= '9');
				if (!valid) {
					break;
				}
				this.position++;
			}
			if (this.position == start) {
				throw new IllegalArgumentException("expected a name at " + start);
			}
			return this.line.substring(start, this.position);
		}

		private String quoted() {
			expect('"');
			StringBuilder value = new StringBuilder();
			while (true) {
				if (this.position >= this.line.length()) {
					throw new IllegalArgumentException("unterminated label value");
				}
				char c = this.line.charAt(this.position++);
				if (c == '"') {
					return value.toString();
				}
				if (c == '\\') {
					if (this.position >= this.line.length()) {
						throw new IllegalArgumentException("unterminated escape");
					}
					char next = this.line.charAt(this.position++);
					switch (next) {
						case 'n' -> value.append('\n');
						case '\\' -> value.append('\\');
						case '"' -> value.append('"');
						default -> throw new IllegalArgumentException("invalid escape \\" + next);
					}
				}
				else {
					value.append(c);
				}
			}
		}

		private char peek() {
			return (this.position < this.line.length()) ? this.line.charAt(this.position) : '\0';
		}

		private void expect(char c) {
			if (peek() != c) {
				throw new IllegalArgumentException("expected '" + c + "' at " + this.position);
			}
			this.position++;
		}

		private void skipSpaces() {
			while (peek() == ' ' || peek() == '\t') {
				this.position++;
			}
		}

	}

}
