package io.kvconnector.stats.testconnector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.InvalidStatsDataException;
import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;
import io.kvconnector.stats.internal.WireReader;

/**
 * Stats of the test connector: a bounded list of durations whose wire format is
 * {@code {"values": [...]}} and whose reduce is {@code {"count": n, "total": sum}}.
 * Counts its clones, reuses and resets so that tests can see how intervals use storage.
 *
 * @author kvconnector-stats
 */
public final class TestStats implements KvConnectorStats<TestStats> {

	/**
	 * Wire-format key of the values.
	 */
	public static final String VALUES = "values";

	private final int capacity;

	private final SampleDropListener drops;

	private List<Double> values = new ArrayList<>();

	private long dropped;

	private int resets;

	private int reuses;

	/**
	 * Create unbounded stats.
	 */
	public TestStats() {
		this(Integer.MAX_VALUE, SampleDropListener.NONE);
	}

	/**
	 * Create bounded stats.
	 * @param capacity the most values kept
	 * @param drops told about values beyond it
	 */
	public TestStats(int capacity, SampleDropListener drops) {
		this.capacity = capacity;
		this.drops = drops;
	}

	/**
	 * Build stats from the wire format.
	 * @param data the data
	 * @return the stats
	 */
	public static TestStats fromData(Map<String, ?> data) {
		return WireReader.read(data, TestStats::read);
	}

	/**
	 * Build stats from the wire format as it is read.
	 * @param data the reader, at the data
	 * @return the stats
	 */
	public static TestStats read(WireReader data) {
		TestStats stats = new TestStats();
		data.beginObject();
		for (String key = data.nextName(); key != null; key = data.nextName()) {
			if (!VALUES.equals(key)) {
				throw new InvalidStatsDataException(data.path(), "unexpected key");
			}
			data.beginArray();
			while (data.nextElement()) {
				stats.values.add(data.duration());
			}
		}
		return stats;
	}

	/**
	 * Record a value.
	 * @param value the value, finite and at least 0
	 * @return the outcome
	 */
	public RecordOutcome record(double value) {
		if (!(value >= 0) || Double.isInfinite(value)) {
			return RecordOutcome.INVALID_DURATION;
		}
		synchronized (this) {
			if (this.values.size() >= this.capacity) {
				this.dropped++;
			}
			else {
				this.values.add(value);
				return RecordOutcome.RECORDED;
			}
		}
		this.drops.dropped(1);
		return RecordOutcome.DROPPED;
	}

	/**
	 * Return the values kept, in order.
	 * @return a copy of the values
	 */
	public synchronized List<Double> values() {
		return List.copyOf(this.values);
	}

	/**
	 * Return how many times these stats were emptied.
	 * @return the reset count
	 */
	public synchronized int resets() {
		return this.resets;
	}

	/**
	 * Return how many times these stats received a closed interval through
	 * {@link #cloneAndResetInto}.
	 * @return the reuse count
	 */
	public synchronized int reuses() {
		return this.reuses;
	}

	@Override
	public synchronized Map<String, ?> data() {
		return Map.of(VALUES, List.copyOf(this.values));
	}

	@Override
	public synchronized boolean isEmpty() {
		return this.values.isEmpty();
	}

	@Override
	public TestStats aggregate(TestStats other) {
		List<Double> incoming = other.values();
		long dropped;
		synchronized (this) {
			int fitting = Math.max(0, Math.min(incoming.size(), this.capacity - this.values.size()));
			this.values.addAll(incoming.subList(0, fitting));
			dropped = incoming.size() - fitting;
			this.dropped += dropped;
		}
		if (dropped > 0) {
			this.drops.dropped(dropped);
		}
		return this;
	}

	@Override
	public synchronized TestStats cloneAndReset() {
		TestStats clone = new TestStats(this.capacity, this.drops);
		clone.values = this.values;
		clone.dropped = this.dropped;
		this.values = new ArrayList<>();
		this.dropped = 0;
		return clone;
	}

	@Override
	public TestStats cloneAndResetInto(TestStats spare) {
		spare.reset();
		synchronized (this) {
			synchronized (spare) {
				List<Double> closed = this.values;
				this.values = spare.values;
				spare.values = closed;
				spare.dropped = this.dropped;
				this.dropped = 0;
				spare.reuses++;
			}
		}
		return spare;
	}

	@Override
	public synchronized void reset() {
		this.values.clear();
		this.dropped = 0;
		this.resets++;
	}

	@Override
	public synchronized Map<String, Number> reduce() {
		Map<String, Number> reduced = new LinkedHashMap<>();
		double total = 0;
		for (double value : this.values) {
			total += value;
		}
		reduced.put("count", this.values.size());
		reduced.put("total", total);
		return reduced;
	}

	@Override
	public synchronized long droppedSamples() {
		return this.dropped;
	}

}
