package io.kvconnector.stats.mooncake;

import java.util.Arrays;

import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;
import org.jspecify.annotations.Nullable;

/**
 * The record tables of one interval's operations, by name in the order the operations
 * first appeared. Emptying keeps the tables and the name index for the next interval, so
 * that steady recording allocates nothing, where a {@code LinkedHashMap} would allocate
 * an entry for every operation of every interval. Not thread-safe: its owner guards it.
 *
 * @author kvconnector-stats
 */
final class OperationTables {

	private static final int INITIAL_CAPACITY = 8;

	/**
	 * Most emptied tables kept for the next interval; an interval with more operations
	 * gives the extra ones up.
	 */
	private static final int MAX_KEPT = 64;

	private final int rowWidth;

	private final ChunkPool pool;

	private @Nullable String[] names = new String[INITIAL_CAPACITY];

	/**
	 * The tables of the first {@link #size} names, then emptied tables ready for reuse.
	 */
	private @Nullable SampleRows[] rows = new SampleRows[INITIAL_CAPACITY];

	/**
	 * Open-addressing index: position + 1 of the name whose hash lands there, 0 for none.
	 */
	private int[] slots = new int[2 * INITIAL_CAPACITY];

	private int size;

	OperationTables(int rowWidth, ChunkPool pool) {
		this.rowWidth = rowWidth;
		this.pool = pool;
	}

	/**
	 * Return the table of an operation.
	 * @param operation the operation name
	 * @return its table, or {@code null} when it has none in this interval
	 */
	@Nullable SampleRows get(String operation) {
		int position = find(operation);
		return (position >= 0) ? this.rows[position] : null;
	}

	/**
	 * Return the table of an operation, adding an empty one when it has none.
	 * @param operation the operation name
	 * @return its table
	 */
	SampleRows getOrAdd(String operation) {
		int position = find(operation);
		if (position >= 0) {
			return this.rows[position];
		}
		if (2 * (this.size + 1) > this.slots.length) {
			grow();
		}
		position = this.size++;
		this.names[position] = operation;
		SampleRows table = this.rows[position];
		if (table == null) {
			table = new SampleRows(this.rowWidth, this.pool);
			this.rows[position] = table;
		}
		this.slots[freeSlot(operation)] = position + 1;
		return table;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/**
	 * Return the number of operations, which are numbered from 0 in the order they first
	 * appeared.
	 * @return the operation count
	 */
	int size() {
		return this.size;
	}

	/**
	 * Return the name of an operation.
	 * @param position the operation's number, below {@link #size()}
	 * @return its name
	 */
	String name(int position) {
		return this.names[position];
	}

	/**
	 * Return the table of an operation.
	 * @param position the operation's number, below {@link #size()}
	 * @return its table
	 */
	SampleRows table(int position) {
		return this.rows[position];
	}

	/**
	 * Remove every operation, giving the chunks of their tables back to the pool.
	 */
	void clear() {
		for (int i = 0; i < this.size; i++) {
			this.rows[i].release();
			this.names[i] = null;
		}
		if (this.size > MAX_KEPT) {
			this.names = new String[INITIAL_CAPACITY];
			this.rows = new SampleRows[INITIAL_CAPACITY];
			this.slots = new int[2 * INITIAL_CAPACITY];
		}
		else {
			Arrays.fill(this.slots, 0);
		}
		this.size = 0;
	}

	private int find(String operation) {
		int mask = this.slots.length - 1;
		for (int slot = hash(operation) & mask;; slot = (slot + 1) & mask) {
			int entry = this.slots[slot];
			if (entry == 0) {
				return -1;
			}
			String name = this.names[entry - 1];
			if (name == operation || operation.equals(name)) {
				return entry - 1;
			}
		}
	}

	private int freeSlot(String operation) {
		int mask = this.slots.length - 1;
		int slot = hash(operation) & mask;
		while (this.slots[slot] != 0) {
			slot = (slot + 1) & mask;
		}
		return slot;
	}

	private void grow() {
		int capacity = this.names.length * 2;
		this.names = Arrays.copyOf(this.names, capacity);
		this.rows = Arrays.copyOf(this.rows, capacity);
		this.slots = new int[2 * capacity];
		for (int i = 0; i < this.size; i++) {
			this.slots[freeSlot(this.names[i])] = i + 1;
		}
	}

	private static int hash(String operation) {
		int h = operation.hashCode();
		return h ^ (h >>> 16);
	}

}
