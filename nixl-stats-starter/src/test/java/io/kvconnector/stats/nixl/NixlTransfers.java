package io.kvconnector.stats.nixl;

/**
 * Transfer telemetry for tests, from values in NIXL's units.
 *
 * @author kvconnector-stats
 */
public final class NixlTransfers {

	private NixlTransfers() {
	}

	/**
	 * Build the telemetry of a transfer.
	 * @param xferMicros the transfer duration in microseconds
	 * @param postMicros the post duration in microseconds
	 * @param bytes the bytes transferred
	 * @param descriptors the descriptor count
	 * @return the telemetry
	 */
	public static NixlXferTelemetry transfer(long xferMicros, long postMicros, long bytes, long descriptors) {
		return NixlXferTelemetry.builder()
			.xferDurationMicros(xferMicros)
			.postDurationMicros(postMicros)
			.totalBytes(bytes)
			.descCount(descriptors)
			.build();
	}

}
