package io.kvconnector.stats.mooncake.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import io.kvconnector.stats.internal.WireFormat;

/**
 * Configuration properties of the Mooncake store connector's stats.
 *
 * @author kvconnector-stats
 */
@ConfigurationProperties("kvconnector.mooncake")
public class MooncakeStatsProperties implements InitializingBean {

	/**
	 * Whether to record the Mooncake store connector's operation stats.
	 */
	private boolean enabled = true;

	/**
	 * Operations whose series are registered at zero, with statuses 'ok' and 'error',
	 * from start-up.
	 */
	private List<String> operations = new ArrayList<>(List.of("save_exists", "save_put", "load_get", "lookup_exists"));

	/**
	 * Most distinct values of the 'operation' label; further operations are recorded as
	 * 'other'.
	 */
	private int maxOperations = 32;

	/**
	 * Most distinct values of the 'status' label; further statuses are recorded as
	 * 'other'.
	 */
	private int maxStatuses = 8;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getOperations() {
		return this.operations;
	}

	public void setOperations(List<String> operations) {
		this.operations = operations;
	}

	public int getMaxOperations() {
		return this.maxOperations;
	}

	public void setMaxOperations(int maxOperations) {
		this.maxOperations = maxOperations;
	}

	public int getMaxStatuses() {
		return this.maxStatuses;
	}

	public void setMaxStatuses(int maxStatuses) {
		this.maxStatuses = maxStatuses;
	}

	@Override
	public void afterPropertiesSet() {
		for (String operation : this.operations) {
			if (!WireFormat.isValidLabel(operation)) {
				throw new InvalidConfigurationPropertyValueException("kvconnector.mooncake.operations", operation,
						"Operation names must be 1 to 128 characters, not blank, without control characters.");
			}
		}
		if (new HashSet<>(this.operations).size() != this.operations.size()) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.mooncake.operations", this.operations,
					"Operation names must be unique.");
		}
		if (this.maxOperations < Math.max(1, this.operations.size())) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.mooncake.max-operations",
					this.maxOperations, "The cap must be at least 1 and at least the number of configured operations ("
							+ this.operations.size() + ").");
		}
		if (this.maxStatuses < 2) {
			throw new InvalidConfigurationPropertyValueException("kvconnector.mooncake.max-statuses", this.maxStatuses,
					"The cap must be at least 2, for 'ok' and 'error'.");
		}
	}

}
