package io.kvconnector.stats.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.metadata.GeneratedMetadata;
import io.kvconnector.stats.metadata.GeneratedMetadata.Property;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata generated for {@link KvConnectorProperties} and
 * the {@code kvconnector} endpoint.
 *
 * @author kvconnector-stats
 */
class KvConnectorConfigurationMetadataTests {

	private final GeneratedMetadata metadata = GeneratedMetadata.load("kvconnector",
			KvConnectorProperties.class.getClassLoader());

	@Test
	void metadataComesFromThisModule() {
		assertThat(this.metadata.location().toString()).contains("kvconnector-stats-core");
	}

	@Test
	void metadataDescribesEveryProperty() {
		assertThat(this.metadata.properties()).containsOnlyKeys("kvconnector.enabled", "kvconnector.model-name",
				"kvconnector.engines", "kvconnector.log-interval", "kvconnector.max-samples-per-interval",
				"kvconnector.max-ingest-size", "management.endpoint.kvconnector.access",
				"management.endpoint.kvconnector.cache.time-to-live");
		assertThat(this.metadata.properties().values()).allSatisfy((property) -> {
			assertThat(property.description()).as(property.name()).isNotBlank().endsWith(".");
			assertThat(property.description()).as(property.name()).doesNotStartWith("The ").doesNotStartWith("A ");
		});
		assertThat(this.metadata.properties().get("kvconnector.enabled").description()).startsWith("Whether");
	}

	@Test
	void metadataHasInferableDefaults() {
		Map<String, Property> properties = this.metadata.properties();
		assertThat(properties.get("kvconnector.enabled").defaultValue()).isEqualTo(true);
		assertThat(properties.get("kvconnector.log-interval").defaultValue()).isEqualTo("10s");
		assertThat(properties.get("kvconnector.max-samples-per-interval").defaultValue()).isEqualTo(1_000_000);
		assertThat(properties.get("kvconnector.max-ingest-size").defaultValue()).isEqualTo("64MB");
		assertThat(properties.get("management.endpoint.kvconnector.access").defaultValue()).isEqualTo("read_only");
	}

	@Test
	void metadataHasPropertyTypes() {
		Map<String, Property> properties = this.metadata.properties();
		assertThat(properties.get("kvconnector.engines").type()).isEqualTo("java.util.List<java.lang.Integer>");
		assertThat(properties.get("kvconnector.log-interval").type()).isEqualTo("java.time.Duration");
		assertThat(properties.get("kvconnector.max-ingest-size").type())
			.isEqualTo("org.springframework.util.unit.DataSize");
	}

}
