package io.kvconnector.stats.recording;

/**
 * What became of an ingest request: applied, or refused with the offending path and a
 * message.
 *
 * @param status what became of it
 * @param path the offending path, such as {@code data.transfer_duration[3]}, or empty
 * @param message what is wrong there, or empty when applied
 * @author kvconnector-stats
 */
public record IngestResult(Status status, String path, String message) {

	private static final IngestResult APPLIED = new IngestResult(Status.APPLIED, "", "");

	/**
	 * Return the result of an applied request.
	 * @return the result
	 */
	public static IngestResult applied() {
		return APPLIED;
	}

	/**
	 * Return whether the request was applied.
	 * @return whether it was applied
	 */
	public boolean isApplied() {
		return this.status == Status.APPLIED;
	}

	/**
	 * What became of an ingest request, with the HTTP status that says it.
	 */
	public enum Status {

		/**
		 * Validated and added to the interval and the meters.
		 */
		APPLIED(204, "No Content"),

		/**
		 * Malformed; nothing was applied.
		 */
		BAD_REQUEST(400, "Bad Request"),

		/**
		 * No connector of that name.
		 */
		NOT_FOUND(404, "Not Found"),

		/**
		 * The body is larger than {@code kvconnector.max-ingest-size}.
		 */
		CONTENT_TOO_LARGE(413, "Content Too Large"),

		/**
		 * The body is not JSON.
		 */
		UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),

		/**
		 * Too many bytes are being ingested at once
		 * ({@code kvconnector.max-ingest-in-flight}); nothing was applied, the request
		 * may be retried.
		 */
		SERVICE_UNAVAILABLE(503, "Service Unavailable");

		private final int httpStatus;

		private final String reasonPhrase;

		Status(int httpStatus, String reasonPhrase) {
			this.httpStatus = httpStatus;
			this.reasonPhrase = reasonPhrase;
		}

		/**
		 * Return the HTTP status code.
		 * @return the status code
		 */
		public int httpStatus() {
			return this.httpStatus;
		}

		/**
		 * Return the HTTP reason phrase.
		 * @return the reason phrase
		 */
		public String reasonPhrase() {
			return this.reasonPhrase;
		}

	}

}
