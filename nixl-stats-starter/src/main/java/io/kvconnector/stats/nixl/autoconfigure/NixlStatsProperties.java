package io.kvconnector.stats.nixl.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.kvconnector.stats.nixl.NixlSchema;

/**
 * Configuration properties of the NIXL connector's stats.
 *
 * @author kvconnector-stats
 */
@ConfigurationProperties("kvconnector.nixl")
public class NixlStatsProperties {

	/**
	 * Whether to record the NIXL connector's transfer stats.
	 */
	private boolean enabled = true;

	/**
	 * Schema of vLLM's NIXL stats to reproduce: 'v1' as in the seeds, or 'v2' for a vLLM
	 * with PR #55854 (handshake failures, late notifications, failure counts in the log
	 * line).
	 */
	private NixlSchema schema = NixlSchema.V1;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public NixlSchema getSchema() {
		return this.schema;
	}

	public void setSchema(NixlSchema schema) {
		this.schema = schema;
	}

}
