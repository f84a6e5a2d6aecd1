package io.kvconnector.stats.nixl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;

/**
 * The samples of one NIXL interval in one schema: a row per transfer, a list per kind of
 * failure and the transfers dropped by the capacity bound; not thread-safe, its
 * {@link NixlStorage} guards it.
 *
 * @author kvconnector-stats
 */
final class NixlSamples {

	static final int TRANSFER = 0;

	static final int POST = 1;

	static final int BYTES = 2;

	static final int DESCRIPTORS = 3;

	static final int ROW_WIDTH = 4;

	private static final NixlFailure[] KINDS = NixlFailure.values();

	final NixlSchema schema;

	final SampleRows transfers;

	/**
	 * The failure lists, indexed by {@link NixlFailure#ordinal()}; those of the kinds the
	 * schema does not keep stay empty.
	 */
	final FailureList[] failures;

	long dropped;

	NixlSamples(@Nullable ChunkPool pool, NixlSchema schema) {
		this(schema, new SampleRows(ROW_WIDTH, pool), new FailureList[KINDS.length], 0);
		for (int i = 0; i < KINDS.length; i++) {
			this.failures[i] = new FailureList();
		}
	}

	private NixlSamples(NixlSchema schema, SampleRows transfers, FailureList[] failures, long dropped) {
		this.schema = schema;
		this.transfers = transfers;
		this.failures = failures;
		this.dropped = dropped;
	}

	void appendTransfer(double transferSeconds, double postSeconds, long bytes, long descriptors) {
		this.transfers.append(Double.doubleToRawLongBits(transferSeconds), Double.doubleToRawLongBits(postSeconds),
				bytes, descriptors);
	}

	/**
	 * Append one entry to a failure list: to the list where the schema keeps the kind, or
	 * nowhere when it keeps none.
	 * @param kind the kind of failure, as recorded or as named by its wire-format list
	 * @param value the entry
	 */
	void appendFailure(NixlFailure kind, long value) {
		NixlFailure stored = this.schema.storedAs(kind);
		if (stored != null) {
			failures(stored).append(value, 1);
		}
	}

	/**
	 * Append the entries of failure lists read one list at a time, each in its own list,
	 * then to where the schema keeps their kind, in the order of {@link NixlFailure}:
	 * what a list holds does not depend on the order of the lists in the document.
	 */
	void keepReadFailuresAsSchema() {
		for (NixlFailure kind : KINDS) {
			NixlFailure stored = this.schema.storedAs(kind);
			if (stored != kind) {
				FailureList read = failures(kind);
				if (stored != null) {
					failures(stored).appendAll(read);
				}
				read.clear();
			}
		}
	}

	/**
	 * Append the samples of another interval, keeping at most {@code maxTransfers}
	 * transfers; its failures are kept where this schema keeps their kind.
	 * @return the number of transfers of {@code other} that did not fit
	 */
	int appendAll(NixlSamples other, int maxTransfers) {
		int dropped = this.transfers.appendAll(other.transfers, maxTransfers);
		this.dropped += dropped;
		for (NixlFailure kind : KINDS) {
			NixlFailure stored = this.schema.storedAs(kind);
			if (stored != null) {
				failures(stored).appendAll(other.failures(kind));
			}
		}
		return dropped;
	}

	FailureList failures(NixlFailure kind) {
		return this.failures[kind.ordinal()];
	}

	boolean isEmpty() {
		if (this.transfers.size() != 0) {
			return false;
		}
		for (NixlFailure kind : this.schema.failures()) {
			// late notifications alone are nothing to log, as in vLLM's is_empty()
			if (kind != NixlFailure.NOTIFICATIONS_AFTER_EXPIRY && failures(kind).size() != 0) {
				return false;
			}
		}
		return true;
	}

	Map<String, Long> failureTotals() {
		Map<String, Long> totals = new LinkedHashMap<>();
		for (NixlFailure kind : this.schema.failures()) {
			totals.put(kind.wireKey(), failures(kind).total());
		}
		return totals;
	}

	void clear() {
		this.transfers.release();
		for (FailureList failure : this.failures) {
			failure.clear();
		}
		this.dropped = 0;
	}

	NixlSamples copy() {
		FailureList[] failures = new FailureList[this.failures.length];
		for (int i = 0; i < failures.length; i++) {
			failures[i] = this.failures[i].copy();
		}
		return new NixlSamples(this.schema, this.transfers.copy(), failures, this.dropped);
	}

}
