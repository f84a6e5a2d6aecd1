package io.kvconnector.sample.simulator;

import java.util.Map;
import java.util.Set;

import io.kvconnector.stats.autoconfigure.AbstractConfigurationMetadataTests;

/**
 * Tests for the configuration metadata generated for {@link SimulatorProperties}.
 *
 * @author kvconnector-stats
 */
class SimulatorConfigurationMetadataTests extends AbstractConfigurationMetadataTests {

	private static final String PREFIX = "sample.simulator.";

	@Override
	protected String group() {
		return "sample.simulator";
	}

	@Override
	protected Class<?> propertiesType() {
		return SimulatorProperties.class;
	}

	@Override
	protected String module() {
		return "sample-app";
	}

	@Override
	protected Set<String> properties() {
		return Set.of(PREFIX + "enabled", PREFIX + "request-rate", PREFIX + "min-prompt-tokens",
				PREFIX + "max-prompt-tokens", PREFIX + "prefix-hit-ratio", PREFIX + "link-bandwidth",
				PREFIX + "min-post-time", PREFIX + "max-post-time", PREFIX + "store-latency",
				PREFIX + "store-bandwidth", PREFIX + "jitter", PREFIX + "slow-tail-ratio", PREFIX + "slow-tail-factor",
				PREFIX + "nixl-failure-ratio", PREFIX + "store-error-ratio", PREFIX + "store-partial-failure-ratio",
				PREFIX + "model.layers", PREFIX + "model.kv-heads", PREFIX + "model.head-dim",
				PREFIX + "model.dtype-bytes", PREFIX + "model.block-size");
	}

	@Override
	protected Map<String, Object> defaults() {
		return Map.ofEntries(Map.entry(PREFIX + "request-rate", 20), Map.entry(PREFIX + "min-prompt-tokens", 512),
				Map.entry(PREFIX + "max-prompt-tokens", 8192), Map.entry(PREFIX + "prefix-hit-ratio", 0.5),
				Map.entry(PREFIX + "link-bandwidth", "25GB"), Map.entry(PREFIX + "min-post-time", "100us"),
				Map.entry(PREFIX + "max-post-time", "2ms"), Map.entry(PREFIX + "store-latency", "300us"),
				Map.entry(PREFIX + "store-bandwidth", "10GB"), Map.entry(PREFIX + "slow-tail-ratio", 0.01),
				Map.entry(PREFIX + "nixl-failure-ratio", 0.005), Map.entry(PREFIX + "model.layers", 32),
				Map.entry(PREFIX + "model.block-size", 16));
	}

	@Override
	protected Map<String, String> types() {
		return Map.of(PREFIX + "enabled", "java.lang.Boolean", PREFIX + "link-bandwidth",
				"org.springframework.util.unit.DataSize", PREFIX + "store-latency", "java.time.Duration");
	}

}
