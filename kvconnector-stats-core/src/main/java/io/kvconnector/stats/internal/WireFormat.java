package io.kvconnector.stats.internal;

import org.jspecify.annotations.Nullable;

/**
 * The bounds of vLLM's stats wire format that recording and reading both apply;
 * {@link WireReader} reads the format itself.
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

}
