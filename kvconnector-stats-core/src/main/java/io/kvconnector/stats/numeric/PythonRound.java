package io.kvconnector.stats.numeric;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rounds floats exactly as CPython's {@code round(x, ndigits)} does: the exact binary
 * value rounded half to even at a decimal place.
 */
public final class PythonRound {

	// CPython's bounds, past which it skips rounding: beyond 323 decimals rounding
	// cannot move a double to another one, and below -308 it takes every double to zero
	private static final int MAX_NDIGITS = 323;

	private static final int MIN_NDIGITS = -308;

	private PythonRound() {
	}

	/**
	 * Returns CPython's {@code round(x, ndigits)} for a float {@code x}: the double
	 * nearest to the exact value of {@code x} rounded half to even at {@code ndigits}
	 * decimal places, so {@code round(2.675, 2)} is {@code 2.67} because 2.675 is stored
	 * as 2.67499999.... A zero result keeps the sign of {@code x}. Where CPython raises
	 * {@code OverflowError} (rounding the largest doubles to a negative number of digits)
	 * this returns an infinity instead.
	 * @param x the value to round
	 * @param ndigits the number of decimal places; negative rounds to tens, hundreds, and
	 * so on
	 * @return the rounded value; NaN and infinities are returned unchanged
	 */
	public static double round(double x, int ndigits) {
		if (!Double.isFinite(x) || ndigits > MAX_NDIGITS) {
			return x;
		}
		if (ndigits < MIN_NDIGITS) {
			return 0.0 * x;
		}
		BigDecimal rounded = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN);
		if (rounded.signum() == 0) {
			return Math.copySign(0.0, x);
		}
		return Double.parseDouble(rounded.toString());
	}

}
