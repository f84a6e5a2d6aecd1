package io.kvconnector.stats.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;

/**
 * Base class of the connector recorders: the engines, built once from the configured
 * engine indexes, and the rejection of samples for engines that are not configured.
 *
 * @param <S> the stats type
 * @param <E> the engine type
 * @author kvconnector-stats
 */
public abstract class KvConnectorRecorder<S extends KvConnectorStats<S>, E extends KvConnectorEngine<S>>
		implements KvConnector<S> {

	private final String name;

	private final List<E> engines;

	private final E first;

	private final SampleRejections rejections;

	/**
	 * Create a recorder.
	 * @param name the connector name
	 * @param engines the configured engine indexes, at least one, in order, no duplicates
	 * @param rejections where the connector counts invalid samples
	 * @param engineFactory creates the engine of an index
	 */
	protected KvConnectorRecorder(String name, List<Integer> engines, SampleRejections rejections,
			IntFunction<E> engineFactory) {
		if (engines.isEmpty()) {
			throw new IllegalArgumentException("at least one engine is required");
		}
		if (engines.stream().distinct().count() != engines.size()) {
			throw new IllegalArgumentException("engine indexes must be unique: " + engines);
		}
		this.name = name;
		this.rejections = rejections;
		List<E> created = new ArrayList<>(engines.size());
		for (int engine : engines) {
			created.add(engineFactory.apply(engine));
		}
		this.engines = List.copyOf(created);
		this.first = this.engines.get(0);
	}

	@Override
	public final String name() {
		return this.name;
	}

	// typed as the public base, since a connector's own engine type is its business
	@Override
	public final List<? extends KvConnectorEngine<S>> engines() {
		return this.engines;
	}

	@Override
	public final @Nullable KvConnectorEngine<S> engine(int engine) {
		return find(engine);
	}

	private @Nullable E find(int engine) {
		for (E candidate : this.engines) {
			if (candidate.engine() == engine) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Return the first configured engine, where recording without an engine index goes.
	 * @return the first engine
	 */
	protected final E firstEngine() {
		return this.first;
	}

	/**
	 * Return a configured engine, counting and warning about a sample for one that is not
	 * configured.
	 * @param engine the engine index
	 * @return the engine, or {@code null} when the sample was rejected
	 */
	protected final @Nullable E engineOrReject(int engine) {
		E found = find(engine);
		if (found == null) {
			this.rejections.reject(RecordOutcome.UNKNOWN_ENGINE, "engine " + engine);
		}
		return found;
	}

	@Override
	public final SampleRejections rejections() {
		return this.rejections;
	}

}
