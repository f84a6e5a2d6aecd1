package io.kvconnector.stats.nixl.autoconfigure;

import java.util.Map;
import java.util.Set;

import io.kvconnector.stats.autoconfigure.AbstractConfigurationMetadataTests;

/**
 * Tests for the configuration metadata generated for {@link NixlStatsProperties}.
 *
 * @author kvconnector-stats
 */
class NixlStatsConfigurationMetadataTests extends AbstractConfigurationMetadataTests {

	@Override
	protected String group() {
		return "kvconnector.nixl";
	}

	@Override
	protected Class<?> propertiesType() {
		return NixlStatsProperties.class;
	}

	@Override
	protected String module() {
		return "nixl-stats-starter";
	}

	@Override
	protected Set<String> properties() {
		return Set.of("kvconnector.nixl.enabled");
	}

	@Override
	protected Map<String, Object> defaults() {
		return Map.of();
	}

	@Override
	protected Map<String, String> types() {
		return Map.of("kvconnector.nixl.enabled", "java.lang.Boolean");
	}

}
