package io.kvconnector.stats.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.search.Search;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.RecordOutcome;
import io.kvconnector.stats.SampleDropListener;
import io.kvconnector.stats.recording.IntervalSummary;
import io.kvconnector.stats.recording.KvConnector;

/**
 * How the shared suites drive one connector: build its stats, meters and recorder, record
 * a sample, and count what the intervals and the meters kept. Each starter implements it
 * once and hands it to every suite it extends.
 *
 * <p>
 * A <em>sample</em> is what {@code kvconnector.max-samples-per-interval} bounds (a NIXL
 * transfer, a Mooncake store record); a <em>failure</em> is the connector's kind of
 * failure recorded with it (a failed NIXL transfer, a Mooncake record with status
 * {@code error}).
 *
 * @param <S> the stats type
 * @param <R> the recorder type
 * @param <M> the meter binder type
 * @author kvconnector-stats
 */
public interface ConnectorUnderTest<S extends KvConnectorStats<S>, R extends KvConnector<S>, M extends MeterBinder> {

	/**
	 * Return the connector name, the {@code connector} tag and the last part of its
	 * property prefix {@code kvconnector.<name>}.
	 * @return the name
	 */
	String name();

	/**
	 * Return the recorder type, the bean application code records into.
	 * @return the recorder type
	 */
	Class<R> recorderType();

	/**
	 * Return the meter binder type.
	 * @return the binder type
	 */
	Class<M> metricsType();

	/**
	 * Create the connector's meters with their defaults, unbound.
	 * @param modelName the {@code model_name} label value
	 * @return the meters
	 */
	M metrics(String modelName);

	/**
	 * Create a recorder.
	 * @param engines the engine indexes
	 * @param maxSamplesPerInterval samples kept per engine and interval
	 * @param metrics the meters
	 * @return the recorder
	 */
	R recorder(List<Integer> engines, int maxSamplesPerInterval, M metrics);

	/**
	 * Create a recorder whose meters are bound to a registry.
	 * @param engines the engine indexes
	 * @param maxSamplesPerInterval samples kept per engine and interval
	 * @param modelName the {@code model_name} label value
	 * @param registry the registry
	 * @return the recorder
	 */
	default R recorder(List<Integer> engines, int maxSamplesPerInterval, String modelName, MeterRegistry registry) {
		M metrics = metrics(modelName);
		metrics.bindTo(registry);
		return recorder(engines, maxSamplesPerInterval, metrics);
	}

	/**
	 * Record a valid sample through the recorder's API without an engine index, which
	 * records on the first configured engine.
	 * @param recorder the recorder
	 * @param sample numbers the sample, so that samples differ
	 * @param failure whether to record the connector's failure with it
	 */
	void record(R recorder, long sample, boolean failure);

	/**
	 * Record a valid sample through the recorder's API on an engine.
	 * @param recorder the recorder
	 * @param engine the engine index, configured or not
	 * @param sample numbers the sample, so that samples differ
	 * @param failure whether to record the connector's failure with it
	 */
	void record(R recorder, int engine, long sample, boolean failure);

	/**
	 * Create empty stats.
	 * @param capacity the most samples they keep
	 * @param drops told about samples beyond it
	 * @return the stats
	 */
	S stats(int capacity, SampleDropListener drops);

	/**
	 * Record a valid sample into stats, as
	 * {@link #record(KvConnector, int, long, boolean)} records it into an engine's
	 * interval.
	 * @param stats the stats
	 * @param sample numbers the sample, so that samples differ
	 * @param failure whether to record the connector's failure with it
	 * @return the outcome of recording the sample
	 */
	RecordOutcome record(S stats, long sample, boolean failure);

	/**
	 * Build stats from vLLM's wire format.
	 * @param data the data
	 * @return the stats
	 */
	S fromData(Map<String, ?> data);

	/**
	 * Return how many samples a {@code reduce()} result counts.
	 * @param reduced the result
	 * @return the samples
	 */
	long samples(Map<String, Number> reduced);

	/**
	 * Return how many failures stats hold.
	 * @param stats the stats
	 * @return the failures
	 */
	long failures(S stats);

	/**
	 * Return how many failures a closed interval held.
	 * @param summary the interval's summary
	 * @return the failures
	 */
	long failures(IntervalSummary summary);

	/**
	 * Return whether a failure is itself a sample, bounded and dropped like the others
	 * (Mooncake's error records), rather than kept apart from the bound (NIXL's failure
	 * lists).
	 * @return whether failures count as samples
	 */
	boolean failuresAreSamples();

	/**
	 * Return how many samples the meters counted on an engine.
	 * @param registry the registry the meters are bound to
	 * @param engine the engine index
	 * @return the samples
	 */
	double meteredSamples(MeterRegistry registry, int engine);

	/**
	 * Return how many failures the meters counted on every engine.
	 * @param registry the registry the meters are bound to
	 * @return the failures
	 */
	double meteredFailures(MeterRegistry registry);

	/**
	 * Return every vLLM series of one engine as the Prometheus registry exposes it from
	 * start-up, before anything is recorded: {@code _count} of each histogram, each
	 * counter's {@code _total}, with their value.
	 * @param engine the engine index
	 * @param modelName the {@code model_name} label value
	 * @return the exposition lines, such as
	 * {@code vllm:nixl_xfer_time_seconds_count{engine="0",model_name="m"} 0}
	 */
	List<String> seriesAtZero(int engine, String modelName);

	/**
	 * Return the {@code reason} values of
	 * {@code kvconnector_rejected_samples_total{connector=<name>}} registered at zero.
	 * @return the reasons
	 */
	Set<String> rejectionReasons();

	/**
	 * Return the sum of the counters a search finds, for {@link #meteredSamples} and
	 * {@link #meteredFailures}.
	 * @param search the search
	 * @return the sum, 0 when it finds none
	 */
	static double total(Search search) {
		return search.counters().stream().mapToDouble(Counter::count).sum();
	}

}
