package io.kvconnector.stats.nixl.autoconfigure;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.metadata.GeneratedMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated for {@link NixlStatsProperties}.
 *
 * @author kvconnector-stats
 */
class NixlStatsConfigurationMetadataTests {

	private final GeneratedMetadata metadata = GeneratedMetadata.load("kvconnector.nixl",
			NixlStatsProperties.class.getClassLoader());

	@Test
	void metadataComesFromThisModule() {
		assertThat(this.metadata.location().toString()).contains("nixl-stats-starter");
	}

	@Test
	void metadataDescribesEveryProperty() {
		assertThat(this.metadata.properties()).containsOnlyKeys("kvconnector.nixl.enabled");
		assertThat(this.metadata.properties().values()).allSatisfy(
				(property) -> assertThat(property.description()).as(property.name()).isNotBlank().endsWith("."));
		assertThat(this.metadata.properties().get("kvconnector.nixl.enabled").description()).startsWith("Whether");
	}

	@Test
	void metadataHasInferableDefaults() {
		assertThat(this.metadata.properties().get("kvconnector.nixl.enabled").defaultValue()).isEqualTo(true);
	}

	@Test
	void sharedPropertiesAreDescribedByTheCoreModule() {
		GeneratedMetadata shared = GeneratedMetadata.load("kvconnector", NixlStatsProperties.class.getClassLoader());
		assertThat(shared.properties()).containsKeys("kvconnector.enabled", "kvconnector.engines",
				"kvconnector.log-interval", "kvconnector.max-samples-per-interval", "kvconnector.model-name");
		assertThat(shared.properties().values())
			.allSatisfy((property) -> assertThat(property.description()).as(property.name()).isNotBlank());
	}

}
