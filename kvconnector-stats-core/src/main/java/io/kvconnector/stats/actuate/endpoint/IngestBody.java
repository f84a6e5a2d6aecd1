package io.kvconnector.stats.actuate.endpoint;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * A request body being ingested: fails its reader as soon as the body is longer than
 * {@code kvconnector.max-ingest-size}, and reserves from the {@link IngestBudget} the
 * bytes each read may bring before it reads them, failing the reader when the budget is
 * spent. A body of declared length reserves all of it before it is read.
 *
 * @author kvconnector-stats
 */
final class IngestBody extends FilterInputStream {

	/**
	 * Bytes reserved at a time for a body of unknown length.
	 */
	static final int RESERVATION_STEP = 256 * 1024;

	private final long maxBytes;

	private final long reservable;

	private final IngestBudget budget;

	private long read;

	private long reserved;

	private IngestBody(InputStream body, long maxBytes, long reservable, IngestBudget budget, long reserved) {
		super(body);
		this.maxBytes = maxBytes;
		this.reservable = reservable;
		this.budget = budget;
		this.reserved = reserved;
	}

	/**
	 * Start reading a body, reserving its declared length.
	 * @param body the body
	 * @param declaredLength its declared length, or {@code -1} when it is not declared
	 * @param maxBytes the longest accepted body
	 * @param budget what its bytes are reserved from
	 * @return the body, or {@code null} when its declared length does not fit in the
	 * budget now
	 */
	static @Nullable IngestBody open(InputStream body, long declaredLength, long maxBytes, IngestBudget budget) {
		long reserve = Math.max(0, declaredLength);
		if (!budget.tryReserve(reserve)) {
			return null;
		}
		long reservable = (declaredLength >= 0) ? Math.min(declaredLength, maxBytes) : maxBytes;
		return new IngestBody(body, maxBytes, reservable, budget, reserve);
	}

	@Override
	public int read() throws IOException {
		reserveFor(1);
		int value = super.read();
		if (value >= 0) {
			account(1);
		}
		return value;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int bounded = (int) Math.min(length, this.maxBytes + 1 - this.read);
		reserveFor(bounded);
		int count = super.read(buffer, offset, bounded);
		if (count > 0) {
			account(count);
		}
		return count;
	}

	@Override
	public long skip(long n) throws IOException {
		long bounded = Math.min(n, this.maxBytes + 1 - this.read);
		reserveFor(bounded);
		long skipped = super.skip(bounded);
		account(skipped);
		return skipped;
	}

	/**
	 * Reserve the bytes a read may bring before it brings them, ahead by
	 * {@link #RESERVATION_STEP} where the budget allows.
	 */
	private void reserveFor(long length) throws IOException {
		long target = Math.min(this.read + length, this.reservable);
		if (target <= this.reserved) {
			return;
		}
		long needed = target - this.reserved;
		long ahead = Math.min(Math.max(RESERVATION_STEP, needed), this.reservable - this.reserved);
		if (this.budget.tryReserve(ahead)) {
			this.reserved += ahead;
		}
		else if (this.budget.tryReserve(needed)) {
			this.reserved += needed;
		}
		else {
			throw new OverloadedException();
		}
	}

	private void account(long count) throws IOException {
		this.read += count;
		if (this.read > this.maxBytes) {
			throw new TooLargeException();
		}
	}

	/**
	 * Give back what the body reserved; call once, when it is done with.
	 */
	void release() {
		this.budget.release(this.reserved);
		this.reserved = 0;
	}

	/**
	 * Thrown to the reader when the body is longer than the limit.
	 */
	static final class TooLargeException extends IOException {

		TooLargeException() {
			super("the body exceeds kvconnector.max-ingest-size");
		}

	}

	/**
	 * Thrown to the reader when the budget cannot hold the next bytes.
	 */
	static final class OverloadedException extends IOException {

		OverloadedException() {
			super("too many bytes are being ingested at once");
		}

	}

}
