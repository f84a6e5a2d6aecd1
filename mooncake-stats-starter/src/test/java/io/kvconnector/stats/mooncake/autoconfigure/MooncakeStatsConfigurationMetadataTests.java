package io.kvconnector.stats.mooncake.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.metadata.GeneratedMetadata;
import io.kvconnector.stats.metadata.GeneratedMetadata.Property;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated for {@link MooncakeStatsProperties}.
 *
 * @author kvconnector-stats
 */
class MooncakeStatsConfigurationMetadataTests {

	private final GeneratedMetadata metadata = GeneratedMetadata.load("kvconnector.mooncake",
			MooncakeStatsProperties.class.getClassLoader());

	@Test
	void metadataComesFromThisModule() {
		assertThat(this.metadata.location().toString()).contains("mooncake-stats-starter");
	}

	@Test
	void metadataDescribesEveryProperty() {
		assertThat(this.metadata.properties()).containsOnlyKeys("kvconnector.mooncake.enabled",
				"kvconnector.mooncake.operations", "kvconnector.mooncake.max-operations",
				"kvconnector.mooncake.max-statuses");
		assertThat(this.metadata.properties().values()).allSatisfy((property) -> {
			assertThat(property.description()).as(property.name()).isNotBlank().endsWith(".");
			assertThat(property.description()).as(property.name()).doesNotStartWith("The ").doesNotStartWith("A ");
		});
		assertThat(this.metadata.properties().get("kvconnector.mooncake.enabled").description()).startsWith("Whether");
	}

	@Test
	void metadataHasInferableDefaults() {
		Map<String, Property> properties = this.metadata.properties();
		assertThat(properties.get("kvconnector.mooncake.enabled").defaultValue()).isEqualTo(true);
		assertThat(properties.get("kvconnector.mooncake.max-operations").defaultValue()).isEqualTo(32);
		assertThat(properties.get("kvconnector.mooncake.max-statuses").defaultValue()).isEqualTo(8);
		assertThat(properties.get("kvconnector.mooncake.operations").type())
			.isEqualTo("java.util.List<java.lang.String>");
	}

	@Test
	void sharedPropertiesAreDescribedByTheCoreModule() {
		GeneratedMetadata shared = GeneratedMetadata.load("kvconnector",
				MooncakeStatsProperties.class.getClassLoader());
		assertThat(shared.properties()).containsKeys("kvconnector.enabled", "kvconnector.engines",
				"kvconnector.log-interval", "kvconnector.max-samples-per-interval", "kvconnector.model-name");
		assertThat(shared.properties().values())
			.allSatisfy((property) -> assertThat(property.description()).as(property.name()).isNotBlank());
	}

}
