package io.kvconnector.stats.nixl;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A version of vLLM's NIXL stats to reproduce: the lists its data holds, where a failure
 * of each kind is kept and which counters count it.
 *
 * @author kvconnector-stats
 */
public enum NixlSchema {

	/**
	 * The NIXL stats of the seeds: three failure lists, handshake failures counted as
	 * failed transfers, no late notifications, and the eight keys of {@code reduce()}.
	 */
	V1(List.of(NixlFailure.FAILED_TRANSFERS, NixlFailure.FAILED_NOTIFICATIONS, NixlFailure.KV_EXPIRED_REQS),
			List.of(NixlFailure.FAILED_TRANSFERS, NixlFailure.FAILED_NOTIFICATIONS, NixlFailure.KV_EXPIRED_REQS)),

	/**
	 * The NIXL stats after vLLM PR #55854: handshake failures and late notifications get
	 * lists of their own, and {@code reduce()} ends with the failure counts.
	 */
	V2(List.of(NixlFailure.values()), List.of(NixlFailure.FAILED_TRANSFERS, NixlFailure.FAILED_NOTIFICATIONS,
			NixlFailure.KV_EXPIRED_REQS, NixlFailure.NOTIFICATIONS_AFTER_EXPIRY));

	private final List<NixlFailure> failures;

	private final List<NixlFailure> counters;

	NixlSchema(List<NixlFailure> failures, List<NixlFailure> counters) {
		this.failures = failures;
		this.counters = counters;
	}

	/**
	 * Return the kinds of failure whose lists the data holds, in vLLM's wire order.
	 * @return the kinds
	 */
	public List<NixlFailure> failures() {
		return this.failures;
	}

	/**
	 * Return the keys of {@code reduce()} in this schema: vLLM's eight, then under v2
	 * {@code Num failed transfers} and {@code Num KV expired reqs}.
	 * @return the keys, in order
	 */
	public List<String> reduceKeys() {
		return NixlReducer.keys(this);
	}

	/**
	 * Return where a failure of a kind, recorded or ingested, is kept: in its own list,
	 * or under v1 a handshake failure in the failed transfers (as vLLM did before it
	 * counted them apart) and a late notification nowhere.
	 * @param kind the kind of failure
	 * @return the kind whose list keeps it, or {@code null} when it is not kept
	 */
	public @Nullable NixlFailure storedAs(NixlFailure kind) {
		if (this == V2) {
			return kind;
		}
		return switch (kind) {
			case FAILED_HANDSHAKES -> NixlFailure.FAILED_TRANSFERS;
			case NOTIFICATIONS_AFTER_EXPIRY -> null;
			default -> kind;
		};
	}

	/**
	 * Return the kinds that have a counter of their own, {@link NixlFailure#meterName()},
	 * in this schema.
	 * @return the kinds, in registration order
	 */
	public List<NixlFailure> counters() {
		return this.counters;
	}

	/**
	 * Return the counters that a kept failure adds its value to: its own, except that
	 * under v2 the failed-transfers counter also counts handshake and notification
	 * failures (vLLM's dashboard: "failed transfers includes handshake and notification
	 * failures").
	 * @param stored a kind this schema keeps, as {@link #storedAs} returns it
	 * @return kinds of {@link #counters()}
	 */
	public List<NixlFailure> countedIn(NixlFailure stored) {
		if (this == V2 && stored == NixlFailure.FAILED_HANDSHAKES) {
			return List.of(NixlFailure.FAILED_TRANSFERS);
		}
		if (this == V2 && stored == NixlFailure.FAILED_NOTIFICATIONS) {
			return List.of(NixlFailure.FAILED_TRANSFERS, NixlFailure.FAILED_NOTIFICATIONS);
		}
		return List.of(stored);
	}

}
