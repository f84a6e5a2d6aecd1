package io.kvconnector.benchmarks;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.mooncake.metrics.MooncakeMetrics;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.NixlXferTelemetry;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;
import io.kvconnector.stats.recording.ClosedInterval;
import io.kvconnector.stats.recording.KvConnectorEngine;

/**
 * What closing an interval costs: one sample, then a rotation, as every
 * {@code kvconnector.log-interval}. Run with {@code -prof gc}: since recording allocates
 * nothing, the bytes per operation are what a rotation allocates.
 *
 * @author kvconnector-stats
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
@SuppressWarnings("NullAway.Init")
public class RotateBenchmark {

	private static final List<String> OPERATIONS = List.of("save_exists", "save_put", "load_get", "lookup_exists");

	private static final NixlXferTelemetry TRANSFER = NixlXferTelemetry.builder()
		.xferDurationMicros(1000)
		.postDurationMicros(100)
		.totalBytes(2_097_152)
		.descCount(10)
		.build();

	private NixlStatsRecorder nixl;

	private MooncakeStatsRecorder mooncake;

	private int operation;

	@Setup(Level.Trial)
	public void setUp() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		NixlMetrics nixlMetrics = new NixlMetrics("benchmark-model");
		nixlMetrics.bindTo(registry);
		this.nixl = new NixlStatsRecorder(List.of(0), 1_000_000, nixlMetrics, Clock.systemUTC());
		MooncakeMetrics mooncakeMetrics = new MooncakeMetrics("benchmark-model", OPERATIONS, 32, 8);
		mooncakeMetrics.bindTo(registry);
		this.mooncake = new MooncakeStatsRecorder(List.of(0), 1_000_000, mooncakeMetrics, Clock.systemUTC());
	}

	@Benchmark
	public ClosedInterval nixlRotate() {
		this.nixl.recordTransfer(TRANSFER);
		KvConnectorEngine<?> engine = this.nixl.engines().get(0);
		return engine.interval().rotate();
	}

	@Benchmark
	public ClosedInterval mooncakeRotate() {
		this.operation = (this.operation + 1) & 3;
		this.mooncake.recordOperation(MooncakeOperation.builder(OPERATIONS.get(this.operation))
			.durationSeconds(0.0042)
			.keys(8)
			.bytes(2_097_152)
			.build());
		return this.mooncake.engines().get(0).interval().rotate();
	}

}
