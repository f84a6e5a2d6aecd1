package io.kvconnector.stats.nixl;

import java.util.Map;

import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;
import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.recording.IntervalSummary;

/**
 * The samples of NIXL stats behind one lock, and the protocol that moves them out whole
 * when an interval closes, so that every sample lands in exactly one interval and the
 * order of the samples, on which numpy's pairwise sum depends, is the order they were
 * recorded in.
 *
 * @author kvconnector-stats
 */
final class NixlStorage {

	private final int maxTransfers;

	private final ChunkPool pool;

	private final SampleDropListener drops;

	/**
	 * The schema of the samples held, the same for every interval.
	 */
	private final NixlSchema schema;

	/**
	 * Guarded by this storage's monitor; replaced whole when an interval closes.
	 */
	private NixlSamples samples;

	NixlStorage(int maxTransfers, ChunkPool pool, SampleDropListener drops, NixlSamples samples) {
		if (maxTransfers < 1) {
			throw new IllegalArgumentException("maxTransfers must be at least 1");
		}
		this.maxTransfers = maxTransfers;
		this.pool = pool;
		this.drops = drops;
		this.schema = samples.schema;
		this.samples = samples;
	}

	/**
	 * Create empty storage of the same family, sharing the chunk pool, bound and
	 * listener, holding some samples.
	 */
	NixlStorage sibling(NixlSamples samples) {
		return new NixlStorage(this.maxTransfers, this.pool, this.drops, samples);
	}

	NixlSchema schema() {
		return this.schema;
	}

	boolean sharesPoolWith(NixlStorage other) {
		return this.pool == other.pool;
	}

	/**
	 * Append a validated transfer, or drop it when the interval is full.
	 */
	RecordOutcome appendTransfer(double transferSeconds, double postSeconds, long bytes, long descriptors) {
		synchronized (this) {
			NixlSamples current = this.samples;
			if (current.transfers.size() < this.maxTransfers) {
				current.appendTransfer(transferSeconds, postSeconds, bytes, descriptors);
				return RecordOutcome.RECORDED;
			}
			current.dropped++;
		}
		this.drops.dropped(1);
		return RecordOutcome.DROPPED;
	}

	synchronized void appendFailure(NixlFailure kind) {
		this.samples.appendFailure(kind, 1);
	}

	/**
	 * Append other samples after ours, dropping and reporting the transfers beyond the
	 * bound.
	 */
	void appendAll(NixlSamples incoming) {
		int dropped;
		synchronized (this) {
			dropped = this.samples.appendAll(incoming, this.maxTransfers);
		}
		if (dropped > 0) {
			this.drops.dropped(dropped);
		}
	}

	synchronized NixlSamples snapshot() {
		return this.samples.copy();
	}

	/**
	 * Return the samples themselves, for storage that no other thread uses.
	 */
	synchronized NixlSamples unshared() {
		return this.samples;
	}

	/**
	 * Take every sample out, leaving this storage empty.
	 */
	NixlSamples takeAll() {
		NixlSamples fresh = new NixlSamples(this.pool, this.schema);
		synchronized (this) {
			NixlSamples taken = this.samples;
			this.samples = fresh;
			return taken;
		}
	}

	/**
	 * Move every sample into {@code spare}, emptied first, and take its storage: nothing
	 * is allocated. {@code spare} is of the same family and is not this storage.
	 */
	void moveInto(NixlStorage spare) {
		spare.reset();
		synchronized (this) {
			synchronized (spare) {
				NixlSamples closed = this.samples;
				this.samples = spare.samples;
				spare.samples = closed;
			}
		}
	}

	synchronized void reset() {
		this.samples.clear();
	}

	synchronized boolean isEmpty() {
		return this.samples.isEmpty();
	}

	synchronized int transferCount() {
		return this.samples.transfers.size();
	}

	synchronized long dropped() {
		return this.samples.dropped;
	}

	synchronized Map<String, Long> failureTotals() {
		return this.samples.failureTotals();
	}

	Map<String, Number> reduce() {
		NixlReducer.Columns columns;
		synchronized (this) {
			columns = NixlReducer.Columns.of(this.samples);
		}
		return NixlReducer.reduce(columns);
	}

	/**
	 * Summarize the samples as read at one instant, reducing them outside the lock.
	 */
	IntervalSummary summarize() {
		NixlReducer.Columns columns;
		boolean empty;
		long dropped;
		Map<String, Long> failures;
		synchronized (this) {
			NixlSamples current = this.samples;
			columns = NixlReducer.Columns.of(current);
			empty = current.isEmpty();
			dropped = current.dropped;
			failures = current.failureTotals();
		}
		return new IntervalSummary(empty, NixlReducer.reduce(columns), dropped, failures);
	}

}
