package io.kvconnector.stats.metrics;

import java.util.Arrays;

/**
 * The meters of one engine in every registry that its binder was bound to, read on each
 * sample without a lookup or a lock.
 *
 * @param <M> the type that holds one registry's meters of the engine
 * @author kvconnector-stats
 */
public final class EngineMeters<M> {

	private final int engine;

	private volatile M[] bound;

	EngineMeters(int engine, M[] empty) {
		this.engine = engine;
		this.bound = empty;
	}

	/**
	 * Return the engine index.
	 * @return the engine index
	 */
	public int engine() {
		return this.engine;
	}

	/**
	 * Return the engine's meters in each bound registry; not to be changed.
	 * @return the meters, one element a registry
	 */
	public M[] bound() {
		return this.bound;
	}

	synchronized void add(M meters) {
		M[] current = this.bound;
		M[] updated = Arrays.copyOf(current, current.length + 1);
		updated[current.length] = meters;
		this.bound = updated;
	}

}
