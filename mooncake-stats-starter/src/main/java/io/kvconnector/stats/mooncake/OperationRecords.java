package io.kvconnector.stats.mooncake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;

/**
 * The records that one stripe holds for one interval, by operation in the order the
 * operations first appeared, with their statuses and the records refused for lack of
 * capacity; guarded by the stripe's lock.
 *
 * @author kvconnector-stats
 */
final class OperationRecords {

	static final int DURATION = 0;

	static final int KEYS = 1;

	static final int BYTES = 2;

	static final int FAILED_KEYS = 3;

	static final int STATUS = 4;

	static final int ROW_WIDTH = 5;

	static final int OK_INDEX = 0;

	static final int ERROR_INDEX = 1;

	final OperationTables operations;

	final List<String> statuses = new ArrayList<>();

	final Map<String, Integer> statusIndexes = new HashMap<>();

	long dropped;

	OperationRecords(ChunkPool pool) {
		this.operations = new OperationTables(ROW_WIDTH, pool);
		statusIndex(MooncakeStoreConnectorStats.STATUS_OK);
		statusIndex(MooncakeStoreConnectorStats.STATUS_ERROR);
	}

	SampleRows rows(String operation) {
		return this.operations.getOrAdd(operation);
	}

	/**
	 * Count the records, which recording does not, so that it writes nothing shared.
	 */
	long size() {
		long size = 0;
		for (int i = 0; i < this.operations.size(); i++) {
			size += this.operations.table(i).size();
		}
		return size;
	}

	/**
	 * Discard every record, giving the chunks back to the pool and keeping the tables for
	 * the next interval.
	 */
	void clear() {
		this.operations.clear();
		if (this.statuses.size() > ERROR_INDEX + 1) {
			this.statuses.subList(ERROR_INDEX + 1, this.statuses.size()).clear();
			this.statusIndexes.values().removeIf((index) -> index > ERROR_INDEX);
		}
		this.dropped = 0;
	}

	/**
	 * Return the index of a status these records already use, without validating it.
	 * @return the index, or {@code -1} for a status not seen yet
	 */
	int knownStatusIndex(String status) {
		if (MooncakeStoreConnectorStats.STATUS_OK.equals(status)) {
			return OK_INDEX;
		}
		if (MooncakeStoreConnectorStats.STATUS_ERROR.equals(status)) {
			return ERROR_INDEX;
		}
		Integer index = this.statusIndexes.get(status);
		return (index != null) ? index : -1;
	}

	int statusIndex(String status) {
		Integer index = this.statusIndexes.get(status);
		if (index == null) {
			index = this.statuses.size();
			this.statuses.add(status);
			this.statusIndexes.put(status, index);
		}
		return index;
	}

	/**
	 * Append the records of others, operation by operation, up to a number of records;
	 * operations are created even when none of their records fit.
	 * @return the number of records appended
	 */
	int appendAll(OperationRecords other, int limit) {
		int appended = 0;
		for (int i = 0; i < other.operations.size(); i++) {
			SampleRows source = other.operations.table(i);
			SampleRows target = rows(other.operations.name(i));
			int fitting = Math.min(source.size(), limit - appended);
			for (int row = 0; row < fitting; row++) {
				String status = other.statuses.get((int) source.get(row, STATUS));
				target.append(source.get(row, DURATION), source.get(row, KEYS), source.get(row, BYTES),
						source.get(row, FAILED_KEYS), statusIndex(status));
			}
			appended += fitting;
		}
		return appended;
	}

	/**
	 * Visit every record, operation by operation in insertion order, without an object
	 * per record.
	 */
	void forEach(RecordVisitor visitor) {
		for (int i = 0; i < this.operations.size(); i++) {
			String operation = this.operations.name(i);
			SampleRows rows = this.operations.table(i);
			for (int row = 0; row < rows.size(); row++) {
				visitor.visit(operation, this.statuses.get((int) rows.get(row, STATUS)),
						Double.longBitsToDouble(rows.get(row, DURATION)), rows.get(row, KEYS), rows.get(row, BYTES),
						rows.get(row, FAILED_KEYS));
			}
		}
	}

	/**
	 * Call an action for every record, operation by operation in insertion order.
	 */
	void forEach(Consumer<? super MooncakeOperation> action) {
		for (int i = 0; i < this.operations.size(); i++) {
			String operation = this.operations.name(i);
			SampleRows rows = this.operations.table(i);
			for (int row = 0; row < rows.size(); row++) {
				action.accept(new MooncakeOperation(operation, Double.longBitsToDouble(rows.get(row, DURATION)),
						rows.get(row, KEYS), rows.get(row, BYTES), this.statuses.get((int) rows.get(row, STATUS)),
						rows.get(row, FAILED_KEYS)));
			}
		}
	}

	/**
	 * Receives the fields of records one by one.
	 */
	@FunctionalInterface
	interface RecordVisitor {

		void visit(String operation, String status, double durationSeconds, long keys, long bytes, long failedKeys);

	}

}
