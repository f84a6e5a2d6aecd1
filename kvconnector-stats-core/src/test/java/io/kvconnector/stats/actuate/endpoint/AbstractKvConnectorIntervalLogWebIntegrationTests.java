package io.kvconnector.stats.actuate.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.actuate.endpoint.AbstractKvConnectorEndpointWebIntegrationTests.WebStack;
import io.kvconnector.stats.actuate.endpoint.EndpointTestApplications.Running;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.conformance.ReducedValues;
import io.kvconnector.stats.recording.KvConnector;
import io.kvconnector.stats.recording.KvTransferLogCapture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the interval rotation of a running application logs vLLM's line for a
 * corpus case posted to the {@code kvconnector} endpoint, with one engine and, prefixed
 * with the engine as vLLM does, with two: the suite each starter extends with its
 * connector and corpus file.
 * <p>
 * The cases are the corpus cases that log: every one of the {@code edge} family
 * (failure-only intervals, {@code inf}, {@code nan}, huge throughputs) and the last of
 * every other family, the largest and split in parts, each named by its id. A case is
 * posted as one request, its parts aggregated by the running connector's own
 * {@code fromData} and {@code aggregate}, so that a rotation cannot split it across two
 * intervals. The applications run on Spring MVC (the ingest of both stacks is the
 * endpoint suite's business) and rotate every 200 ms.
 *
 * @author kvconnector-stats
 */
public abstract class AbstractKvConnectorIntervalLogWebIntegrationTests
		extends AbstractKvConnectorCorpusWebIntegrationTests {

	/**
	 * The properties every application gets, ahead of its engines.
	 */
	protected static final List<String> PROPERTIES = List.of("server.port=0", "spring.main.banner-mode=off",
			"management.endpoints.web.exposure.include=kvconnector",
			"management.endpoint.kvconnector.access=unrestricted", "kvconnector.log-interval=200ms");

	private static final String LOG_PREFIX = "KV Transfer metrics: ";

	/**
	 * Create the suite for a connector.
	 * @param connector the connector name, such as {@code nixl}
	 * @param corpus its corpus file, such as
	 * {@link io.kvconnector.stats.conformance.ConformanceCorpus#NIXL_REDUCE}
	 */
	protected AbstractKvConnectorIntervalLogWebIntegrationTests(String connector, String corpus) {
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
	protected AbstractKvConnectorIntervalLogWebIntegrationTests(String connector, String corpus,
			List<String> corpusProperties) {
		super(connector, corpus, corpusProperties);
	}

	Stream<Named<Map<String, Object>>> logCases() {
		Map<String, Map<String, Object>> lastOfFamily = new LinkedHashMap<>();
		List<Map<String, Object>> selected = new ArrayList<>();
		for (Map<String, Object> corpusCase : corpusCases()) {
			if (corpusCase.get("log") == null) {
				continue;
			}
			String family = (String) corpusCase.get("family");
			if (family.equals("edge")) {
				selected.add(corpusCase);
			}
			else {
				lastOfFamily.put(family, corpusCase);
			}
		}
		selected.addAll(lastOfFamily.values());
		return selected.stream().map(AbstractKvConnectorCorpusWebIntegrationTests::named);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("logCases")
	void logsVllmLineForTheIntervalHoldingThePostedCase(Map<String, Object> corpusCase) {
		Running running = running("kvconnector.engines=0");
		KvConnectorEndpointClient client = new KvConnectorEndpointClient(running.managementPort());
		try (KvTransferLogCapture log = KvTransferLogCapture.start()) {
			assertThat(client.post(connector(), 0, merged(running, corpusCase)).status()).isEqualTo(204);
			assertThat(log.awaitLine()).isEqualTo(corpusCase.get("log"));
			assertThat(log.pending()).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("logCases")
	void linesOfTwoEnginesArePrefixedWithTheEngine(Map<String, Object> corpusCase) {
		Running running = running("kvconnector.engines=0,1");
		KvConnectorEndpointClient client = new KvConnectorEndpointClient(running.managementPort());
		assertThat(client.get("/" + connector()).json("engines").keySet()).containsExactly("0", "1");
		Map<String, ?> data = merged(running, corpusCase);
		try (KvTransferLogCapture log = KvTransferLogCapture.start()) {
			assertThat(client.post(connector(), 1, data).status()).isEqualTo(204);
			assertThat(log.awaitLine()).isEqualTo("Engine 001: " + corpusCase.get("log"));
			assertThat(client.post(connector(), data).status()).isEqualTo(204);
			assertThat(log.awaitLine()).isEqualTo("Engine 000: " + corpusCase.get("log"));
			assertThat(log.pending()).isEmpty();
		}
	}

	@Test
	void lastIntervalHasAnEndOnceRotated() {
		Running running = running("kvconnector.engines=0");
		KvConnectorEndpointClient client = new KvConnectorEndpointClient(running.managementPort());
		Map<String, Object> corpusCase = logCases().findFirst().orElseThrow().getPayload();
		try (KvTransferLogCapture log = KvTransferLogCapture.start()) {
			assertThat(client.post(connector(), 0, merged(running, corpusCase)).status()).isEqualTo(204);
			assertThat(log.awaitLine()).startsWith(LOG_PREFIX);
		}
		Response response = client.get("/" + connector());
		assertThat(response.json("engines", "0").keySet()).containsExactly("current", "lastInterval");
		Map<String, Object> current = response.json("engines", "0", "current");
		assertThat(current).doesNotContainKey("end");
		List<String> closedMembers = new ArrayList<>(current.keySet());
		closedMembers.add(closedMembers.indexOf("start") + 1, "end");
		Map<String, Object> last = response.json("engines", "0", "lastInterval");
		assertThat(last.keySet()).containsExactlyElementsOf(closedMembers);
		Instant end = Instant.parse((String) last.get("end"));
		assertThat(end).isAfter(Instant.parse((String) last.get("start")));
		assertThat(Instant.parse((String) current.get("start"))).isAfterOrEqualTo(end);
	}

	/**
	 * Return a running application on Spring MVC, started before any log capture since
	 * Boot resets Logback when an application starts.
	 */
	private Running running(String engines) {
		List<String> properties = new ArrayList<>(PROPERTIES);
		properties.add(engines);
		return running(WebStack.WEB_MVC, properties);
	}

	/**
	 * Aggregate the parts of a case as the running connector does, so that a single
	 * request carries it whole.
	 */
	private Map<String, ?> merged(Running running, Map<String, Object> corpusCase) {
		return merged(running.connector(connector()), ReducedValues.parts(corpusCase));
	}

	private static <S extends KvConnectorStats<S>> Map<String, ?> merged(KvConnector<S> connector,
			List<Map<String, Object>> parts) {
		S stats = connector.fromData(parts.get(0));
		for (Map<String, Object> part : parts.subList(1, parts.size())) {
			stats.aggregate(connector.fromData(part));
		}
		return stats.data();
	}

}
