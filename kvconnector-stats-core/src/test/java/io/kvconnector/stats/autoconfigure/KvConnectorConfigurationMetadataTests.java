package io.kvconnector.stats.autoconfigure;

import java.util.Map;
import java.util.Set;

/**
 * Tests for the configuration metadata generated for {@link KvConnectorProperties} and
 * the {@code kvconnector} endpoint.
 *
 * @author kvconnector-stats
 */
class KvConnectorConfigurationMetadataTests extends AbstractConfigurationMetadataTests {

	@Override
	protected String group() {
		return "kvconnector";
	}

	@Override
	protected Class<?> propertiesType() {
		return KvConnectorProperties.class;
	}

	@Override
	protected String module() {
		return "kvconnector-stats-core";
	}

	@Override
	protected Set<String> properties() {
		return Set.of("kvconnector.enabled", "kvconnector.model-name", "kvconnector.engines",
				"kvconnector.log-interval", "kvconnector.max-samples-per-interval", "kvconnector.max-ingest-size",
				"kvconnector.max-ingest-in-flight", "management.endpoint.kvconnector.access",
				"management.endpoint.kvconnector.cache.time-to-live");
	}

	@Override
	protected Map<String, Object> defaults() {
		return Map.of("kvconnector.log-interval", "10s", "kvconnector.max-samples-per-interval", 1_000_000,
				"kvconnector.max-ingest-size", "64MB", "management.endpoint.kvconnector.access", "read_only");
	}

	@Override
	protected Map<String, String> types() {
		return Map.of("kvconnector.engines", "java.util.List<java.lang.Integer>", "kvconnector.log-interval",
				"java.time.Duration", "kvconnector.max-ingest-size", "org.springframework.util.unit.DataSize",
				"kvconnector.max-ingest-in-flight", "org.springframework.util.unit.DataSize");
	}

}
