package io.kvconnector.stats.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Base class of binders whose meters are per engine: an engine's meters are registered in
 * every registry bound so far when the engine is first asked for, and in every later one
 * when it is bound, so that the engines come from the recorder alone and each engine's
 * series exist from start-up.
 *
 * @param <M> the type that holds one registry's meters of an engine
 * @author kvconnector-stats
 */
public abstract class EngineMeterBinder<M> implements MeterBinder {

	private final IntFunction<M[]> arrays;

	private final List<MeterRegistry> registries = new ArrayList<>();

	private final Map<Integer, EngineMeters<M>> engines = new LinkedHashMap<>();

	/**
	 * Create the binder.
	 * @param arrays creates arrays of the meters type
	 */
	protected EngineMeterBinder(IntFunction<M[]> arrays) {
		this.arrays = arrays;
	}

	/**
	 * Return the meters of an engine, registering them first if needed.
	 * @param engine the engine index, the {@code engine} label value
	 * @return the engine's meters
	 */
	public final synchronized EngineMeters<M> engine(int engine) {
		EngineMeters<M> meters = this.engines.get(engine);
		if (meters == null) {
			meters = new EngineMeters<>(engine, this.arrays.apply(0));
			for (MeterRegistry registry : this.registries) {
				meters.add(register(registry, engine));
			}
			this.engines.put(engine, meters);
		}
		return meters;
	}

	@Override
	public final synchronized void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		for (EngineMeters<M> meters : this.engines.values()) {
			meters.add(register(registry, meters.engine()));
		}
		bindConnectorMeters(registry);
	}

	/**
	 * Register one engine's meters with a registry.
	 * @param registry the registry
	 * @param engine the engine index
	 * @return the registered meters
	 */
	protected abstract M register(MeterRegistry registry, int engine);

	/**
	 * Register the meters that are not per engine; called once a registry.
	 * @param registry the registry
	 */
	protected void bindConnectorMeters(MeterRegistry registry) {
	}

}
