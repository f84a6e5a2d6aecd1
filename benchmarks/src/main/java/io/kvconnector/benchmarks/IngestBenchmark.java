package io.kvconnector.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import io.kvconnector.stats.mooncake.MooncakeStatsRecorder;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnectorIngest;

/**
 * Cost per sample of ingesting what a vLLM worker ships: a request body of
 * {@value #SAMPLES} samples in vLLM's wire format, from its JSON bytes to the engine's
 * interval and meters, as {@code POST /actuator/kvconnector/{connector}} does. Run next
 * to {@link RecordBenchmark}, whose recorders do the same per sample without the JSON.
 * The interval is emptied after each request, so its storage is recycled as rotation
 * recycles it.
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
public class IngestBenchmark {

	static final int SAMPLES = 10_000;

	private static final String[] OPERATIONS = BenchmarkRecorders.OPERATIONS;

	private NixlStatsRecorder nixl;

	private MooncakeStatsRecorder mooncake;

	private KvConnectorIngest ingest;

	private byte[] nixlBody;

	private byte[] mooncakeBody;

	@Setup(Level.Trial)
	public void setUp() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		BenchmarkRecorders recorders = BenchmarkRecorders.boundTo(registry);
		this.nixl = recorders.nixl();
		this.mooncake = recorders.mooncake();
		this.ingest = new KvConnectorIngest(List.of(this.nixl, this.mooncake));
		SplittableRandom random = new SplittableRandom(42);
		this.nixlBody = request(nixlData(random));
		this.mooncakeBody = request(mooncakeData(random));
		require(ingest("nixl", this.nixlBody));
		require(ingest("mooncake", this.mooncakeBody));
	}

	@Benchmark
	@OperationsPerInvocation(SAMPLES)
	public IngestResult nixlIngest() {
		IngestResult result = ingest("nixl", this.nixlBody);
		this.nixl.engines().get(0).interval().clear();
		return result;
	}

	@Benchmark
	@OperationsPerInvocation(SAMPLES)
	public IngestResult mooncakeIngest() {
		IngestResult result = ingest("mooncake", this.mooncakeBody);
		this.mooncake.engines().get(0).interval().clear();
		return result;
	}

	private IngestResult ingest(String connector, byte[] body) {
		try {
			return this.ingest.ingest(connector, new ByteArrayInputStream(body));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void require(IngestResult result) {
		if (!result.isApplied()) {
			throw new IllegalStateException("the benchmark's body was refused: " + result.message());
		}
	}

	private static byte[] request(Map<String, ?> data) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("engine", 0);
		request.put("data", data);
		return JsonMapper.shared().writeValueAsBytes(request);
	}

	/**
	 * Transfers as a worker ships them: durations in seconds with full precision, as
	 * Python writes floats, and integral sizes.
	 */
	private static Map<String, ?> nixlData(SplittableRandom random) {
		List<Double> transfers = new ArrayList<>();
		List<Double> posts = new ArrayList<>();
		List<Long> bytes = new ArrayList<>();
		List<Long> descriptors = new ArrayList<>();
		for (int i = 0; i < SAMPLES; i++) {
			long blocks = random.nextLong(1, 512);
			transfers.add(blocks * 40e-6 * (0.5 + random.nextDouble()));
			posts.add(random.nextLong(20, 2000) / 1e6);
			bytes.add(blocks * 256 * 1024);
			descriptors.add(blocks * 2);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("transfer_duration", transfers);
		data.put("post_duration", posts);
		data.put("bytes_transferred", bytes);
		data.put("num_descriptors", descriptors);
		data.put("num_failed_transfers", List.of(1, 1));
		data.put("num_failed_notifications", List.of(1));
		data.put("num_kv_expired_reqs", List.of());
		return data;
	}

	/**
	 * Store operations as a worker ships them, one record per operation.
	 */
	private static Map<String, ?> mooncakeData(SplittableRandom random) {
		List<List<Map<String, Object>>> records = new ArrayList<>();
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		for (String operation : OPERATIONS) {
			records.add(new ArrayList<>());
			data.put(operation, records.get(records.size() - 1));
		}
		for (int i = 0; i < SAMPLES; i++) {
			long keys = random.nextLong(1, 512);
			boolean moves = i % 2 == 1;
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("duration_seconds", random.nextDouble(0.0002, 0.05));
			record.put("num_keys", keys);
			record.put("num_bytes", moves ? keys * 256 * 1024 : 0);
			record.put("status", (i % 100 == 0) ? "error" : "ok");
			record.put("num_failed_keys", (i % 100 == 0) ? 1 : 0);
			records.get(i % OPERATIONS.length).add(record);
		}
		return data;
	}

}
