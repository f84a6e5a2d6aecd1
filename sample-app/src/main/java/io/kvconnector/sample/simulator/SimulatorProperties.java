package io.kvconnector.sample.simulator;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the sample's traffic simulator.
 *
 * @author kvconnector-stats
 */
@ConfigurationProperties("sample.simulator")
public class SimulatorProperties implements InitializingBean {

	private static final String PREFIX = "sample.simulator.";

	/**
	 * Whether to record simulated traffic; when off the sample records nothing.
	 */
	private boolean enabled = true;

	/**
	 * Simulated requests per second on each configured engine.
	 */
	private double requestRate = 20;

	/**
	 * Shortest prompt, in tokens; prompt lengths are log-uniform between the shortest and
	 * the longest.
	 */
	private int minPromptTokens = 512;

	/**
	 * Longest prompt, in tokens.
	 */
	private int maxPromptTokens = 8192;

	/**
	 * Mean fraction of a prompt's KV blocks that the Mooncake store already holds (a
	 * shared prefix), from 0 to 1.
	 */
	private double prefixHitRatio = 0.5;

	/**
	 * NIXL link bandwidth per second; a transfer's nominal duration is its size over it.
	 */
	private DataSize linkBandwidth = DataSize.ofGigabytes(25);

	/**
	 * Shortest NIXL post time; post times are log-uniform between the shortest and the
	 * longest.
	 */
	private Duration minPostTime = Duration.of(100, ChronoUnit.MICROS);

	/**
	 * Longest NIXL post time.
	 */
	private Duration maxPostTime = Duration.ofMillis(2);

	/**
	 * Latency of one Mooncake store call before any bytes move.
	 */
	private Duration storeLatency = Duration.of(300, ChronoUnit.MICROS);

	/**
	 * Mooncake store bandwidth per second for puts and gets.
	 */
	private DataSize storeBandwidth = DataSize.ofGigabytes(10);

	/**
	 * Largest relative slowdown of a duration: each is its nominal value times a factor
	 * drawn uniformly from 1 to 1 + jitter.
	 */
	private double jitter = 0.5;

	/**
	 * Fraction of transfers and store calls in the slow tail, from 0 to 1.
	 */
	private double slowTailRatio = 0.01;

	/**
	 * How many times slower a duration in the slow tail is.
	 */
	private double slowTailFactor = 10;

	/**
	 * Fraction of requests whose NIXL hand-off fails, from 0 to 1; each records one
	 * failure of a kind drawn uniformly from those NIXL counts.
	 */
	private double nixlFailureRatio = 0.005;

	/**
	 * Fraction of Mooncake store calls that fail as a whole (status 'error', every key
	 * failed), from 0 to 1.
	 */
	private double storeErrorRatio = 0.002;

	/**
	 * Fraction of Mooncake puts and gets in which some keys fail (status 'ok'), from 0 to
	 * 1.
	 */
	private double storePartialFailureRatio = 0.01;

	/**
	 * Shape of the simulated model's KV cache, which sizes every transfer.
	 */
	private final Model model = new Model();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public double getRequestRate() {
		return this.requestRate;
	}

	public void setRequestRate(double requestRate) {
		this.requestRate = requestRate;
	}

	public int getMinPromptTokens() {
		return this.minPromptTokens;
	}

	public void setMinPromptTokens(int minPromptTokens) {
		this.minPromptTokens = minPromptTokens;
	}

	public int getMaxPromptTokens() {
		return this.maxPromptTokens;
	}

	public void setMaxPromptTokens(int maxPromptTokens) {
		this.maxPromptTokens = maxPromptTokens;
	}

	public double getPrefixHitRatio() {
		return this.prefixHitRatio;
	}

	public void setPrefixHitRatio(double prefixHitRatio) {
		this.prefixHitRatio = prefixHitRatio;
	}

	public DataSize getLinkBandwidth() {
		return this.linkBandwidth;
	}

	public void setLinkBandwidth(DataSize linkBandwidth) {
		this.linkBandwidth = linkBandwidth;
	}

	public Duration getMinPostTime() {
		return this.minPostTime;
	}

	public void setMinPostTime(Duration minPostTime) {
		this.minPostTime = minPostTime;
	}

	public Duration getMaxPostTime() {
		return this.maxPostTime;
	}

	public void setMaxPostTime(Duration maxPostTime) {
		this.maxPostTime = maxPostTime;
	}

	public Duration getStoreLatency() {
		return this.storeLatency;
	}

	public void setStoreLatency(Duration storeLatency) {
		this.storeLatency = storeLatency;
	}

	public DataSize getStoreBandwidth() {
		return this.storeBandwidth;
	}

	public void setStoreBandwidth(DataSize storeBandwidth) {
		this.storeBandwidth = storeBandwidth;
	}

	public double getJitter() {
		return this.jitter;
	}

	public void setJitter(double jitter) {
		this.jitter = jitter;
	}

	public double getSlowTailRatio() {
		return this.slowTailRatio;
	}

	public void setSlowTailRatio(double slowTailRatio) {
		this.slowTailRatio = slowTailRatio;
	}

	public double getSlowTailFactor() {
		return this.slowTailFactor;
	}

	public void setSlowTailFactor(double slowTailFactor) {
		this.slowTailFactor = slowTailFactor;
	}

	public double getNixlFailureRatio() {
		return this.nixlFailureRatio;
	}

	public void setNixlFailureRatio(double nixlFailureRatio) {
		this.nixlFailureRatio = nixlFailureRatio;
	}

	public double getStoreErrorRatio() {
		return this.storeErrorRatio;
	}

	public void setStoreErrorRatio(double storeErrorRatio) {
		this.storeErrorRatio = storeErrorRatio;
	}

	public double getStorePartialFailureRatio() {
		return this.storePartialFailureRatio;
	}

	public void setStorePartialFailureRatio(double storePartialFailureRatio) {
		this.storePartialFailureRatio = storePartialFailureRatio;
	}

	public Model getModel() {
		return this.model;
	}

	@Override
	public void afterPropertiesSet() {
		if (!(this.requestRate > 0 && this.requestRate <= 100_000)) {
			throw invalid("request-rate", this.requestRate, "The request rate must be above 0 and at most 100000.");
		}
		if (this.minPromptTokens < 1) {
			throw invalid("min-prompt-tokens", this.minPromptTokens, "A prompt has at least one token.");
		}
		if (this.maxPromptTokens < this.minPromptTokens) {
			throw invalid("max-prompt-tokens", this.maxPromptTokens,
					"The longest prompt must not be shorter than the shortest.");
		}
		requireRatio("prefix-hit-ratio", this.prefixHitRatio);
		requireRatio("slow-tail-ratio", this.slowTailRatio);
		requireRatio("nixl-failure-ratio", this.nixlFailureRatio);
		requireRatio("store-error-ratio", this.storeErrorRatio);
		requireRatio("store-partial-failure-ratio", this.storePartialFailureRatio);
		requirePositive("link-bandwidth", this.linkBandwidth);
		requirePositive("store-bandwidth", this.storeBandwidth);
		if (this.minPostTime.isNegative() || this.minPostTime.isZero()) {
			throw invalid("min-post-time", this.minPostTime, "The shortest post time must be positive.");
		}
		if (this.maxPostTime.compareTo(this.minPostTime) < 0) {
			throw invalid("max-post-time", this.maxPostTime,
					"The longest post time must not be shorter than the shortest.");
		}
		if (this.storeLatency.isNegative()) {
			throw invalid("store-latency", this.storeLatency, "The store latency must not be negative.");
		}
		if (!(this.jitter >= 0 && this.jitter <= 100)) {
			throw invalid("jitter", this.jitter, "The jitter must be from 0 to 100.");
		}
		if (!(this.slowTailFactor >= 1 && this.slowTailFactor <= 1000)) {
			throw invalid("slow-tail-factor", this.slowTailFactor, "The slow-tail factor must be from 1 to 1000.");
		}
		this.model.validate();
	}

	private static void requireRatio(String name, double value) {
		if (!(value >= 0 && value <= 1)) {
			throw invalid(name, value, "The ratio must be from 0 to 1.");
		}
	}

	private static void requirePositive(String name, DataSize value) {
		if (value.toBytes() < 1) {
			throw invalid(name, value, "The bandwidth must be at least one byte per second.");
		}
	}

	private static InvalidConfigurationPropertyValueException invalid(String name, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException(PREFIX + name, value, reason);
	}

	/**
	 * Shape of the simulated model's KV cache; the defaults are Llama-3-8B's in bf16.
	 */
	public static class Model {

		/**
		 * Transformer layers, each with its own K and V cache.
		 */
		private int layers = 32;

		/**
		 * KV attention heads per layer.
		 */
		private int kvHeads = 8;

		/**
		 * Dimension of one attention head.
		 */
		private int headDim = 128;

		/**
		 * Bytes of one cached value, such as 2 for bf16 or 1 for fp8.
		 */
		private int dtypeBytes = 2;

		/**
		 * Tokens per KV block, as vLLM's block size.
		 */
		private int blockSize = 16;

		public int getLayers() {
			return this.layers;
		}

		public void setLayers(int layers) {
			this.layers = layers;
		}

		public int getKvHeads() {
			return this.kvHeads;
		}

		public void setKvHeads(int kvHeads) {
			this.kvHeads = kvHeads;
		}

		public int getHeadDim() {
			return this.headDim;
		}

		public void setHeadDim(int headDim) {
			this.headDim = headDim;
		}

		public int getDtypeBytes() {
			return this.dtypeBytes;
		}

		public void setDtypeBytes(int dtypeBytes) {
			this.dtypeBytes = dtypeBytes;
		}

		public int getBlockSize() {
			return this.blockSize;
		}

		public void setBlockSize(int blockSize) {
			this.blockSize = blockSize;
		}

		/**
		 * Return the bytes one KV block holds in one layer: its tokens' K and V.
		 * @return {@code blockSize × 2 × kvHeads × headDim × dtypeBytes}
		 */
		public long bytesPerBlockPerLayer() {
			return (long) this.blockSize * 2 * this.kvHeads * this.headDim * this.dtypeBytes;
		}

		private void validate() {
			requireShape("layers", this.layers, 1024);
			requireShape("kv-heads", this.kvHeads, 1024);
			requireShape("head-dim", this.headDim, 4096);
			requireShape("dtype-bytes", this.dtypeBytes, 8);
			requireShape("block-size", this.blockSize, 4096);
		}

		private static void requireShape(String name, int value, int max) {
			if (value < 1 || value > max) {
				throw invalid("model." + name, value, "The value must be from 1 to " + max + ".");
			}
		}

	}

}
