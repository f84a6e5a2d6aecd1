package io.kvconnector.benchmarks;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.nixl.NixlXferTelemetry;
import io.kvconnector.stats.recording.EngineInterval;
import io.kvconnector.stats.recording.KvConnectorEngine;

/**
 * Cost of recording one sample through the public recorders, against the floor: only the
 * meter updates that recording has to do anyway, on the same meters of the same
 * {@link PrometheusMeterRegistry}. Intervals rotate every {@code samplesPerInterval}
 * samples of a thread, as they do every {@code kvconnector.log-interval}, so storage is
 * recycled as in production; the bound on samples per interval is set high enough that
 * every sample is kept. What a rotation allocates is spread over the samples of an
 * interval: run with a larger {@code samplesPerInterval} to see that recording itself
 * allocates nothing.
 *
 * @author kvconnector-stats
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms6g", "-Xmx6g" })
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init")
public class RecordBenchmark {

	private static final String[] OPERATIONS = BenchmarkRecorders.OPERATIONS;

	private NixlStatsRecorder nixl;

	private MooncakeStatsRecorder mooncake;

	private Timer transferTime;

	private Timer postTime;

	private DistributionSummary bytesTransferred;

	private DistributionSummary descriptors;

	private OperationMeters[] operationMeters;

	@Setup(Level.Trial)
	public void setUp() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		BenchmarkRecorders recorders = BenchmarkRecorders.boundTo(registry);
		this.nixl = recorders.nixl();
		this.mooncake = recorders.mooncake();
		this.transferTime = registry.get("vllm:nixl_xfer_time").timer();
		this.postTime = registry.get("vllm:nixl_post_time").timer();
		this.bytesTransferred = registry.get("vllm:nixl_bytes_transferred").summary();
		this.descriptors = registry.get("vllm:nixl_num_descriptors").summary();
		this.operationMeters = new OperationMeters[OPERATIONS.length];
		for (int i = 0; i < OPERATIONS.length; i++) {
			String[] tags = { "operation", OPERATIONS[i], "status", "ok" };
			this.operationMeters[i] = new OperationMeters(
					registry.get("vllm:mooncake_store_operation_time").tags(tags).timer(),
					registry.get("vllm:mooncake_store_operation").tags(tags).counter(),
					registry.get("vllm:mooncake_store_operation_keys").tags(tags).counter(),
					registry.get("vllm:mooncake_store_operation_bytes").tags(tags).counter(),
					registry.get("vllm:mooncake_store_operation_failed_keys").tags(tags).counter());
		}
	}

	@Benchmark
	public void nixlRecordTransfer(Samples samples) {
		int i = samples.next();
		this.nixl.recordTransfer(NixlXferTelemetry.builder()
			.xferDurationMicros(samples.transferMicros[i])
			.postDurationMicros(samples.postMicros[i])
			.totalBytes(samples.bytes[i])
			.descCount(samples.descriptors[i])
			.build());
		if (samples.dueForRotation()) {
			for (KvConnectorEngine<?> engine : this.nixl.engines()) {
				engine.interval().rotate();
			}
		}
	}

	@Benchmark
	public void nixlMicrometerOnly(Samples samples) {
		int i = samples.next();
		this.transferTime.record(samples.transferNanos[i], TimeUnit.NANOSECONDS);
		this.postTime.record(samples.postNanos[i], TimeUnit.NANOSECONDS);
		this.bytesTransferred.record(samples.bytes[i]);
		this.descriptors.record(samples.descriptors[i]);
	}

	@Benchmark
	public void mooncakeRecordOperation(Samples samples) {
		int i = samples.next();
		this.mooncake.recordOperation(MooncakeOperation.builder(OPERATIONS[samples.operation[i]])
			.durationSeconds(samples.operationSeconds[i])
			.keys(samples.keys[i])
			.bytes(samples.bytes[i])
			.build());
		if (samples.dueForRotation()) {
			this.mooncake.engines().forEach((engine) -> engine.interval().rotate());
		}
	}

	@Benchmark
	public void mooncakeMicrometerOnly(Samples samples) {
		int i = samples.next();
		OperationMeters meters = this.operationMeters[samples.operation[i]];
		meters.time.record(samples.operationNanos[i], TimeUnit.NANOSECONDS);
		meters.calls.increment();
		meters.keys.increment(samples.keys[i]);
		meters.bytes.increment(samples.bytes[i]);
		meters.failedKeys.increment(0);
	}

	/**
	 * Realistic samples, cycled through by each thread.
	 */
	@State(Scope.Thread)
	public static class Samples {

		private static final int SIZE = 1024;

		final long[] transferMicros = new long[SIZE];

		final long[] postMicros = new long[SIZE];

		final long[] transferNanos = new long[SIZE];

		final long[] postNanos = new long[SIZE];

		final long[] bytes = new long[SIZE];

		final long[] descriptors = new long[SIZE];

		final int[] operation = new int[SIZE];

		final double[] operationSeconds = new double[SIZE];

		final long[] operationNanos = new long[SIZE];

		final long[] keys = new long[SIZE];

		/**
		 * Samples a thread records between two rotations.
		 */
		@Param("65536")
		int samplesPerInterval;

		private int index;

		private int sinceRotation;

		@Setup(Level.Trial)
		public void setUp() {
			SplittableRandom random = new SplittableRandom(42);
			for (int i = 0; i < SIZE; i++) {
				long blocks = random.nextLong(1, 512);
				this.transferMicros[i] = (long) (blocks * 40 * (0.5 + random.nextDouble()));
				this.postMicros[i] = random.nextLong(20, 2000);
				this.transferNanos[i] = this.transferMicros[i] * 1000;
				this.postNanos[i] = this.postMicros[i] * 1000;
				this.bytes[i] = blocks * 256 * 1024;
				this.descriptors[i] = blocks * 2;
				this.operation[i] = random.nextInt(OPERATIONS.length);
				this.operationSeconds[i] = random.nextDouble(0.0002, 0.05);
				this.operationNanos[i] = Math.round(this.operationSeconds[i] * 1e9);
				this.keys[i] = blocks;
			}
		}

		int next() {
			this.index = (this.index + 1) & (SIZE - 1);
			return this.index;
		}

		boolean dueForRotation() {
			if (++this.sinceRotation < this.samplesPerInterval) {
				return false;
			}
			this.sinceRotation = 0;
			return true;
		}

	}

	private record OperationMeters(Timer time, Counter calls, Counter keys, Counter bytes, Counter failedKeys) {

	}

}
