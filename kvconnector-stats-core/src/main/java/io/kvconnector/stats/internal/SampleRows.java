package io.kvconnector.stats.internal;

import java.math.BigInteger;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Append-only table of fixed-width rows of {@code long}s, stored in fixed-size chunks so
 * that growing never copies and memory stays close to 8 bytes a cell. Doubles are stored
 * as their raw bits. Not thread-safe: its owner guards it. Its fields are padded on both
 * sides, because tables of different threads are appended to at once.
 *
 * @author kvconnector-stats
 */
@SuppressWarnings("unused")
public final class SampleRows extends SampleRowsFields {

	private static final int CHUNK_ROWS_SHIFT = 10;

	static final int CHUNK_ROWS = 1 << CHUNK_ROWS_SHIFT;

	private static final int ROW_MASK = CHUNK_ROWS - 1;

	// after the fields, which SampleRowsFields holds: fields of a subclass come last

	private long q00;

	private long q01;

	private long q02;

	private long q03;

	private long q04;

	private long q05;

	private long q06;

	private long q07;

	private long q08;

	private long q09;

	private long q10;

	private long q11;

	private long q12;

	private long q13;

	private long q14;

	private long q15;

	/**
	 * Create an empty table.
	 * @param width the number of cells in a row
	 */
	public SampleRows(int width) {
		this(width, null);
	}

	/**
	 * Create an empty table whose chunks come from, and go back to, a pool.
	 * @param width the number of cells in a row
	 * @param pool where chunks come from and go back to by {@link #release()}, or
	 * {@code null} to allocate them
	 */
	public SampleRows(int width, @Nullable ChunkPool pool) {
		super(width, pool);
	}

	/**
	 * Empty the table, giving its chunks back to its pool.
	 */
	public void release() {
		for (int i = 0; i < this.chunks.length; i++) {
			long[] chunk = this.chunks[i];
			if (chunk != null && this.pool != null) {
				this.pool.give(chunk);
			}
			this.chunks[i] = null;
		}
		this.size = 0;
	}

	/**
	 * Return the number of rows.
	 * @return the row count
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Append a row of four cells.
	 * @param c0 cell 0
	 * @param c1 cell 1
	 * @param c2 cell 2
	 * @param c3 cell 3
	 */
	public void append(long c0, long c1, long c2, long c3) {
		long[] chunk = chunkForAppend(4);
		int base = (this.size & ROW_MASK) * 4;
		chunk[base] = c0;
		chunk[base + 1] = c1;
		chunk[base + 2] = c2;
		chunk[base + 3] = c3;
		this.size++;
	}

	/**
	 * Append a row of five cells.
	 * @param c0 cell 0
	 * @param c1 cell 1
	 * @param c2 cell 2
	 * @param c3 cell 3
	 * @param c4 cell 4
	 */
	public void append(long c0, long c1, long c2, long c3, long c4) {
		long[] chunk = chunkForAppend(5);
		int base = (this.size & ROW_MASK) * 5;
		chunk[base] = c0;
		chunk[base + 1] = c1;
		chunk[base + 2] = c2;
		chunk[base + 3] = c3;
		chunk[base + 4] = c4;
		this.size++;
	}

	/**
	 * Set one cell, growing the table to hold its row: for filling a table column by
	 * column, as vLLM's wire format lists it. The other cells of rows that this adds hold
	 * whatever their chunk held until they are set.
	 * @param row the row index, at most {@link #size()}
	 * @param column the column index
	 * @param value the cell value
	 */
	public void put(int row, int column, long value) {
		if (row > this.size || column < 0 || column >= this.width) {
			throw new IndexOutOfBoundsException("cell " + row + "," + column + " of " + this.size + " rows");
		}
		if (row == this.size) {
			chunkForAppend(this.width);
			this.size++;
		}
		this.chunks[row >>> CHUNK_ROWS_SHIFT][(row & ROW_MASK) * this.width + column] = value;
	}

	/**
	 * Append rows of another table of the same width, up to a total row count.
	 * @param other the rows to append; may be this table
	 * @param limit the largest row count this table may reach
	 * @return the number of rows of {@code other} that did not fit
	 */
	public int appendAll(SampleRows other, int limit) {
		if (other.width != this.width) {
			throw new IllegalArgumentException("width mismatch");
		}
		int count = other.size;
		int fitting = Math.max(0, Math.min(count, limit - this.size));
		for (int row = 0; row < fitting; row++) {
			long[] source = other.chunks[row >>> CHUNK_ROWS_SHIFT];
			long[] target = chunkForAppend(this.width);
			System.arraycopy(source, (row & ROW_MASK) * this.width, target, (this.size & ROW_MASK) * this.width,
					this.width);
			this.size++;
		}
		return count - fitting;
	}

	/**
	 * Return one cell.
	 * @param row the row index
	 * @param column the column index
	 * @return the cell value
	 */
	public long get(int row, int column) {
		return this.chunks[row >>> CHUNK_ROWS_SHIFT][(row & ROW_MASK) * this.width + column];
	}

	/**
	 * Copy one column, read as doubles from raw bits, into an array.
	 * @param column the column index
	 * @param target where to write, from index 0; at least {@link #size()} long
	 */
	public void copyDoubles(int column, double[] target) {
		copyDoubles(column, target, 0);
	}

	/**
	 * Copy one column, read as doubles from raw bits, into an array from an offset.
	 * @param column the column index
	 * @param target where to write
	 * @param offset the index of {@code target} that receives row 0; the array holds at
	 * least {@code offset + size()} elements
	 */
	public void copyDoubles(int column, double[] target, int offset) {
		int row = 0;
		for (int c = 0; row < this.size; c++) {
			long[] chunk = this.chunks[c];
			int rows = Math.min(CHUNK_ROWS, this.size - row);
			for (int r = 0, cell = column; r < rows; r++, cell += this.width) {
				target[offset + row + r] = Double.longBitsToDouble(chunk[cell]);
			}
			row += rows;
		}
	}

	/**
	 * Copy one column into an array.
	 * @param column the column index
	 * @param target where to write, from index 0; at least {@link #size()} long
	 */
	public void copyLongs(int column, long[] target) {
		int row = 0;
		for (int c = 0; row < this.size; c++) {
			long[] chunk = this.chunks[c];
			int rows = Math.min(CHUNK_ROWS, this.size - row);
			for (int r = 0, cell = column; r < rows; r++, cell += this.width) {
				target[row + r] = chunk[cell];
			}
			row += rows;
		}
	}

	/**
	 * Return the exact sum of a column of non-negative values, as Python's unbounded
	 * integers would give it.
	 * @param column the column index
	 * @return the sum, a {@link Long}, or a {@link BigInteger} past
	 * {@code Long.MAX_VALUE}
	 */
	public Number sumExact(int column) {
		long sum = 0;
		BigInteger carried = BigInteger.ZERO;
		int row = 0;
		for (int c = 0; row < this.size; c++) {
			long[] chunk = this.chunks[c];
			int rows = Math.min(CHUNK_ROWS, this.size - row);
			for (int r = 0, cell = column; r < rows; r++, cell += this.width) {
				long value = chunk[cell];
				long next = sum + value;
				if (((sum ^ next) & (value ^ next)) < 0) {
					carried = carried.add(BigInteger.valueOf(sum)).add(BigInteger.valueOf(value));
					next = 0;
				}
				sum = next;
			}
			row += rows;
		}
		return (carried.signum() == 0) ? (Long) sum : carried.add(BigInteger.valueOf(sum));
	}

	/**
	 * Count the rows whose cell in a column holds a value.
	 * @param column the column index
	 * @param value the value to count
	 * @return the number of rows holding it
	 */
	public int count(int column, long value) {
		int count = 0;
		int row = 0;
		for (int c = 0; row < this.size; c++) {
			long[] chunk = this.chunks[c];
			int rows = Math.min(CHUNK_ROWS, this.size - row);
			for (int r = 0, cell = column; r < rows; r++, cell += this.width) {
				if (chunk[cell] == value) {
					count++;
				}
			}
			row += rows;
		}
		return count;
	}

	/**
	 * Return an independent copy of this table.
	 * @return the copy
	 */
	public SampleRows copy() {
		SampleRows copy = new SampleRows(this.width);
		copy.chunks = new long[this.chunks.length][];
		for (int i = 0; i < this.chunks.length && this.chunks[i] != null; i++) {
			copy.chunks[i] = this.chunks[i].clone();
		}
		copy.size = this.size;
		return copy;
	}

	private long[] chunkForAppend(int rowWidth) {
		if (rowWidth != this.width) {
			throw new IllegalStateException("row of " + rowWidth + " cells in a table of width " + this.width);
		}
		int index = this.size >>> CHUNK_ROWS_SHIFT;
		if (index == this.chunks.length) {
			this.chunks = Arrays.copyOf(this.chunks, Math.max(4, index * 2));
		}
		long[] chunk = this.chunks[index];
		if (chunk == null) {
			chunk = (this.pool != null) ? this.pool.take() : new long[CHUNK_ROWS * this.width];
			this.chunks[index] = chunk;
		}
		return chunk;
	}

}
