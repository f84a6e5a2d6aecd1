package io.kvconnector.sample.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.nixl.NixlFailure;
import io.kvconnector.stats.nixl.NixlSchema;
import io.kvconnector.stats.nixl.NixlXferTelemetry;

/**
 * Draws simulated requests of a prefill/decode deployment whose sizes follow KV-block
 * arithmetic and whose store calls come in the Mooncake connector's order; holds no
 * state, so that a seeded generator always draws the same requests.
 * <p>
 * A request's prompt has {@code blocks = ceil(tokens / blockSize)} KV blocks, of which a
 * shared prefix is already in the store. Prefill checks every block ({@code save_exists},
 * no bytes) and puts the missing ones ({@code save_put}); the prompt's KV then moves to
 * decode in one NIXL transfer of {@code blocks × layers × bytesPerBlockPerLayer} bytes
 * with {@code blocks × layers × 2} descriptors (K and V are separate regions per layer,
 * as vLLM registers them); decode checks every block ({@code lookup_exists}, no bytes)
 * and gets the ones the store holds ({@code load_get}). One store key is one block of
 * every layer.
 *
 * @author kvconnector-stats
 */
final class TrafficModel {

	static final String SAVE_EXISTS = "save_exists";

	static final String SAVE_PUT = "save_put";

	static final String LOOKUP_EXISTS = "lookup_exists";

	static final String LOAD_GET = "load_get";

	static final String STATUS_OK = "ok";

	static final String STATUS_ERROR = "error";

	/** Descriptors per block and layer: one for K, one for V. */
	static final int DESCRIPTORS_PER_BLOCK_PER_LAYER = 2;

	private final int minPromptTokens;

	private final int maxPromptTokens;

	private final double prefixHitRatio;

	private final int blockSize;

	private final int layers;

	private final long bytesPerBlockPerLayer;

	private final double linkBytesPerSecond;

	private final long minPostMicros;

	private final long maxPostMicros;

	private final double storeLatencySeconds;

	private final double storeBytesPerSecond;

	private final double jitter;

	private final double slowTailRatio;

	private final double slowTailFactor;

	private final double nixlFailureRatio;

	private final double storeErrorRatio;

	private final double storePartialFailureRatio;

	private final NixlFailure[] failureKinds;

	TrafficModel(SimulatorProperties properties) {
		this(properties, NixlSchema.V1);
	}

	/**
	 * Create the model of traffic whose NIXL failures are of every kind of a schema.
	 * @param properties the simulator's settings
	 * @param schema the NIXL schema the recorder reproduces
	 */
	TrafficModel(SimulatorProperties properties, NixlSchema schema) {
		SimulatorProperties.Model model = properties.getModel();
		this.minPromptTokens = properties.getMinPromptTokens();
		this.maxPromptTokens = properties.getMaxPromptTokens();
		this.prefixHitRatio = properties.getPrefixHitRatio();
		this.blockSize = model.getBlockSize();
		this.layers = model.getLayers();
		this.bytesPerBlockPerLayer = model.bytesPerBlockPerLayer();
		this.linkBytesPerSecond = properties.getLinkBandwidth().toBytes();
		this.minPostMicros = micros(properties.getMinPostTime().toNanos());
		this.maxPostMicros = micros(properties.getMaxPostTime().toNanos());
		this.storeLatencySeconds = properties.getStoreLatency().toNanos() / 1e9;
		this.storeBytesPerSecond = properties.getStoreBandwidth().toBytes();
		this.jitter = properties.getJitter();
		this.slowTailRatio = properties.getSlowTailRatio();
		this.slowTailFactor = properties.getSlowTailFactor();
		this.nixlFailureRatio = properties.getNixlFailureRatio();
		this.storeErrorRatio = properties.getStoreErrorRatio();
		this.storePartialFailureRatio = properties.getStorePartialFailureRatio();
		this.failureKinds = schema.failures().toArray(NixlFailure[]::new);
	}

	private static long micros(long nanos) {
		return Math.max(1, nanos / 1000);
	}

	/**
	 * Return the bytes a store key holds: one block of every layer.
	 * @return the bytes per key
	 */
	long bytesPerKey() {
		return this.layers * this.bytesPerBlockPerLayer;
	}

	/**
	 * Draw the next request.
	 * @param random the source of randomness
	 * @return the request and what it records
	 */
	SimulatedRequest next(RandomGenerator random) {
		int tokens = (int) Math.round(logUniform(random, this.minPromptTokens, this.maxPromptTokens));
		long blocks = (tokens + this.blockSize - 1) / this.blockSize;
		long cached = cachedBlocks(random, blocks);
		List<MooncakeOperation> prefill = new ArrayList<>(2);
		MooncakeOperation saveExists = existenceCheck(random, SAVE_EXISTS, blocks);
		prefill.add(saveExists);
		// a failed check finds nothing, so prefill puts every block
		long missing = isError(saveExists) ? blocks : blocks - cached;
		long stored = blocks;
		if (missing > 0) {
			MooncakeOperation savePut = bulkCall(random, SAVE_PUT, missing);
			prefill.add(savePut);
			stored -= savePut.failedKeys();
		}
		NixlXferTelemetry transfer = null;
		NixlFailure failure = null;
		if (random.nextDouble() < this.nixlFailureRatio) {
			failure = this.failureKinds[random.nextInt(this.failureKinds.length)];
		}
		else {
			transfer = transfer(random, blocks);
		}
		List<MooncakeOperation> decode = new ArrayList<>(2);
		MooncakeOperation lookupExists = existenceCheck(random, LOOKUP_EXISTS, blocks);
		decode.add(lookupExists);
		long hits = isError(lookupExists) ? 0 : stored;
		if (hits > 0) {
			decode.add(bulkCall(random, LOAD_GET, hits));
		}
		return new SimulatedRequest(tokens, blocks, cached, prefill, transfer, failure, decode);
	}

	/**
	 * Draw the shared prefix the store holds: a fraction uniform around the hit ratio,
	 * and never the last block, which vLLM always computes.
	 */
	private long cachedBlocks(RandomGenerator random, long blocks) {
		double low = Math.max(0, 2 * this.prefixHitRatio - 1);
		double high = Math.min(1, 2 * this.prefixHitRatio);
		double fraction = (high > low) ? random.nextDouble(low, high) : low;
		return Math.min(Math.round(blocks * fraction), blocks - 1);
	}

	private NixlXferTelemetry transfer(RandomGenerator random, long blocks) {
		long bytes = blocks * this.layers * this.bytesPerBlockPerLayer;
		double seconds = jittered(random, bytes / this.linkBytesPerSecond);
		long postMicros = Math.round(logUniform(random, this.minPostMicros, this.maxPostMicros));
		return NixlXferTelemetry.builder()
			.xferDurationMicros(Math.max(1, Math.round(seconds * 1e6)))
			.postDurationMicros(postMicros)
			.totalBytes(bytes)
			.descCount(blocks * this.layers * DESCRIPTORS_PER_BLOCK_PER_LAYER)
			.build();
	}

	/**
	 * An existence check: it names keys but moves no bytes, and either answers or fails
	 * as a whole.
	 */
	private MooncakeOperation existenceCheck(RandomGenerator random, String operation, long keys) {
		boolean error = random.nextDouble() < this.storeErrorRatio;
		return MooncakeOperation.builder(operation)
			.durationSeconds(storeSeconds(random, 0))
			.keys(keys)
			.status(error ? STATUS_ERROR : STATUS_OK)
			.failedKeys(error ? keys : 0)
			.build();
	}

	/**
	 * A put or a get: it moves the bytes of the keys that did not fail; it fails as a
	 * whole, or for some of its keys, or not at all.
	 */
	private MooncakeOperation bulkCall(RandomGenerator random, String operation, long keys) {
		double draw = random.nextDouble();
		boolean error = draw < this.storeErrorRatio;
		long failedKeys = 0;
		if (error) {
			failedKeys = keys;
		}
		else if (keys > 1 && draw < this.storeErrorRatio + this.storePartialFailureRatio) {
			failedKeys = random.nextLong(1, keys);
		}
		long bytes = (keys - failedKeys) * bytesPerKey();
		return MooncakeOperation.builder(operation)
			.durationSeconds(storeSeconds(random, bytes))
			.keys(keys)
			.bytes(bytes)
			.status(error ? STATUS_ERROR : STATUS_OK)
			.failedKeys(failedKeys)
			.build();
	}

	private double storeSeconds(RandomGenerator random, long bytes) {
		return jittered(random, this.storeLatencySeconds + bytes / this.storeBytesPerSecond);
	}

	/**
	 * A nominal duration times a jitter factor from 1 to 1 + jitter, and times the slow
	 * tail's factor for a few.
	 */
	private double jittered(RandomGenerator random, double nominalSeconds) {
		double factor = 1 + this.jitter * random.nextDouble();
		if (random.nextDouble() < this.slowTailRatio) {
			factor *= this.slowTailFactor;
		}
		return nominalSeconds * factor;
	}

	private static boolean isError(MooncakeOperation operation) {
		return STATUS_ERROR.equals(operation.status());
	}

	private static double logUniform(RandomGenerator random, double min, double max) {
		if (max <= min) {
			return min;
		}
		return Math.exp(random.nextDouble(Math.log(min), Math.log(max)));
	}

}
