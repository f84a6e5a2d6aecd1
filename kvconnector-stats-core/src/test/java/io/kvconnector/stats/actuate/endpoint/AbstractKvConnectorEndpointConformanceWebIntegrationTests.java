package io.kvconnector.stats.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorEndpointWebIntegrationTests.WebStack;
import io.kvconnector.stats.actuate.endpoint.EndpointTestApplications.Key;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.conformance.ReducedValues;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds cases of a connector's conformance corpus to a running application through the
 * {@code kvconnector} endpoint, on Spring MVC and on WebFlux, and checks that it serves
 * vLLM's {@code reduce()} of each bit for bit, key order included.
 * <p>
 * The cases are every case of the families that target one numeric subtlety
 * ({@link #TARGETED_FAMILIES}) and every tenth of the others, each named by its id. A
 * subclass names its connector ({@link #connector()}) and its corpus file
 * ({@link #corpus()}); {@link #dataOf(Map)} says what to post of a case.
 *
 * @author kvconnector-stats
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
@TestInstance(Lifecycle.PER_CLASS)
public abstract class AbstractKvConnectorEndpointConformanceWebIntegrationTests {

	/**
	 * The families whose every case is posted.
	 */
	protected static final Set<String> TARGETED_FAMILIES = Set.of("edge", "rounding-mode", "pairwise-sum",
			"percentile-lerp", "exact-sum", "nearest-rank");

	/**
	 * The properties every application gets, ahead of {@link #applicationProperties()}:
	 * write access and an interval that does not rotate while a case is posted.
	 */
	protected static final List<String> PROPERTIES = List.of("server.port=0", "spring.main.banner-mode=off",
			"management.endpoints.web.exposure.include=kvconnector",
			"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=1h");

	@RegisterExtension
	final EndpointTestApplications applications = new EndpointTestApplications();

	@Parameter
	WebStack stack;

	/**
	 * Return the application to start; by default auto-configuration alone.
	 * @return the application class
	 */
	protected Class<?> application() {
		return EndpointTestApplications.AutoConfiguredApplication.class;
	}

	/**
	 * Return properties the application needs, as {@code name=value}.
	 * @return the properties
	 */
	protected List<String> applicationProperties() {
		return List.of();
	}

	/**
	 * Return the name of the connector under test.
	 * @return the connector name
	 */
	protected abstract String connector();

	/**
	 * Return the connector's corpus file, such as {@link ConformanceCorpus#NIXL_REDUCE}.
	 * @return the file name
	 */
	protected abstract String corpus();

	/**
	 * Return the {@code data} objects to post, in order, to engine 0 for a case; by
	 * default its {@code parts}, one request each, so that the application aggregates
	 * them as vLLM did.
	 * @param corpusCase the case
	 * @return the data objects
	 */
	protected List<? extends Map<String, ?>> dataOf(Map<String, Object> corpusCase) {
		return ReducedValues.parts(corpusCase);
	}

	Stream<Named<Map<String, Object>>> corpusSample() {
		List<Named<Map<String, Object>>> sample = new ArrayList<>();
		int others = 0;
		for (Named<Map<String, Object>> corpusCase : ConformanceCorpus.named(corpus()).toList()) {
			if (TARGETED_FAMILIES.contains((String) corpusCase.getPayload().get("family")) || others++ % 10 == 0) {
				sample.add(corpusCase);
			}
		}
		return sample.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpusSample")
	void servesVllmReduceOfThePostedParts(Map<String, Object> corpusCase) {
		KvConnectorEndpointClient client = new KvConnectorEndpointClient(this.applications
			.get(Key.of(application(), this.stack.type(), PROPERTIES, this.stack.properties(), applicationProperties()))
			.managementPort());
		assertThat(client.delete(connector()).status()).isEqualTo(204);
		for (Map<String, ?> data : dataOf(corpusCase)) {
			assertThat(client.post(connector(), 0, data).status()).isEqualTo(204);
		}
		Response response = client.get("/" + connector());
		assertThat(response.json("engines", "0", "current")).containsEntry("droppedSamples", 0);
		ReducedValues.assertIdenticalJson(response.json("engines", "0", "current", "stats"),
				expectedReduce(corpusCase));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> expectedReduce(Map<String, Object> corpusCase) {
		return (Map<String, ?>) corpusCase.get("reduce");
	}

}
