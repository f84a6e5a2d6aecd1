package io.kvconnector.benchmarks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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
import io.kvconnector.stats.mooncake.MooncakeStoreConnectorStats;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlXferTelemetry;

/**
 * Cost of vLLM's {@code reduce()} over an interval of a million samples (Mooncake spread
 * over four operations). The baseline is {@code src/main/python/vllm_reduce_baseline.py}:
 * the same steps with numpy and CPython, on the same kind of data.
 *
 * @author kvconnector-stats
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms4g", "-Xmx4g" })
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init")
public class ReduceBenchmark {

	private static final String[] OPERATIONS = { "save_exists", "save_put", "load_get", "lookup_exists" };

	@Param("1000000")
	private int samples;

	private NixlKvConnectorStats nixl;

	private MooncakeStoreConnectorStats mooncake;

	@Setup(Level.Trial)
	public void setUp() {
		SplittableRandom random = new SplittableRandom(42);
		this.nixl = new NixlKvConnectorStats();
		this.mooncake = new MooncakeStoreConnectorStats();
		for (int i = 0; i < this.samples; i++) {
			long blocks = random.nextLong(1, 512);
			this.nixl.recordTransfer(NixlXferTelemetry.builder()
				.xferDurationMicros((long) (blocks * 40 * (0.5 + random.nextDouble())))
				.postDurationMicros(random.nextLong(20, 2000))
				.totalBytes(blocks * 256 * 1024)
				.descCount(blocks * 2)
				.build());
			this.mooncake.recordOperation(MooncakeOperation.builder(OPERATIONS[i & 3])
				.durationSeconds(random.nextDouble(0.0002, 0.05))
				.keys(blocks)
				.bytes(blocks * 256 * 1024)
				.status((random.nextInt(100) == 0) ? "error" : "ok")
				.build());
		}
	}

	@Benchmark
	public Map<String, Number> nixlReduce() {
		return this.nixl.reduce();
	}

	@Benchmark
	public Map<String, Number> mooncakeReduce() {
		return this.mooncake.reduce();
	}

}
