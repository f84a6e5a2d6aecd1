package io.kvconnector.stats.internal;

import io.kvconnector.stats.InvalidStatsDataException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Validating readers for values of vLLM's stats wire format, as decoded from JSON into
 * maps, lists, numbers and strings; every failure names its path.
 *
 * @author kvconnector-stats
 */
public final class WireFormat {

	/**
	 * Largest descriptor count numpy's {@code uint32} holds.
	 */
	public static final long MAX_DESCRIPTORS = 0xFFFF_FFFFL;

	/**
	 * Longest operation name or status, in code points.
	 */
	public static final int MAX_LABEL_LENGTH = 128;

	private WireFormat() {
	}

	/**
	 * Require a JSON object.
	 * @param value the decoded value
	 * @param path its path, for the error
	 * @return the value as a map
	 * @throws InvalidStatsDataException if the value is not an object
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, ?> object(@Nullable Object value, String path) {
		if (value instanceof Map<?, ?> map) {
			return (Map<String, ?>) map;
		}
		throw new InvalidStatsDataException(path, "expected an object but got " + describe(value));
	}

	/**
	 * Require a JSON array.
	 * @param value the decoded value
	 * @param path its path, for the error
	 * @return the value as a list
	 * @throws InvalidStatsDataException if the value is not an array
	 */
	public static List<?> array(@Nullable Object value, String path) {
		if (value instanceof List<?> list) {
			return list;
		}
		throw new InvalidStatsDataException(path, "expected an array but got " + describe(value));
	}

	/**
	 * Require a duration in seconds: a finite number, zero or more.
	 * @param value the decoded value
	 * @param path its path, for the error
	 * @return the duration as a double
	 * @throws InvalidStatsDataException if the value is not a finite non-negative number
	 */
	public static double duration(@Nullable Object value, String path) {
		if (!(value instanceof Number number)) {
			throw new InvalidStatsDataException(path, "expected a number but got " + describe(value));
		}
		double seconds = number.doubleValue();
		if (!Double.isFinite(seconds) || seconds < 0) {
			throw new InvalidStatsDataException(path, "expected a finite duration >= 0 but got " + number);
		}
		return seconds;
	}

	/**
	 * Require an integral JSON number in {@code [0, max]}; {@code 2.0} is accepted as
	 * Python may write it, {@code 1.5} is not.
	 * @param value the decoded value
	 * @param path its path, for the error
	 * @param max the largest accepted value
	 * @return the value as a long
	 * @throws InvalidStatsDataException if the value is not an integer in range
	 */
	public static long integer(@Nullable Object value, String path, long max) {
		if (!(value instanceof Number number)) {
			throw new InvalidStatsDataException(path, "expected an integer but got " + describe(value));
		}
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
			return inRange(number.longValue(), max, path);
		}
		if (number instanceof Double || number instanceof Float) {
			double floating = number.doubleValue();
			if (floating != Math.rint(floating) || !(Math.abs(floating) < 0x1p63)) {
				throw new InvalidStatsDataException(path, "expected an integer but got " + number);
			}
			return inRange((long) floating, max, path);
		}
		BigInteger integral;
		try {
			integral = new BigDecimal(number.toString()).toBigIntegerExact();
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw new InvalidStatsDataException(path, "expected an integer but got " + number);
		}
		if (integral.bitLength() > 63) {
			throw new InvalidStatsDataException(path, outOfRange(max, integral));
		}
		return inRange(integral.longValue(), max, path);
	}

	private static long inRange(long value, long max, String path) {
		if (value < 0 || value > max) {
			throw new InvalidStatsDataException(path, outOfRange(max, value));
		}
		return value;
	}

	private static String outOfRange(long max, Object value) {
		return "expected an integer between 0 and " + max + " but got " + value;
	}

	/**
	 * Require an operation name or status: a string of 1 to 128 code points, not blank,
	 * without control characters.
	 * @param value the decoded value
	 * @param path its path, for the error
	 * @return the string
	 * @throws InvalidStatsDataException if the value is not such a string
	 */
	public static String label(@Nullable Object value, String path) {
		if (!(value instanceof String text)) {
			throw new InvalidStatsDataException(path, "expected a string but got " + describe(value));
		}
		if (!isValidLabel(text)) {
			throw new InvalidStatsDataException(path,
					"expected 1 to " + MAX_LABEL_LENGTH + " characters, not blank, without control characters");
		}
		return text;
	}

	/**
	 * Return whether a string is acceptable as an operation name or status: 1 to 128 code
	 * points, not blank, without control characters.
	 * @param text the candidate
	 * @return whether it is acceptable
	 */
	public static boolean isValidLabel(@Nullable String text) {
		if (text == null || text.isEmpty() || text.length() > 2 * MAX_LABEL_LENGTH) {
			return false;
		}
		boolean blank = true;
		int count = 0;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			if (Character.isISOControl(codePoint)) {
				return false;
			}
			blank &= Character.isWhitespace(codePoint);
			count++;
			i += Character.charCount(codePoint);
		}
		return !blank && count <= MAX_LABEL_LENGTH;
	}

	private static String describe(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof String) {
			return "a string";
		}
		if (value instanceof Boolean) {
			return "a boolean";
		}
		if (value instanceof List) {
			return "an array";
		}
		if (value instanceof Map) {
			return "an object";
		}
		if (value instanceof Number) {
			return "a number";
		}
		return value.getClass().getSimpleName();
	}

}
