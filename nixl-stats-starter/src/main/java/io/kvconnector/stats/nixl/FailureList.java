package io.kvconnector.stats.nixl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One of NIXL's failure lists, run-length encoded: recording appends {@code 1} many
 * times, which costs nothing here. Not thread-safe: its owner guards it.
 *
 * @author kvconnector-stats
 */
final class FailureList {

	private long[] values = new long[1];

	private long[] runs = new long[1];

	private int runCount;

	private long size;

	private long total;

	void append(long value, long times) {
		if (times == 0) {
			return;
		}
		if (this.runCount > 0 && this.values[this.runCount - 1] == value) {
			this.runs[this.runCount - 1] += times;
		}
		else {
			if (this.runCount == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.runCount * 2);
				this.runs = Arrays.copyOf(this.runs, this.runCount * 2);
			}
			this.values[this.runCount] = value;
			this.runs[this.runCount] = times;
			this.runCount++;
		}
		this.size += times;
		this.total += value * times;
	}

	void clear() {
		this.runCount = 0;
		this.size = 0;
		this.total = 0;
	}

	void appendAll(FailureList other) {
		int count = other.runCount;
		for (int i = 0; i < count; i++) {
			append(other.values[i], other.runs[i]);
		}
	}

	long size() {
		return this.size;
	}

	long total() {
		return this.total;
	}

	FailureList copy() {
		FailureList copy = new FailureList();
		copy.appendAll(this);
		return copy;
	}

	List<Long> toList() {
		List<Long> list = new ArrayList<>((int) Math.min(this.size, Integer.MAX_VALUE - 8));
		for (int i = 0; i < this.runCount; i++) {
			Long value = this.values[i];
			for (long j = 0; j < this.runs[i]; j++) {
				list.add(value);
			}
		}
		return list;
	}

}
