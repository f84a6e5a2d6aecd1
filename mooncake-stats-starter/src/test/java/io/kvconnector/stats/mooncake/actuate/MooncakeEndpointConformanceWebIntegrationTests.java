package io.kvconnector.stats.mooncake.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.conformance.ConformanceCorpus;
import io.kvconnector.stats.conformance.ReducedValues;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds corpus cases to a running Mooncake store application through the
 * {@code kvconnector} endpoint and checks that it serves vLLM's {@code reduce()} bit for
 * bit.
 *
 * @author kvconnector-stats
 */
@SpringBootTest(classes = MooncakeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=kvconnector",
				"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=1h" })
class MooncakeEndpointConformanceWebIntegrationTests {

	private static final Set<String> TARGETED_FAMILIES = Set.of("edge", "rounding-mode", "pairwise-sum",
			"percentile-lerp", "exact-sum", "nearest-rank");

	@LocalServerPort
	private int port;

	static Stream<Named<Map<String, Object>>> corpusSample() {
		List<Named<Map<String, Object>>> sample = new ArrayList<>();
		int others = 0;
		for (Named<Map<String, Object>> corpusCase : ConformanceCorpus.named(ConformanceCorpus.MOONCAKE_REDUCE)
			.toList()) {
			if (TARGETED_FAMILIES.contains((String) corpusCase.getPayload().get("family")) || others++ % 10 == 0) {
				sample.add(corpusCase);
			}
		}
		return sample.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpusSample")
	void servesVllmReduceOfThePostedParts(Map<String, Object> corpusCase) {
		KvConnectorEndpointClient client = new KvConnectorEndpointClient(this.port);
		assertThat(client.delete("mooncake").status()).isEqualTo(204);
		for (Map<String, Object> part : ReducedValues.parts(corpusCase)) {
			assertThat(client.post("mooncake", 0, part).status()).isEqualTo(204);
		}
		Response response = client.get("/mooncake");
		assertThat(response.json("engines", "0", "current")).containsEntry("droppedSamples", 0);
		ReducedValues.assertIdenticalJson(response.json("engines", "0", "current", "stats"),
				expectedReduce(corpusCase));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> expectedReduce(Map<String, Object> corpusCase) {
		return (Map<String, ?>) corpusCase.get("reduce");
	}

}
