package io.kvconnector.stats.nixl.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.autoconfigure.AbstractConfigurationMetadataTests;
import io.kvconnector.stats.metadata.GeneratedMetadata;

import static org.assertj.core.api.Assertions.assertThat;

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
		return Set.of("kvconnector.nixl.enabled", "kvconnector.nixl.schema");
	}

	@Override
	protected Map<String, Object> defaults() {
		return Map.of("kvconnector.nixl.schema", "v1");
	}

	@Override
	protected Map<String, String> types() {
		return Map.of("kvconnector.nixl.enabled", "java.lang.Boolean", "kvconnector.nixl.schema",
				"io.kvconnector.stats.nixl.NixlSchema");
	}

	@Test
	void metadataOffersTheSchemasAsTheyAreWritten() {
		assertThat(GeneratedMetadata.load(group(), propertiesType().getClassLoader()).hints())
			.containsOnlyKeys("kvconnector.nixl.schema")
			.containsEntry("kvconnector.nixl.schema", List.of("v1", "v2"));
	}

}
