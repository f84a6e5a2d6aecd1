package io.kvconnector.stats.numeric;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Sums doubles exactly as CPython's {@code math.fsum} does: the exact sum, correctly
 * rounded half to even.
 */
public final class ExactSum {

	private static final long FRACTION_MASK = (1L << 52) - 1;

	private static final int EXPONENT_MASK = 0x7FF;

	private static final int CHUNK_BITS = 32;

	private static final long CHUNK_MASK = (1L << CHUNK_BITS) - 1;

	// an array holds fewer than 2^31 values, so the exact sum in units of 2^-1074 has
	// fewer than 2098 + 31 bits: 67 chunks, plus one that only holds the sign
	private static final int CHUNKS = 68;

	// each value adds less than 2^52 to a chunk, so 2^10 of them fit in a long
	private static final int VALUES_BETWEEN_CARRIES = 1 << 10;

	private static final int SIGNIFICAND_BITS = 53;

	private ExactSum() {
	}

	/**
	 * Returns {@code math.fsum(values)}.
	 * @param values the values to add
	 * @return the correctly rounded sum; see {@link #fsum(double[], int, int)}
	 */
	public static double fsum(double[] values) {
		return fsum(values, 0, values.length);
	}

	/**
	 * Returns {@code math.fsum(values[from:to])}: the exact sum of the values rounded
	 * half to even to a double, {@code 0.0} when it is zero or the range is empty. Any
	 * NaN, or both infinities, give NaN (CPython raises {@code ValueError} for the
	 * latter); otherwise an infinity gives that infinity. Where CPython raises
	 * {@code OverflowError} because a partial sum overflowed, this returns the exact sum
	 * correctly rounded, which is an infinity only if the exact sum itself rounds to one.
	 * <p>
	 * CPython keeps Shewchuk's non-overlapping partials and corrects the last rounding to
	 * half-even; since its result is the correctly rounded exact sum, this gets the same
	 * double faster by adding every value into a fixed-point accumulator spanning the
	 * whole double range and rounding once.
	 * @param values the values to add
	 * @param from the first index to add, inclusive
	 * @param to the last index to add, exclusive
	 * @return the correctly rounded sum
	 */
	public static double fsum(double[] values, int from, int to) {
		Objects.checkFromToIndex(from, to, values.length);
		long[] chunks = new long[CHUNKS];
		boolean nan = false;
		boolean positiveInfinity = false;
		boolean negativeInfinity = false;
		int k = from;
		while (k < to) {
			int end = (to - k > VALUES_BETWEEN_CARRIES) ? k + VALUES_BETWEEN_CARRIES : to;
			for (; k < end; k++) {
				long bits = Double.doubleToRawLongBits(values[k]);
				int exponent = (int) (bits >>> 52) & EXPONENT_MASK;
				if (exponent == EXPONENT_MASK) {
					if ((bits & FRACTION_MASK) != 0) {
						nan = true;
					}
					else if (bits > 0) {
						positiveInfinity = true;
					}
					else {
						negativeInfinity = true;
					}
					continue;
				}
				// 1 for normal values, which have the implicit leading bit and share the
				// scale of the subnormals one exponent lower; computed without a branch
				// because zeros and subnormals mix unpredictably with normal values
				int normal = (exponent + EXPONENT_MASK) >>> 11;
				long significand = (bits & FRACTION_MASK) | ((long) normal << 52);
				int position = exponent - normal;
				int index = position >>> 5;
				int shift = position & (CHUNK_BITS - 1);
				long sign = bits >> 63;
				long low = (significand << shift) & CHUNK_MASK;
				long high = significand >>> (CHUNK_BITS - shift);
				chunks[index] += (low ^ sign) - sign;
				chunks[index + 1] += (high ^ sign) - sign;
			}
			propagateCarries(chunks);
		}
		if (nan || (positiveInfinity && negativeInfinity)) {
			return Double.NaN;
		}
		if (positiveInfinity) {
			return Double.POSITIVE_INFINITY;
		}
		if (negativeInfinity) {
			return Double.NEGATIVE_INFINITY;
		}
		return round(chunks);
	}

	private static void propagateCarries(long[] chunks) {
		long carry = 0;
		for (int i = 0; i < CHUNKS - 1; i++) {
			long chunk = chunks[i] + carry;
			carry = chunk >> CHUNK_BITS;
			chunks[i] = chunk & CHUNK_MASK;
		}
		chunks[CHUNKS - 1] += carry;
	}

	private static double round(long[] chunks) {
		boolean negative = chunks[CHUNKS - 1] < 0;
		if (negative) {
			for (int i = 0; i < CHUNKS; i++) {
				chunks[i] = -chunks[i];
			}
			propagateCarries(chunks);
		}
		int top = CHUNKS - 1;
		while (top >= 0 && chunks[top] == 0) {
			top--;
		}
		if (top < 0) {
			return 0.0;
		}
		byte[] magnitude = new byte[4 * (top + 1)];
		for (int i = 0; i <= top; i++) {
			long chunk = chunks[top - i];
			magnitude[4 * i] = (byte) (chunk >>> 24);
			magnitude[4 * i + 1] = (byte) (chunk >>> 16);
			magnitude[4 * i + 2] = (byte) (chunk >>> 8);
			magnitude[4 * i + 3] = (byte) chunk;
		}
		double value = toDouble(new BigInteger(1, magnitude));
		return negative ? -value : value;
	}

	/**
	 * Rounds {@code units * 2^-1074} half to even.
	 */
	private static double toDouble(BigInteger units) {
		int length = units.bitLength();
		if (length <= SIGNIFICAND_BITS) {
			// below 2^53 units the bits of a subnormal or of the smallest normal
			// exponent are the units themselves
			return Double.longBitsToDouble(units.longValue());
		}
		int shift = length - SIGNIFICAND_BITS;
		long significand = units.shiftRight(shift).longValue();
		boolean half = units.testBit(shift - 1);
		boolean beyondHalf = units.getLowestSetBit() < shift - 1;
		if (half && (beyondHalf || (significand & 1) != 0)) {
			significand++;
			if (significand == 1L << SIGNIFICAND_BITS) {
				significand >>>= 1;
				shift++;
			}
		}
		if (shift >= EXPONENT_MASK - 1) {
			return Double.POSITIVE_INFINITY;
		}
		// the leading bit of the significand carries into the exponent field
		return Double.longBitsToDouble(((long) shift << 52) + significand);
	}

}
