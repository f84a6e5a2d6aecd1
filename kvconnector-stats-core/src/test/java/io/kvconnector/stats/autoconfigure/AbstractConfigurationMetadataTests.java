package io.kvconnector.stats.autoconfigure;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.metadata.GeneratedMetadata;
import io.kvconnector.stats.metadata.GeneratedMetadata.Property;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata that {@code spring-boot-configuration-processor}
 * generated for one module's {@code kvconnector.*} group: found in that module, every
 * property described in Boot's style, with its default and type. Core and each starter
 * extend it with their group.
 *
 * @author kvconnector-stats
 */
public abstract class AbstractConfigurationMetadataTests {

	private final GeneratedMetadata metadata = GeneratedMetadata.load(group(), propertiesType().getClassLoader());

	/**
	 * Return the group the module declares, such as {@code kvconnector.nixl}; called
	 * while the test is constructed.
	 * @return the group
	 */
	protected abstract String group();

	/**
	 * Return the group's {@code @ConfigurationProperties} type; called while the test is
	 * constructed.
	 * @return the properties type
	 */
	protected abstract Class<?> propertiesType();

	/**
	 * Return the module's artifact id, which its metadata file's location contains.
	 * @return the artifact id
	 */
	protected abstract String module();

	/**
	 * Return the name of every property the module's metadata describes.
	 * @return the names
	 */
	protected abstract Set<String> properties();

	/**
	 * Return the defaults the processor infers, by property name, besides
	 * {@code <group>.enabled}'s {@code true}.
	 * @return the defaults
	 */
	protected abstract Map<String, Object> defaults();

	/**
	 * Return the types of the properties whose type the metadata must keep exactly.
	 * @return the types by property name
	 */
	protected abstract Map<String, String> types();

	@Test
	void metadataComesFromThisModule() {
		assertThat(this.metadata.location().toString()).contains(module());
	}

	@Test
	void metadataDescribesEveryPropertyInBootsStyle() {
		assertThat(this.metadata.properties()).containsOnlyKeys(properties());
		assertThat(this.metadata.properties().values()).allSatisfy((property) -> {
			assertThat(property.description()).as(property.name()).isNotBlank().endsWith(".");
			assertThat(property.description()).as(property.name()).doesNotStartWith("The ").doesNotStartWith("A ");
		});
		assertThat(this.metadata.properties().get(group() + ".enabled").description()).startsWith("Whether");
	}

	@Test
	void metadataHasInferableDefaults() {
		Map<String, Property> properties = this.metadata.properties();
		assertThat(properties.get(group() + ".enabled").defaultValue()).isEqualTo(true);
		defaults().forEach((name, value) -> assertThat(properties.get(name).defaultValue()).as(name).isEqualTo(value));
	}

	@Test
	void metadataHasPropertyTypes() {
		Map<String, Property> properties = this.metadata.properties();
		types().forEach((name, type) -> assertThat(properties.get(name).type()).as(name).isEqualTo(type));
	}

	@Test
	void sharedPropertiesAreDescribedByTheCoreModule() {
		GeneratedMetadata shared = GeneratedMetadata.load("kvconnector", propertiesType().getClassLoader());
		assertThat(shared.location().toString()).contains("kvconnector-stats-core");
		assertThat(shared.properties()).containsKeys("kvconnector.enabled", "kvconnector.engines",
				"kvconnector.log-interval", "kvconnector.max-samples-per-interval", "kvconnector.model-name");
		assertThat(shared.properties().values())
			.allSatisfy((property) -> assertThat(property.description()).as(property.name()).isNotBlank());
	}

}
