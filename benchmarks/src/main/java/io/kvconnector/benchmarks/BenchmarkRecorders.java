package io.kvconnector.benchmarks;

import java.time.Clock;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;

/**
 * The recorders the benchmarks measure: one engine each, meters bound to a registry, and
 * a bound on samples per interval high enough that every sample is kept.
 *
 * @param nixl the NIXL recorder
 * @param mooncake the Mooncake recorder
 * @author kvconnector-stats
 */
record BenchmarkRecorders(NixlStatsRecorder nixl, MooncakeStatsRecorder mooncake) {

	/**
	 * The Mooncake operations the benchmarks record.
	 */
	static final String[] OPERATIONS = { "save_exists", "save_put", "load_get", "lookup_exists" };

	static BenchmarkRecorders boundTo(PrometheusMeterRegistry registry) {
		NixlMetrics nixlMetrics = new NixlMetrics("benchmark-model");
		nixlMetrics.bindTo(registry);
		MooncakeMetrics mooncakeMetrics = new MooncakeMetrics("benchmark-model", List.of(OPERATIONS), 32, 8);
		mooncakeMetrics.bindTo(registry);
		return new BenchmarkRecorders(
				new NixlStatsRecorder(List.of(0), Integer.MAX_VALUE, nixlMetrics, Clock.systemUTC()),
				new MooncakeStatsRecorder(List.of(0), Integer.MAX_VALUE, mooncakeMetrics, Clock.systemUTC()));
	}

}
