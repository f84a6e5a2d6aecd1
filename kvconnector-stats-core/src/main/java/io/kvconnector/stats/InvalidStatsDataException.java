package io.kvconnector.stats;

/**
 * Thrown when stats data in vLLM's wire format is malformed; names the offending path.
 *
 * @author kvconnector-stats
 */
public class InvalidStatsDataException extends IllegalArgumentException {

	private final String path;

	private final String reason;

	/**
	 * Create a new exception.
	 * @param path the offending path, such as {@code transfer_duration[3]}
	 * @param reason what is wrong at that path
	 */
	public InvalidStatsDataException(String path, String reason) {
		super(path.isEmpty() ? reason : path + ": " + reason);
		this.path = path;
		this.reason = reason;
	}

	/**
	 * Return the offending path, such as {@code transfer_duration[3]}.
	 * @return the path; empty for the document itself
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Return what is wrong at the path.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return a copy of this exception whose path is prefixed, for data nested in a larger
	 * document.
	 * @param prefix the path of the nested data, such as {@code data}
	 * @return the re-rooted exception
	 */
	public InvalidStatsDataException withPrefix(String prefix) {
		String nested = this.path.isEmpty() ? prefix
				: (this.path.startsWith("[") ? prefix + this.path : prefix + "." + this.path);
		return new InvalidStatsDataException(nested, this.reason);
	}

}
