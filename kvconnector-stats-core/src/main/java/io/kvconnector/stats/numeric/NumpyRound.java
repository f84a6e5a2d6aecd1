package io.kvconnector.stats.numeric;

/**
 * Rounds float64 values exactly as numpy's {@code np.round(x, decimals)} does: scale,
 * round half to even, scale back.
 */
public final class NumpyRound {

	private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
			1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

	private NumpyRound() {
	}

	/**
	 * Returns {@code np.round(x, decimals)} for a float64 {@code x}. Unlike
	 * {@link PythonRound} this rounds the scaled product, so {@code round(2.675, 2)} is
	 * {@code 2.67}, and a scaled product that overflows gives infinity.
	 * @param x the value to round
	 * @param decimals the number of decimal places; negative rounds to tens, hundreds,
	 * and so on
	 * @return the rounded value; NaN and infinities are returned unchanged
	 */
	public static double round(double x, int decimals) {
		if (!Double.isFinite(x)) {
			return x;
		}
		if (decimals >= 0) {
			double scale = powerOfTen(decimals);
			return Math.rint(x * scale) / scale;
		}
		double scale = powerOfTen(-(long) decimals);
		return Math.rint(x / scale) * scale;
	}

	private static double powerOfTen(long exponent) {
		if (exponent < POWERS_OF_TEN.length) {
			return POWERS_OF_TEN[(int) exponent];
		}
		// numpy multiplies by ten once per extra digit, rounding at each step past 1e22
		double power = POWERS_OF_TEN[POWERS_OF_TEN.length - 1];
		for (long i = POWERS_OF_TEN.length - 1; i < exponent && power != Double.POSITIVE_INFINITY; i++) {
			power *= 10.0;
		}
		return power;
	}

}
