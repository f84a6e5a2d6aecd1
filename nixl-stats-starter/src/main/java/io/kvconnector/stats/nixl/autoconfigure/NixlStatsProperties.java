package io.kvconnector.stats.nixl.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

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

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
