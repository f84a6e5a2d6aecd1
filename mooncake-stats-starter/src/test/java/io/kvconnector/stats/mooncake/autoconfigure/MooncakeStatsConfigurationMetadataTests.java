package io.kvconnector.stats.mooncake.autoconfigure;

import java.util.Map;
import java.util.Set;

import io.kvconnector.stats.autoconfigure.AbstractConfigurationMetadataTests;

/**
 * Tests for the configuration metadata generated for {@link MooncakeStatsProperties}.
 *
 * @author kvconnector-stats
 */
class MooncakeStatsConfigurationMetadataTests extends AbstractConfigurationMetadataTests {

	@Override
	protected String group() {
		return "kvconnector.mooncake";
	}

	@Override
	protected Class<?> propertiesType() {
		return MooncakeStatsProperties.class;
	}

	@Override
	protected String module() {
		return "mooncake-stats-starter";
	}

	@Override
	protected Set<String> properties() {
		return Set.of("kvconnector.mooncake.enabled", "kvconnector.mooncake.operations",
				"kvconnector.mooncake.max-operations", "kvconnector.mooncake.max-statuses");
	}

	@Override
	protected Map<String, Object> defaults() {
		return Map.of("kvconnector.mooncake.max-operations", 32, "kvconnector.mooncake.max-statuses", 8);
	}

	@Override
	protected Map<String, String> types() {
		return Map.of("kvconnector.mooncake.operations", "java.util.List<java.lang.String>");
	}

}
