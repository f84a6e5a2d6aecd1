package io.kvconnector.stats.numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats numbers exactly as CPython's {@code repr()} and {@code str()} do.
 */
public final class PythonFloats {

	private static final int MAX_SIGNIFICANT_DIGITS = 17;

	private PythonFloats() {
	}

	/**
	 * Returns CPython's {@code repr(x)}, which {@code str(x)} equals: the shortest
	 * decimal that reads back as {@code x}, in fixed notation when its decimal exponent
	 * is from -4 to 15 ({@code 0.0001}, {@code 12.0}) and otherwise in exponent notation
	 * ({@code 1e-05}, {@code 1.5e+16}).
	 * @param x the value to format
	 * @return the text CPython prints, such as {@code 0.1}, {@code -0.0}, {@code inf} or
	 * {@code nan}
	 */
	public static String repr(double x) {
		if (Double.isNaN(x)) {
			return "nan";
		}
		if (Double.isInfinite(x)) {
			return (x > 0) ? "inf" : "-inf";
		}
		String sign = (Double.doubleToRawLongBits(x) < 0) ? "-" : "";
		if (x == 0.0) {
			return sign + "0.0";
		}
		BigDecimal shortest = shortest(Math.abs(x)).stripTrailingZeros();
		String digits = shortest.unscaledValue().toString();
		int decimalPoint = digits.length() - shortest.scale();
		return sign + format(digits, decimalPoint);
	}

	/**
	 * Returns CPython's {@code str()} of the number: plain digits for integers and
	 * {@link #repr(double)} of the value for floating-point numbers.
	 * @param number an {@link Integer}, {@link Long}, {@link Short}, {@link Byte} or
	 * {@link BigInteger}, printed as an integer; or a {@link Double}, {@link Float} or
	 * {@link BigDecimal}, printed as the nearest double
	 * @return the text CPython prints
	 * @throws IllegalArgumentException if the number is of another type
	 */
	public static String str(Number number) {
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
				|| number instanceof BigInteger) {
			return number.toString();
		}
		if (number instanceof Double || number instanceof Float || number instanceof BigDecimal) {
			return repr(number.doubleValue());
		}
		throw new IllegalArgumentException("Unsupported number type " + number.getClass().getName());
	}

	private static BigDecimal shortest(double x) {
		BigDecimal exact = new BigDecimal(x);
		for (int precision = 1; precision < MAX_SIGNIFICANT_DIGITS; precision++) {
			BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
			if (Double.parseDouble(nearest.toString()) == x) {
				return nearest;
			}
			// the interval that reads back as x is narrower below powers of two, so the
			// candidate on the far side of x may read back when the nearest does not
			RoundingMode away = (nearest.compareTo(exact) > 0) ? RoundingMode.FLOOR : RoundingMode.CEILING;
			BigDecimal other = exact.round(new MathContext(precision, away));
			if (Double.parseDouble(other.toString()) == x) {
				return other;
			}
		}
		return exact.round(new MathContext(MAX_SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN));
	}

	private static String format(String digits, int decimalPoint) {
		if (decimalPoint > -4 && decimalPoint <= 16) {
			if (decimalPoint <= 0) {
				return "0." + "0".repeat(-decimalPoint) + digits;
			}
			if (decimalPoint >= digits.length()) {
				return digits + "0".repeat(decimalPoint - digits.length()) + ".0";
			}
			return digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
		}
		int exponent = decimalPoint - 1;
		StringBuilder text = new StringBuilder(digits.length() + 6);
		text.append(digits.charAt(0));
		if (digits.length() > 1) {
			text.append('.').append(digits, 1, digits.length());
		}
		text.append('e').append((exponent < 0) ? '-' : '+');
		int magnitude = Math.abs(exponent);
		if (magnitude < 10) {
			text.append('0');
		}
		return text.append(magnitude).toString();
	}

}
