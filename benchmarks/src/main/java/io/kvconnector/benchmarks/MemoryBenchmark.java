package io.kvconnector.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jol.info.GraphLayout;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.mooncake.MooncakeStoreConnectorStats;
import io.kvconnector.stats.nixl.NixlKvConnectorStats;
import io.kvconnector.stats.nixl.NixlXferTelemetry;

/**
 * Heap retained by an interval of a million samples, per sample, as JOL walks the object
 * graph (reported as the secondary results {@code nixlBytesPerTransfer} and
 * {@code mooncakeBytesPerRecord}).
 *
 * @author kvconnector-stats
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g", "-Djdk.attach.allowAttachSelf=true" })
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init")
public class MemoryBenchmark {

	private static final int SAMPLES = 1_000_000;

	private static final String[] OPERATIONS = { "save_exists", "save_put", "load_get", "lookup_exists" };

	private NixlKvConnectorStats nixl;

	private MooncakeStoreConnectorStats mooncake;

	@Setup(Level.Iteration)
	public void setUp() {
		SplittableRandom random = new SplittableRandom(42);
		this.nixl = new NixlKvConnectorStats(SAMPLES);
		this.mooncake = new MooncakeStoreConnectorStats(SAMPLES);
		for (int i = 0; i < SAMPLES; i++) {
			long blocks = random.nextLong(1, 512);
			this.nixl.recordTransfer(NixlXferTelemetry.builder()
				.xferDurationMicros(blocks * 40)
				.postDurationMicros(random.nextLong(20, 2000))
				.totalBytes(blocks * 256 * 1024)
				.descCount(blocks * 2)
				.build());
			this.mooncake.recordOperation(MooncakeOperation.builder(OPERATIONS[i & 3])
				.durationSeconds(random.nextDouble(0.0002, 0.05))
				.keys(blocks)
				.bytes(blocks * 256 * 1024)
				.build());
		}
	}

	@Benchmark
	public void nixlRetainedBytes(NixlRetained retained) {
		retained.nixlBytesPerTransfer = GraphLayout.parseInstance(this.nixl).totalSize() / (double) SAMPLES;
	}

	@Benchmark
	public void mooncakeRetainedBytes(MooncakeRetained retained) {
		retained.mooncakeBytesPerRecord = GraphLayout.parseInstance(this.mooncake).totalSize() / (double) SAMPLES;
	}

	/**
	 * The measured bytes per NIXL transfer.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class NixlRetained {

		public double nixlBytesPerTransfer;

	}

	/**
	 * The measured bytes per Mooncake record.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class MooncakeRetained {

		public double mooncakeBytesPerRecord;

	}

}
