package io.kvconnector.stats.actuate.endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.kvconnector.stats.recording.KvConnector;

/**
 * Starts the applications that the endpoint suite talks to, each once per test run: an
 * application started for one test class and configuration is shared by every test that
 * asks for the same, and all are closed when the run ends.
 *
 * @author kvconnector-stats
 */
final class EndpointTestApplications implements BeforeEachCallback {

	private static final Namespace NAMESPACE = Namespace.create(EndpointTestApplications.class);

	private @Nullable Store store;

	@Override
	public void beforeEach(ExtensionContext context) {
		this.store = context.getRoot().getStore(NAMESPACE);
	}

	/**
	 * Return the running application of a configuration, starting it if needed.
	 * @param key what to start
	 * @return the running application
	 */
	Running get(Key key) {
		Store store = this.store;
		if (store == null) {
			throw new IllegalStateException("applications are only available to tests");
		}
		return store.computeIfAbsent(key, Running::start, Running.class);
	}

	/**
	 * What to start: an application class on a web stack with some properties.
	 *
	 * @param application the {@code @SpringBootConfiguration}
	 * @param type the web stack
	 * @param properties {@code name=value} pairs, ahead of the application's own
	 */
	record Key(Class<?> application, WebApplicationType type, List<String> properties) {

		Key {
			properties = List.copyOf(properties);
		}

		/**
		 * Describe an application whose properties come in groups, a later group's
		 * property winning over an earlier one of the same name.
		 * @param application the {@code @SpringBootConfiguration}
		 * @param type the web stack
		 * @param groups {@code name=value} pairs, in increasing precedence
		 * @return the key
		 */
		@SafeVarargs
		static Key of(Class<?> application, WebApplicationType type, List<String>... groups) {
			Map<String, String> properties = new LinkedHashMap<>();
			Stream.of(groups)
				.flatMap(List::stream)
				.forEach((property) -> properties.put(property.substring(0, property.indexOf('=')), property));
			return new Key(application, type, List.copyOf(properties.values()));
		}

	}

	/**
	 * The application that the suites start unless told otherwise: auto-configuration
	 * alone, so that it records whatever connectors the class path and the properties
	 * enable.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AutoConfiguredApplication {

	}

	/**
	 * A running application and its ports.
	 *
	 * @param context the application context
	 * @param port the application's port
	 * @param managementPort the management port, or the application's one when they are
	 * the same
	 */
	record Running(ConfigurableApplicationContext context, int port, int managementPort) implements AutoCloseable {

		static Running start(Key key) {
			SpringApplication application = new SpringApplication(key.application());
			application.setWebApplicationType(key.type());
			List<String> args = new ArrayList<>();
			key.properties().forEach((property) -> args.add("--" + property));
			ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
			Environment environment = context.getEnvironment();
			int port = environment.getRequiredProperty("local.server.port", Integer.class);
			int managementPort = environment.getProperty("local.management.port", Integer.class, port);
			return new Running(context, port, managementPort);
		}

		/**
		 * Return the application's recorder of a connector.
		 * @param name the connector name
		 * @return the connector
		 */
		KvConnector<?> connector(String name) {
			return this.context.getBeanProvider(KvConnector.class)
				.orderedStream()
				.map((candidate) -> (KvConnector<?>) candidate)
				.filter((candidate) -> candidate.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no connector " + name));
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
