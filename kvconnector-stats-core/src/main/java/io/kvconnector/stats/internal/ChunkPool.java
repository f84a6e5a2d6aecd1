package io.kvconnector.stats.internal;

import java.util.Arrays;

/**
 * Storage chunks of {@link SampleRows} given back by retired intervals, handed out again
 * to the current ones so that recording allocates nothing in steady state. Holds at most
 * a fixed number of chunks; extra ones are left to the garbage collector.
 *
 * @author kvconnector-stats
 */
public final class ChunkPool {

	private final int chunkLength;

	private final int maxChunks;

	private long[][] free = new long[8][];

	private int count;

	/**
	 * Create an empty pool.
	 * @param rowWidth the width of the rows whose chunks it keeps
	 * @param maxRows the most rows whose chunks it keeps
	 */
	public ChunkPool(int rowWidth, long maxRows) {
		this.chunkLength = SampleRows.CHUNK_ROWS * rowWidth;
		this.maxChunks = (int) Math.min(Integer.MAX_VALUE - 8,
				(maxRows + SampleRows.CHUNK_ROWS - 1) / SampleRows.CHUNK_ROWS);
	}

	synchronized long[] take() {
		if (this.count == 0) {
			return new long[this.chunkLength];
		}
		long[] chunk = this.free[--this.count];
		this.free[this.count] = null;
		return chunk;
	}

	synchronized void give(long[] chunk) {
		if (chunk.length != this.chunkLength || this.count >= this.maxChunks) {
			return;
		}
		if (this.count == this.free.length) {
			this.free = Arrays.copyOf(this.free, Math.min(this.maxChunks, this.count * 2));
		}
		this.free[this.count++] = chunk;
	}

	/**
	 * Return how many chunks are ready to be handed out.
	 * @return the number of pooled chunks
	 */
	public synchronized int size() {
		return this.count;
	}

}
