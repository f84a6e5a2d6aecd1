package io.kvconnector.stats.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Configuration properties shared by the KV-connector stats starters.
 *
 * @author kvconnector-stats
 */
@ConfigurationProperties("kvconnector")
public class KvConnectorProperties implements InitializingBean {

	private static final Duration MAX_LOG_INTERVAL = Duration.ofDays(365);

	/**
	 * Whether to record KV-connector stats at all.
	 */
	private boolean enabled = true;

	/**
	 * Value of the 'model_name' label; defaults to 'spring.application.name', else
	 * 'unknown'.
	 */
	private @Nullable String modelName;

	/**
	 * Engine indexes registered at start-up, as values of the 'engine' label.
	 */
	private List<Integer> engines = new ArrayList<>(List.of(0));

	/**
	 * How often each connector rotates its interval and logs vLLM's 'KV Transfer metrics'
	 * line, like VLLM_LOG_STATS_INTERVAL.
	 */
	private Duration logInterval = Duration.ofSeconds(10);

	/**
	 * Samples kept per connector and engine in an interval; beyond it samples still reach
	 * the meters but not reduce(), and are counted as dropped.
	 */
	private int maxSamplesPerInterval = 1_000_000;

	/**
	 * Largest request body accepted by the endpoint's ingest ('POST'); larger ones are
	 * refused with 413.
	 */
	private DataSize maxIngestSize = DataSize.ofMegabytes(64);

	/**
	 * Most bytes of request bodies ingested at once, over all requests; a request beyond
	 * it is refused with 503 and 'Retry-After'. Defaults to
	 * 'kvconnector.max-ingest-size'.
	 */
	private @Nullable DataSize maxIngestInFlight;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getModelName() {
		return this.modelName;
	}

	public void setModelName(@Nullable String modelName) {
		this.modelName = modelName;
	}

	public List<Integer> getEngines() {
		return this.engines;
	}

	public void setEngines(List<Integer> engines) {
		this.engines = engines;
	}

	public Duration getLogInterval() {
		return this.logInterval;
	}

	public void setLogInterval(Duration logInterval) {
		this.logInterval = logInterval;
	}

	public int getMaxSamplesPerInterval() {
		return this.maxSamplesPerInterval;
	}

	public void setMaxSamplesPerInterval(int maxSamplesPerInterval) {
		this.maxSamplesPerInterval = maxSamplesPerInterval;
	}

	public DataSize getMaxIngestSize() {
		return this.maxIngestSize;
	}

	public void setMaxIngestSize(DataSize maxIngestSize) {
		this.maxIngestSize = maxIngestSize;
	}

	public @Nullable DataSize getMaxIngestInFlight() {
		return this.maxIngestInFlight;
	}

	public void setMaxIngestInFlight(@Nullable DataSize maxIngestInFlight) {
		this.maxIngestInFlight = maxIngestInFlight;
	}

	/**
	 * Return the most bytes of request bodies ingested at once: the configured ones, else
	 * {@code max-ingest-size}.
	 * @return the bytes
	 */
	public long resolveMaxIngestInFlightBytes() {
		return (this.maxIngestInFlight != null) ? this.maxIngestInFlight.toBytes() : this.maxIngestSize.toBytes();
	}

	/**
	 * Return the {@code model_name} label value: the configured one, else
	 * {@code spring.application.name}, else {@code unknown}.
	 * @param environment the environment to fall back to
	 * @return the model name
	 */
	public String resolveModelName(Environment environment) {
		if (this.modelName != null) {
			return this.modelName;
		}
		String applicationName = environment.getProperty("spring.application.name");
		return (applicationName != null && !applicationName.isBlank()) ? applicationName : "unknown";
	}

	@Override
	public void afterPropertiesSet() {
		if (this.modelName != null && this.modelName.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.model-name", this.modelName,
					"The model name must not be blank.");
		}
		if (this.engines == null || this.engines.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.engines", this.engines,
					"At least one engine index is required.");
		}
		if (this.engines.stream().anyMatch((engine) -> engine == null || engine < 0)) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.engines", this.engines,
					"Engine indexes must be integers >= 0.");
		}
		if (new HashSet<>(this.engines).size() != this.engines.size()) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.engines", this.engines,
					"Engine indexes must be unique.");
		}
		if (this.logInterval == null || this.logInterval.isNegative() || this.logInterval.isZero()) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.log-interval", this.logInterval,
					"The log interval must be positive.");
		}
		if (this.logInterval.compareTo(MAX_LOG_INTERVAL) > 0) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.log-interval", this.logInterval,
					"The log interval must be at most " + MAX_LOG_INTERVAL + ".");
		}
		if (this.maxIngestSize == null || this.maxIngestSize.toBytes() < 1) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.max-ingest-size", this.maxIngestSize,
					"The largest ingest body must be at least one byte.");
		}
		if (this.maxIngestInFlight != null && this.maxIngestInFlight.compareTo(this.maxIngestSize) < 0) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.max-ingest-in-flight",
					this.maxIngestInFlight, "It must be at least kvconnector.max-ingest-size (" + this.maxIngestSize
							+ "), so that a body of that size can be ingested.");
		}
		if (this.maxSamplesPerInterval < 1) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.max-samples-per-interval",
					this.maxSamplesPerInterval, "At least one sample per interval must be kept.");
		}
	}

}
