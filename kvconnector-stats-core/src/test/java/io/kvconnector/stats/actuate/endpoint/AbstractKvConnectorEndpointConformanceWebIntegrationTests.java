package io.kvconnector.stats.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorEndpointWebIntegrationTests.WebStack;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.conformance.ReducedValues;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds cases of a connector's conformance corpus to a running application through the
 * {@code kvconnector} endpoint, on Spring MVC and on WebFlux, and checks that it serves
 * vLLM's {@code reduce()} of each bit for bit, key order included: the suite each starter
 * extends with its connector and corpus file.
 * <p>
 * The cases are every case of the families that target one numeric subtlety
 * ({@link #TARGETED_FAMILIES}) and every tenth of the others, each named by its id. A
 * case's {@code parts} are posted to engine 0 one request each, so that the application
 * aggregates them as vLLM did.
 *
 * @author kvconnector-stats
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WebStack.class)
public abstract class AbstractKvConnectorEndpointConformanceWebIntegrationTests
		extends AbstractKvConnectorCorpusWebIntegrationTests {

	/**
	 * The families whose every case is posted.
	 */
	protected static final Set<String> TARGETED_FAMILIES = Set.of("edge", "rounding-mode", "pairwise-sum",
			"percentile-lerp", "exact-sum", "nearest-rank", "failure-counts");

	/**
	 * The properties of every application: write access and an interval that does not
	 * rotate while a case is posted.
	 */
	protected static final List<String> PROPERTIES = List.of("server.port=0", "spring.main.banner-mode=off",
			"management.endpoints.web.exposure.include=kvconnector",
			"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=1h");

	@Parameter
	WebStack stack;

	/**
	 * Create the suite for a connector.
	 * @param connector the connector name, such as {@code nixl}
	 * @param corpus its corpus file, such as
	 * {@link io.kvconnector.stats.conformance.ConformanceCorpus#NIXL_REDUCE}
	 */
	protected AbstractKvConnectorEndpointConformanceWebIntegrationTests(String connector, String corpus) {
		this(connector, corpus, List.of());
	}

	/**
	 * Create the suite for a connector whose corpus needs some properties.
	 * @param connector the connector name, such as {@code nixl}
	 * @param corpus its corpus file, such as
	 * {@link io.kvconnector.stats.conformance.ConformanceCorpus#NIXL_V2_REDUCE}
	 * @param corpusProperties {@code name=value} pairs that select what the corpus
	 * checks, such as {@code kvconnector.nixl.schema=v2}
	 */
	protected AbstractKvConnectorEndpointConformanceWebIntegrationTests(String connector, String corpus,
			List<String> corpusProperties) {
		super(connector, corpus, corpusProperties);
	}

	Stream<Named<Map<String, Object>>> corpusSample() {
		List<Named<Map<String, Object>>> sample = new ArrayList<>();
		int others = 0;
		for (Map<String, Object> corpusCase : corpusCases()) {
			if (TARGETED_FAMILIES.contains((String) corpusCase.get("family")) || others++ % 10 == 0) {
				sample.add(named(corpusCase));
			}
		}
		return sample.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpusSample")
	void servesVllmReduceOfThePostedParts(Map<String, Object> corpusCase) {
		KvConnectorEndpointClient client = new KvConnectorEndpointClient(
				running(this.stack, PROPERTIES).managementPort());
		assertThat(client.delete(connector()).status()).isEqualTo(204);
		for (Map<String, Object> part : ReducedValues.parts(corpusCase)) {
			assertThat(client.post(connector(), 0, part).status()).isEqualTo(204);
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
