package io.kvconnector.stats.actuate.endpoint;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorEndpointWebIntegrationTests.WebStack;
import io.kvconnector.stats.actuate.endpoint.EndpointTestApplications.Key;
import io.kvconnector.stats.actuate.endpoint.EndpointTestApplications.Running;
import io.kvconnector.stats.conformance.ConformanceCorpus;

/**
 * Base of the suites that post cases of a connector's conformance corpus to a running
 * application's {@code kvconnector} endpoint: the connector, its corpus, the properties
 * that select the behaviour the corpus checks, and the applications, started on first use
 * and shared until the test run ends.
 *
 * @author kvconnector-stats
 * @see AbstractKvConnectorEndpointConformanceWebIntegrationTests
 * @see AbstractKvConnectorIntervalLogWebIntegrationTests
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class AbstractKvConnectorCorpusWebIntegrationTests {

	@RegisterExtension
	final EndpointTestApplications applications = new EndpointTestApplications();

	private final String connector;

	private final String corpus;

	private final List<String> corpusProperties;

	AbstractKvConnectorCorpusWebIntegrationTests(String connector, String corpus, List<String> corpusProperties) {
		this.connector = connector;
		this.corpus = corpus;
		this.corpusProperties = List.copyOf(corpusProperties);
	}

	final String connector() {
		return this.connector;
	}

	/**
	 * Return the cases of the corpus, in file order.
	 */
	final List<Map<String, Object>> corpusCases() {
		return ConformanceCorpus.read(this.corpus);
	}

	/**
	 * Name a case by its id, for a parameterized test.
	 */
	static Named<Map<String, Object>> named(Map<String, Object> corpusCase) {
		return Named.of((String) corpusCase.get("id"), corpusCase);
	}

	/**
	 * Return the running application on a web stack with some properties and the
	 * corpus's, auto-configured alone.
	 */
	final Running running(WebStack stack, List<String> properties) {
		return this.applications.get(Key.of(EndpointTestApplications.AutoConfiguredApplication.class, stack.type(),
				properties, this.corpusProperties, stack.properties()));
	}

}
