package io.kvconnector.stats.autoconfigure;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of a context whose invalid configuration must fail start-up with a message
 * naming the property, as SPEC section 5 requires of every {@code kvconnector.*}
 * property.
 *
 * @author kvconnector-stats
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * Return a check that the context failed to start because of a property.
	 * @param property the name the failure must give, such as {@code kvconnector.engines}
	 * @return the check, for {@code ApplicationContextRunner.run}
	 */
	public static ContextConsumer<AssertableApplicationContext> failsNamingProperty(String property) {
		return (context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property " + property + " with value");
		};
	}

	/**
	 * Return a check that the context failed to start because a property's value could
	 * not be bound to its type, such as a name that is no constant of an enum.
	 * @param property the name the failure must give, such as
	 * {@code kvconnector.nixl.schema}
	 * @return the check, for {@code ApplicationContextRunner.run}
	 */
	public static ContextConsumer<AssertableApplicationContext> failsToBindProperty(String property) {
		return (context) -> {
			assertThat(context).hasFailed();
			Throwable cause = context.getStartupFailure();
			while (cause != null && !(cause instanceof BindException)) {
				cause = cause.getCause();
			}
			assertThat(cause)
				.isInstanceOfSatisfying(BindException.class, (ex) -> assertThat(ex.getName()).hasToString(property))
				.hasMessageContaining("Failed to bind properties under '" + property + "'");
		};
	}

}
