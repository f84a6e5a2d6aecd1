package io.kvconnector.stats;

import java.util.Map;

import io.kvconnector.stats.numeric.PythonFloats;

/**
 * Renders a {@code reduce()} result as the message vLLM logs every stats interval.
 *
 * @author kvconnector-stats
 */
public final class KvTransferLogLine {

	private static final String PREFIX = "KV Transfer metrics: ";

	private KvTransferLogLine() {
	}

	/**
	 * Render vLLM's message for one engine's reduced stats.
	 * @param reduced the {@code reduce()} result, in its order
	 * @return {@code KV Transfer metrics: key=value, ...} with values as Python's
	 * {@code str()} writes them
	 */
	public static String format(Map<String, ? extends Number> reduced) {
		StringBuilder line = new StringBuilder(PREFIX.length() + 32 * reduced.size()).append(PREFIX);
		boolean first = true;
		for (Map.Entry<String, ? extends Number> entry : reduced.entrySet()) {
			if (!first) {
				line.append(", ");
			}
			line.append(entry.getKey()).append('=').append(PythonFloats.str(entry.getValue()));
			first = false;
		}
		return line.toString();
	}

	/**
	 * Render vLLM's message for one of several engines: prefixed {@code Engine 001: }.
	 * @param engineIndex the engine index
	 * @param reduced the {@code reduce()} result, in its order
	 * @return the prefixed message
	 */
	public static String format(int engineIndex, Map<String, ? extends Number> reduced) {
		return String.format("Engine %03d: ", engineIndex) + format(reduced);
	}

}
