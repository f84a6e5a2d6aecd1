package io.kvconnector.stats.nixl;

/**
 * A kind of failure that vLLM's NIXL connector counts, with its list in the wire format,
 * its counter and that counter's HELP text; declared in vLLM's wire order of the newest
 * schema, {@link NixlSchema#V2}, so that each schema's lists are in this order.
 *
 * @author kvconnector-stats
 */
public enum NixlFailure {

	/**
	 * A KV transfer that failed.
	 */
	FAILED_TRANSFERS("num_failed_transfers", "vllm:nixl_num_failed_transfers",
			"Number of failed NIXL KV Cache transfers."),

	/**
	 * A notification that failed.
	 */
	FAILED_NOTIFICATIONS("num_failed_notifications", "vllm:nixl_num_failed_notifications",
			"Number of failed NIXL KV Cache notifications."),

	/**
	 * A NIXL handshake that failed; schema v2 keeps these apart, v1 counts them as failed
	 * transfers. They have no counter of their own: vLLM counts them in the
	 * failed-transfers counter, whose name and HELP text they carry.
	 */
	FAILED_HANDSHAKES("num_failed_handshakes", FAILED_TRANSFERS),

	/**
	 * A request whose KV blocks expired before they were read.
	 */
	KV_EXPIRED_REQS("num_kv_expired_reqs", "vllm:nixl_num_kv_expired_reqs",
			"Number of requests that had their KV expire. NOTE: This metric is tracked on the P instance."),

	/**
	 * A notification that arrived after its request's KV blocks had expired; schema v2
	 * only. vLLM published no HELP text for its counter: this one is ours.
	 */
	NOTIFICATIONS_AFTER_EXPIRY("num_notifications_after_expiry", "vllm:nixl_num_notifications_after_expiry",
			"Number of NIXL KV Cache notifications that arrived after their KV expired.");

	private final String wireKey;

	private final String meterName;

	private final String description;

	NixlFailure(String wireKey, String meterName, String description) {
		this.wireKey = wireKey;
		this.meterName = meterName;
		this.description = description;
	}

	NixlFailure(String wireKey, NixlFailure countedAs) {
		this(wireKey, countedAs.meterName, countedAs.description);
	}

	/**
	 * Return the key of this kind's list in vLLM's {@code data} dict.
	 * @return the wire-format key, such as {@code num_failed_transfers}
	 */
	public String wireKey() {
		return this.wireKey;
	}

	/**
	 * Return the name of this kind's counter; Prometheus exposes it with {@code _total}.
	 * @return the meter name, such as {@code vllm:nixl_num_failed_transfers}
	 */
	public String meterName() {
		return this.meterName;
	}

	/**
	 * Return vLLM's HELP text of this kind's counter, character for character.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
