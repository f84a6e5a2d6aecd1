package io.kvconnector.stats.actuate.endpoint;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies that may be ingested at once, shared by every request, so
 * that the heap that ingest needs stays bounded whatever the number of clients.
 *
 * @author kvconnector-stats
 */
final class IngestBudget {

	private final long maxBytes;

	private final AtomicLong reserved = new AtomicLong();

	IngestBudget(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Reserve bytes of the budget if they fit.
	 * @param bytes the bytes to reserve
	 * @return whether they were reserved
	 */
	boolean tryReserve(long bytes) {
		long current;
		do {
			current = this.reserved.get();
			if (bytes > this.maxBytes - current) {
				return false;
			}
		}
		while (!this.reserved.compareAndSet(current, current + bytes));
		return true;
	}

	/**
	 * Give reserved bytes back.
	 * @param bytes the bytes to give back
	 */
	void release(long bytes) {
		this.reserved.addAndGet(-bytes);
	}

	/**
	 * Return the bytes reserved now.
	 * @return the reserved bytes
	 */
	long reserved() {
		return this.reserved.get();
	}

}
