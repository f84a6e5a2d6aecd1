package io.kvconnector.stats.conformance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares a {@code reduce()} result with vLLM's, exactly: key order, integers as
 * integers, doubles bit for bit, non-finite values as vLLM's strings.
 *
 * @author kvconnector-stats
 */
public final class ReducedValues {

	private ReducedValues() {
	}

	/**
	 * Assert that a reduce result equals vLLM's exactly.
	 * @param actual our {@code reduce()} result
	 * @param expected vLLM's, as decoded from the corpus
	 */
	public static void assertIdentical(Map<String, ? extends Number> actual, Map<String, ?> expected) {
		assertIdentical("", actual, expected);
	}

	/**
	 * Assert that a reduce result equals vLLM's exactly, naming the case in failures.
	 * @param caseId the corpus case, prefixed to every failure message
	 * @param actual our {@code reduce()} result
	 * @param expected vLLM's, as decoded from the corpus
	 */
	public static void assertIdentical(String caseId, Map<String, ? extends Number> actual, Map<String, ?> expected) {
		String prefix = caseId.isEmpty() ? "" : caseId + ": ";
		assertThat(new ArrayList<>(actual.keySet())).as(prefix + "keys in order")
			.containsExactlyElementsOf(expected.keySet());
		expected.forEach((key, value) -> {
			Number ours = actual.get(key);
			assertThat(describe(ours)).as(prefix + key).isEqualTo(describeExpected(value));
		});
	}

	/**
	 * Assert that the {@code stats} of an interval as served by the {@code kvconnector}
	 * endpoint, decoded from its JSON, equal vLLM's {@code reduce()} exactly: key order,
	 * integers as integers, doubles bit for bit, non-finite values as the same strings.
	 * @param actual the decoded {@code stats} object, floats read as doubles
	 * @param expected vLLM's, as decoded from the corpus
	 */
	public static void assertIdenticalJson(Map<String, ?> actual, Map<String, ?> expected) {
		assertThat(new ArrayList<>(actual.keySet())).as("keys in order").containsExactlyElementsOf(expected.keySet());
		expected
			.forEach((key, value) -> assertThat(describeJson(actual.get(key))).as(key).isEqualTo(describeJson(value)));
	}

	private static String describeJson(@Nullable Object value) {
		if (value instanceof String text) {
			return "string:" + text;
		}
		if (value instanceof Double || value instanceof Integer || value instanceof Long
				|| value instanceof BigInteger) {
			return describe((Number) value);
		}
		return "unexpected type " + ((value != null) ? value.getClass().getName() : "null") + ":" + value;
	}

	/**
	 * Describe a value of ours as {@code int:<digits>} or {@code float:<raw bits>}.
	 * @param value the value
	 * @return its exact description
	 */
	public static String describe(Number value) {
		if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
			return "int:" + value;
		}
		if (value instanceof Double) {
			double d = value.doubleValue();
			return "float:" + (Double.isNaN(d) ? "nan" : Long.toHexString(Double.doubleToRawLongBits(d)));
		}
		return "unexpected type " + value.getClass().getName() + ":" + value;
	}

	private static String describeExpected(Object value) {
		if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
			return "int:" + value;
		}
		if (value instanceof Double || value instanceof BigDecimal) {
			return describe(((Number) value).doubleValue());
		}
		return switch ((String) value) {
			case "inf" -> describe(Double.POSITIVE_INFINITY);
			case "-inf" -> describe(Double.NEGATIVE_INFINITY);
			case "nan" -> describe(Double.NaN);
			default -> throw new IllegalArgumentException("unexpected corpus value " + value);
		};
	}

	/**
	 * Return the {@code parts} of a corpus case.
	 * @param corpusCase the case
	 * @return its wire-format data objects, in order
	 */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> parts(Map<String, Object> corpusCase) {
		return (List<Map<String, Object>>) corpusCase.get("parts");
	}

}
