package io.kvconnector.stats.actuate.endpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContext;

import io.kvconnector.stats.actuate.endpoint.EndpointTestApplications.Key;
import io.kvconnector.stats.actuate.endpoint.EndpointTestApplications.Running;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.ChunkedPost;
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.recording.KvConnectorIngest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code kvconnector} endpoint of a running application over real HTTP, on Spring MVC
 * and on WebFlux: the suite that core runs with its test connector and that each starter
 * extends with its own connector, as Spring Boot's
 * {@code CachesEndpointWebIntegrationTests} runs on every web stack.
 * <p>
 * Every test runs once per {@link WebStack}. The applications a test talks to, one per
 * {@link EndpointServer}, are started the first time a test asks for them and shared by
 * every later test of the same application class and stack, until the test run ends. They
 * all run with {@code spring.jackson.property-naming-strategy=SNAKE_CASE} and
 * {@code spring.jackson.default-property-inclusion=non_null}, so that every assertion on
 * a body also proves that the application's Jackson settings do not reach the endpoint;
 * {@link EndpointServer#APPLICATION_JSON_MAPPER} repeats the assertions with actuator's
 * isolated JSON mapper turned off. The other properties every application gets are
 * {@link #PROPERTIES}; it records engines 0 and 1. A test starts by emptying the current
 * intervals and closes intervals of engine 1 only, so that engine 0 never has a
 * {@code lastInterval}.
 * <p>
 * A subclass supplies its connector through these hooks:
 * <ul>
 * <li>{@link #applicationProperties()} if the application needs any (such as
 * {@code kvconnector.test.enabled=true}), and {@link #application()} if plain
 * auto-configuration does not record the connector;</li>
 * <li>{@link #connector()}: the connector's name, and {@link #connectors()} if the
 * application enables others too;</li>
 * <li>{@link #validData()}: the {@code data} object of a valid request, with
 * {@link #expectedStats()}, its {@code reduce()} alone, and {@link #emptyStats()}, the
 * {@code reduce()} of an empty interval, both in key order ({@link #stats(Object...)});
 * {@link #assertStats(Map, Map)} compares them and may be overridden;</li>
 * <li>{@link #emptyExtraMembers()} and {@link #expectedExtraMembers()}: members of an
 * interval after {@code droppedSamples}, such as NIXL's {@code failures}, with their
 * values in an empty interval and in one that holds {@link #validData()};</li>
 * <li>{@link #meterIncrements()}: Prometheus samples, with their labels as scraped (the
 * model name is {@link #MODEL_NAME}), and how much each grows when {@link #validData()}
 * is posted to engine 0;</li>
 * <li>{@link #overflow()}: data with more samples than {@link #MAX_SAMPLES_PER_INTERVAL},
 * with what an interval keeps of it;</li>
 * <li>{@link #malformedRequests()}: requests the connector's wire format refuses, each
 * with the path the 400 names; connector-independent ones are added here.</li>
 * </ul>
 * A subclass adds tests of its own through {@link #endpoint(EndpointServer)} and
 * {@link #context(EndpointServer)}.
 *
 * @author kvconnector-stats
 */
@ParameterizedClass(name = "{0}")
@EnumSource(AbstractKvConnectorEndpointWebIntegrationTests.WebStack.class)
@TestInstance(Lifecycle.PER_CLASS)
public abstract class AbstractKvConnectorEndpointWebIntegrationTests {

	/**
	 * The {@code model_name} of every application.
	 */
	protected static final String MODEL_NAME = "endpoint-test";

	/**
	 * The {@code kvconnector.max-ingest-size} of every application, in bytes.
	 */
	protected static final int MAX_INGEST_SIZE = 1024;

	/**
	 * The {@code kvconnector.max-samples-per-interval} of every application.
	 */
	protected static final int MAX_SAMPLES_PER_INTERVAL = 4;

	/**
	 * The properties every application gets, ahead of {@link #applicationProperties()}.
	 */
	protected static final List<String> PROPERTIES = List.of("server.port=0", "spring.main.banner-mode=off",
			"management.endpoints.web.exposure.include=kvconnector,prometheus", "kvconnector.log-interval=1h",
			"kvconnector.engines=0,1", "kvconnector.max-ingest-size=" + MAX_INGEST_SIZE + "B",
			"kvconnector.max-samples-per-interval=" + MAX_SAMPLES_PER_INTERVAL, "kvconnector.model-name=" + MODEL_NAME,
			"spring.jackson.property-naming-strategy=SNAKE_CASE", "spring.jackson.default-property-inclusion=non_null");

	/**
	 * The connectors that SPEC section 6 names; those an application does not enable must
	 * be as unknown to its endpoint as any other name.
	 */
	private static final List<String> SPEC_CONNECTORS = List.of("nixl", "mooncake");

	private static final String ACTUATOR_JSON = "application/vnd.spring-boot.actuator.v3+json";

	private static final String REJECTED = "kvconnector_rejected_samples_total{connector=\"%s\",reason=\"%s\"}";

	private static final String OVERLOADED = "overloaded_payload";

	private static final String DROPPED = "kvconnector_dropped_samples_total{connector=\"%s\",engine=\"0\"}";

	@RegisterExtension
	final EndpointTestApplications applications = new EndpointTestApplications();

	@Parameter
	WebStack stack;

	/**
	 * Return the application to start: a {@code @SpringBootConfiguration} with
	 * auto-configuration that records the connector; by default auto-configuration alone.
	 * @return the application class
	 */
	protected Class<?> application() {
		return EndpointTestApplications.AutoConfiguredApplication.class;
	}

	/**
	 * Return properties the application needs, as {@code name=value}; they win over the
	 * suite's of the same name.
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
	 * Return the connectors the endpoint lists, in order.
	 * @return the connector names
	 */
	protected List<String> connectors() {
		return List.of(connector());
	}

	/**
	 * Return the {@code data} object of a valid request, in the connector's wire format.
	 * @return the JSON object
	 */
	protected abstract String validData();

	/**
	 * Return the {@code reduce()} of {@link #validData()} alone, in key order.
	 * @return the expected stats
	 */
	protected abstract Map<String, Object> expectedStats();

	/**
	 * Return the {@code reduce()} of an empty interval, in key order.
	 * @return the expected stats
	 */
	protected abstract Map<String, Object> emptyStats();

	/**
	 * Return the members of an interval that follow {@code droppedSamples}, with their
	 * values in an empty interval, in order.
	 * @return the members
	 */
	protected Map<String, Object> emptyExtraMembers() {
		return Map.of();
	}

	/**
	 * Return the members of an interval that follow {@code droppedSamples}, with their
	 * values in an interval that holds {@link #validData()} alone, in order.
	 * @return the members
	 */
	protected Map<String, Object> expectedExtraMembers() {
		return emptyExtraMembers();
	}

	/**
	 * Return data with more samples than {@link #MAX_SAMPLES_PER_INTERVAL}, with what an
	 * empty interval keeps of it and how the meters, which see every sample, grow.
	 * @return the overflowing data
	 */
	protected abstract Overflow overflow();

	/**
	 * Return Prometheus samples, such as {@code my_meter_count{engine="0"}}, with how
	 * much each grows when {@link #validData()} is posted to engine 0.
	 * @return the increments by sample
	 */
	protected abstract Map<String, Double> meterIncrements();

	/**
	 * Return requests that the connector's wire format refuses, with the path the 400
	 * names; see {@link #malformedData(String, String, String)}.
	 * @return the requests
	 */
	protected abstract Stream<MalformedRequest> malformedRequests();

	/**
	 * Assert that the stats of an interval are the expected ones, key order included.
	 * @param actual the decoded {@code stats}
	 * @param expected the expected stats
	 */
	protected void assertStats(Map<String, Object> actual, Map<String, Object> expected) {
		assertThat(actual).containsExactlyEntriesOf(expected);
	}

	/**
	 * Return a client of the port that serves actuator on an application, after emptying
	 * the connector's current intervals when the application allows it.
	 * @param server the application
	 * @return the client
	 */
	protected final KvConnectorEndpointClient endpoint(EndpointServer server) {
		KvConnectorEndpointClient client = new KvConnectorEndpointClient(running(server).managementPort());
		if (server != EndpointServer.READ_ONLY) {
			assertThat(client.delete(connector()).status()).isEqualTo(204);
		}
		return client;
	}

	/**
	 * Return the context of an application, for what a test does in process.
	 * @param server the application
	 * @return its context
	 */
	protected final ApplicationContext context(EndpointServer server) {
		return running(server).context();
	}

	/**
	 * Build a request of {@code data} for an engine.
	 * @param engine the engine index
	 * @param data the {@code data} object
	 * @return the request body
	 */
	protected static String request(int engine, String data) {
		return "{\"engine\": " + engine + ", \"data\": " + data + "}";
	}

	/**
	 * Describe a request for engine 0 whose {@code data} is malformed.
	 * @param name the case name
	 * @param data the {@code data} object
	 * @param path the path the 400 names, such as {@code data.values[3]}
	 * @return the request
	 */
	protected static MalformedRequest malformedData(String name, String data, String path) {
		return new MalformedRequest(name, request(0, data), path);
	}

	/**
	 * Build stats in key order.
	 * @param keysAndValues alternating keys and values
	 * @return the stats
	 */
	protected static Map<String, Object> stats(Object... keysAndValues) {
		Map<String, Object> stats = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			stats.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return stats;
	}

	@ParameterizedTest
	@EnumSource
	void getDescribesEveryConnectorInSpecOrder(EndpointServer server) {
		Response response = endpoint(server).get("");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).contains("json");
		assertThat(response.body())
			.startsWith("{\"logInterval\":\"PT1H\",\"connectors\":{\"" + connectors().get(0)
					+ "\":{\"engines\":{\"0\":{\"current\":{\"start\":\"")
			.contains("\"lastInterval\":null");
		assertNoApplicationJacksonSettings(response);
		assertThat(response.json().keySet()).containsExactly("logInterval", "connectors");
		assertThat(response.json("connectors").keySet()).containsExactlyElementsOf(connectors());
		assertEngines(response, "connectors", connector());
	}

	@ParameterizedTest
	@EnumSource
	void getOfOneConnectorDescribesItsEngines(EndpointServer server) {
		Response response = endpoint(server).get("/" + connector());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).contains("json");
		assertThat(response.body()).startsWith("{\"engines\":{\"0\":{\"current\":{\"start\":\"")
			.contains("\"lastInterval\":null");
		assertNoApplicationJacksonSettings(response);
		assertThat(response.json().keySet()).containsExactly("engines");
		assertEngines(response);
	}

	@ParameterizedTest
	@EnumSource
	void getOfAnUnknownConnectorIsNotFound(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		for (String unknown : unknownConnectors()) {
			assertThat(client.get("/" + unknown).status()).as(unknown).isEqualTo(404);
		}
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postAddsThePayloadToTheEngineAndToTheMeters(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		Map<String, Double> before = meters(client);
		Response response = client.post(connector(), request(0, validData()));
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		Response after = client.get("/" + connector());
		Map<String, Object> current = after.json("engines", "0", "current");
		assertThat(current.keySet()).containsExactlyElementsOf(intervalMembers(false));
		assertHoldsValidData(current);
		assertThat(current.get("droppedSamples")).isEqualTo(0);
		assertEmpty(after.json("engines", "1", "current"));
		assertMetersGrewOnce(client, before);
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postWithoutAnEngineAddsToTheFirstEngine(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		assertThat(client.post(connector(), "{\"data\": " + validData() + "}").status()).isEqualTo(204);
		Response after = client.get("/" + connector());
		assertHoldsValidData(after.json("engines", "0", "current"));
		assertEmpty(after.json("engines", "1", "current"));
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postOfTheActuatorMediaTypeIsAccepted(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		Map<String, Double> before = meters(client);
		assertThat(client.post(connector(), request(0, validData()), ACTUATOR_JSON).status()).isEqualTo(204);
		assertHoldsValidData(client.get("/" + connector()).json("engines", "0", "current"));
		assertMetersGrewOnce(client, before);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("malformedRequestsOnEveryWritableServer")
	void postOfAMalformedRequestIsRefusedNamingThePathAndChangesNothing(EndpointServer server,
			MalformedRequest request) {
		Response response = assertRefusedAndCounted(endpoint(server),
				(client) -> client.post(connector(), request.body()), 400, "Bad Request", request.path());
		assertThat(response.contentType()).contains("application/json");
	}

	Stream<Arguments> malformedRequestsOnEveryWritableServer() {
		String valid = validData();
		List<MalformedRequest> requests = Stream
			.concat(Stream.of(new MalformedRequest("malformed JSON", "{\"engine\": 0, \"data\": ", ""),
					new MalformedRequest("not an object", "[" + request(0, valid) + "]", ""),
					new MalformedRequest("a string", "\"" + connector() + "\"", ""),
					new MalformedRequest("duplicate key", "{\"engine\": 0, \"data\": " + valid + ", \"data\": {}}", ""),
					new MalformedRequest("no data", "{\"engine\": 0}", "data"),
					new MalformedRequest("data not an object", "{\"engine\": 0, \"data\": [" + valid + "]}", "data"),
					new MalformedRequest("data a string", "{\"engine\": 0, \"data\": \"" + connector() + "\"}", "data"),
					new MalformedRequest("unknown engine", request(7, valid), "engine"),
					new MalformedRequest("negative engine", request(-1, valid), "engine"),
					new MalformedRequest("fractional engine", "{\"engine\": 0.5, \"data\": " + valid + "}", "engine"),
					new MalformedRequest("engine beyond the range of an int",
							"{\"engine\": 4294967296, \"data\": " + valid + "}", "engine"),
					new MalformedRequest("engine a string", "{\"engine\": \"0\", \"data\": " + valid + "}", "engine")),
					malformedRequests())
			.toList();
		return Stream.of(EndpointServer.values())
			.filter((server) -> server != EndpointServer.READ_ONLY)
			.flatMap((server) -> requests.stream()
				.map((request) -> Arguments.of(server, Named.of(request.name(), request))));
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postOfExactlyTheMaxIngestSizeIsAccepted(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		String request = request(0, validData());
		String body = request.substring(0, request.length() - 1) + " ".repeat(MAX_INGEST_SIZE - bytes(request)) + "}";
		assertThat(bytes(body)).isEqualTo(MAX_INGEST_SIZE);
		assertThat(client.post(connector(), body).status()).isEqualTo(204);
		assertHoldsValidData(client.get("/" + connector()).json("engines", "0", "current"));
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postOverTheMaxIngestSizeIsContentTooLargeAndChangesNothing(EndpointServer server) {
		String prefix = request(0, validData()).replaceFirst("}$", ", \"padding\": \"");
		String body = prefix + "x".repeat(MAX_INGEST_SIZE + 1 - bytes(prefix) - 2) + "\"}";
		assertThat(bytes(body)).isEqualTo(MAX_INGEST_SIZE + 1);
		Response response = assertRefusedAndCounted(endpoint(server), (client) -> client.post(connector(), body), 413,
				"Content Too Large", "");
		assertThat(response.json().get("message").toString()).contains(String.valueOf(MAX_INGEST_SIZE));
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void chunkedPostOverTheMaxIngestSizeIsContentTooLargeNotAResetAndChangesNothing(EndpointServer server) {
		String prefix = request(0, validData()).replaceFirst("}$", ", \"padding\": \"");
		String body = prefix + "x".repeat(MAX_INGEST_SIZE * 3 / 2) + "\"}";
		Response response = assertRefusedAndCounted(endpoint(server),
				(client) -> client.postChunked(connector(), new ByteArrayInputStream(utf8(body))).join(), 413,
				"Content Too Large", "");
		assertThat(response.json().get("message").toString()).contains(String.valueOf(MAX_INGEST_SIZE));
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postWhileTheIngestBudgetIsSpentIsServiceUnavailableWithRetryAfterChangesNothingAndIsCounted(
			EndpointServer server) throws IOException, InterruptedException {
		KvConnectorEndpointClient client = endpoint(server);
		String valid = request(0, validData());
		byte[] held = utf8(valid);
		int split = held.length / 2;
		for (int attempt = 1;; attempt++) {
			try (ChunkedPost holding = client.startChunkedPost(connector())) {
				// a body of unknown length reserves all of max-ingest-in-flight (1 KB
				// here)
				// when it is first read, and holds it until it ends
				holding.send(Arrays.copyOfRange(held, 0, split));
				Thread.sleep(100);
				client.delete(connector());
				Map<String, Double> before = meters(client);
				double overloaded = rejected(client, OVERLOADED);
				Response refused = client.post(connector(), valid);
				if (refused.status() == 503) {
					assertRefused(refused, 503, "Service Unavailable", "");
					assertThat(refused.retryAfter()).isEqualTo("1");
					assertThat(refused.json().get("message").toString()).contains("kvconnector.max-ingest-in-flight");
					assertNothingRecorded(client, before);
					assertThat(rejected(client, OVERLOADED)).isEqualTo(overloaded + 1);
					holding.send(Arrays.copyOfRange(held, split, held.length));
					assertThat(holding.finish()).isEqualTo(204);
					break;
				}
				// the held request was not read yet when the other one took the budget:
				// then it is the one refused
				holding.send(Arrays.copyOfRange(held, split, held.length));
				assertThat(refused.status()).isEqualTo(204);
				assertThat(holding.finish()).as("the request that found the budget spent").isEqualTo(503);
				assertThat(attempt).as("attempts before the held request was read first").isLessThan(5);
			}
		}
		assertThat(client.post(connector(), valid).status()).isEqualTo(204);
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postOfANonJsonBodyIsUnsupportedMediaTypeAndChangesNothing(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		Map.of("text/plain", request(0, validData()), "application/x-www-form-urlencoded", "engine=0")
			.forEach((contentType, body) -> {
				Response response = assertRefusedAndCounted(client,
						(target) -> target.post(connector(), body, contentType), 415, "Unsupported Media Type", "");
				assertThat(response.json().get("message").toString()).contains(contentType);
			});
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postBeyondTheMaxSamplesPerIntervalKeepsTheFirstSamplesAndCountsTheOthersAsDropped(EndpointServer server) {
		Overflow overflow = overflow();
		KvConnectorEndpointClient client = endpoint(server);
		String dropped = DROPPED.formatted(connector());
		List<String> samples = Stream.concat(overflow.meterIncrements().keySet().stream(), Stream.of(dropped)).toList();
		Map<String, Double> before = samples(client, samples);
		assertThat(client.post(connector(), request(0, overflow.data())).status()).isEqualTo(204);
		Map<String, Object> current = client.get("/" + connector()).json("engines", "0", "current");
		assertStats(statsOf(current), overflow.keptStats());
		assertThat(current.get("droppedSamples")).isEqualTo(overflow.droppedSamples());
		Map<String, Double> after = samples(client, samples);
		overflow.meterIncrements()
			.forEach((sample, increment) -> assertThat(after.get(sample) - before.get(sample)).as(sample)
				.isEqualTo(increment));
		assertThat(after.get(dropped) - before.get(dropped)).as(dropped).isEqualTo(overflow.droppedSamples());
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postAndDeleteOfAnUnknownConnectorAreNotFound(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		Map<String, Double> before = meters(client);
		for (String unknown : unknownConnectors()) {
			assertRefused(client.post(unknown, request(0, validData())), 404, "Not Found", "connector");
			assertRefused(client.delete(unknown), 404, "Not Found", "connector");
		}
		assertNothingRecorded(client, before);
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void lastIntervalIsTheClosedIntervalWithItsEnd(EndpointServer server) {
		KvConnectorEndpointClient client = endpointWithValidDataClosedOnEngineOne(server);
		Response response = client.get("/" + connector());
		Map<String, Object> last = response.json("engines", "1", "lastInterval");
		assertThat(last.keySet()).containsExactlyElementsOf(intervalMembers(true));
		Instant start = Instant.parse((String) last.get("start"));
		assertThat(Instant.parse((String) last.get("end"))).isAfterOrEqualTo(start);
		assertHoldsValidData(last);
		assertThat(last.get("droppedSamples")).isEqualTo(0);
		Map<String, Object> current = response.json("engines", "1", "current");
		assertThat(current.keySet()).containsExactlyElementsOf(intervalMembers(false));
		assertThat(current.get("start")).isEqualTo(last.get("end"));
		assertEmpty(current);
		assertThat(response.json("engines", "0")).containsEntry("lastInterval", null);
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void deleteEmptiesOnlyTheCurrentIntervalsAndKeepsTheMeters(EndpointServer server) {
		KvConnectorEndpointClient client = endpointWithValidDataClosedOnEngineOne(server);
		assertThat(client.post(connector(), request(1, validData())).status()).isEqualTo(204);
		assertThat(client.post(connector(), request(0, validData())).status()).isEqualTo(204);
		Map<String, Object> last = client.get("/" + connector()).json("engines", "1", "lastInterval");
		Map<String, Double> meters = meters(client);
		Response response = client.delete(connector());
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		Response after = client.get("/" + connector());
		assertEmpty(after.json("engines", "0", "current"));
		assertEmpty(after.json("engines", "1", "current"));
		assertThat(after.json("engines", "1", "lastInterval")).isEqualTo(last);
		assertThat(meters(client)).isEqualTo(meters);
	}

	@Test
	void readOnlyAccessRefusesPostAndDelete() {
		KvConnectorEndpointClient client = endpoint(EndpointServer.READ_ONLY);
		Map<String, Double> before = meters(client);
		for (String name : Stream.concat(Stream.of(connector()), unknownConnectors().stream()).toList()) {
			assertThat(client.post(name, request(0, validData())).status()).as(name).isEqualTo(405);
			assertThat(client.delete(name).status()).as(name).isEqualTo(405);
		}
		Response response = client.get("/" + connector());
		assertThat(response.status()).isEqualTo(200);
		assertNothingRecorded(client, before);
	}

	@Test
	void readOnlyAccessKeepsWhatTheApplicationRecordsWhenDeleteIsRefused() {
		KvConnectorEndpointClient client = endpoint(EndpointServer.READ_ONLY);
		Running running = running(EndpointServer.READ_ONLY);
		try {
			KvConnectorIngest ingest = running.context().getBean(KvConnectorIngest.class);
			assertThat(ingest.ingest(connector(), request(0, validData())).isApplied()).isTrue();
			assertThat(client.delete(connector()).status()).isEqualTo(405);
			assertHoldsValidData(client.get("/" + connector()).json("engines", "0", "current"));
		}
		finally {
			running.connector(connector()).engines().forEach((engine) -> engine.interval().clear());
		}
	}

	@Test
	void separateManagementPortIsTheOnlyOneThatServesTheEndpoint() {
		Running running = running(EndpointServer.MANAGEMENT_PORT);
		assertThat(running.managementPort()).isNotEqualTo(running.port());
		KvConnectorEndpointClient application = new KvConnectorEndpointClient(running.port());
		assertThat(application.get("").status()).isEqualTo(404);
		assertThat(application.get("/" + connector()).status()).isEqualTo(404);
		assertThat(application.post(connector(), request(0, validData())).status()).isEqualTo(404);
		assertThat(application.delete(connector()).status()).isEqualTo(404);
		assertThat(endpoint(EndpointServer.MANAGEMENT_PORT).get("/" + connector()).status()).isEqualTo(200);
	}

	private void assertEngines(Response response, String... path) {
		Map<String, Object> engines = response.json(append(path, "engines"));
		assertThat(engines.keySet()).containsExactly("0", "1");
		Map<String, Object> engine = response.json(append(path, "engines", "0"));
		assertThat(engine.keySet()).containsExactly("current", "lastInterval");
		assertThat(engine.get("lastInterval")).isNull();
		Map<String, Object> current = response.json(append(path, "engines", "0", "current"));
		assertThat(current.keySet()).containsExactlyElementsOf(intervalMembers(false));
		assertThat((String) current.get("start")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		assertThat(Instant.parse((String) current.get("start"))).isBeforeOrEqualTo(Instant.now());
		assertEmpty(current);
		assertThat(current.get("droppedSamples")).isEqualTo(0);
		assertThat(response.json(append(path, "engines", "1")).keySet()).containsExactly("current", "lastInterval");
	}

	private static String[] append(String[] path, String... more) {
		List<String> keys = new ArrayList<>(List.of(path));
		keys.addAll(List.of(more));
		return keys.toArray(String[]::new);
	}

	private static void assertNoApplicationJacksonSettings(Response response) {
		assertThat(response.body()).doesNotContain("log_interval", "last_interval", "dropped_samples");
	}

	private static void assertRefused(Response response, int status, String error, String path) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).contains("json");
		Map<String, Object> body = response.json();
		assertThat(body.keySet()).containsExactly("status", "error", "path", "message");
		assertThat(body).containsEntry("status", status).containsEntry("error", error).containsEntry("path", path);
		assertThat(body.get("message")).asString().isNotBlank();
	}

	/**
	 * Assert that a request is refused, changes neither intervals nor meters, and counts
	 * one invalid payload.
	 */
	private Response assertRefusedAndCounted(KvConnectorEndpointClient client,
			Function<KvConnectorEndpointClient, Response> request, int status, String error, String path) {
		Map<String, Double> before = meters(client);
		double rejected = rejected(client);
		Response response = request.apply(client);
		assertRefused(response, status, error, path);
		assertNothingRecorded(client, before);
		assertThat(rejected(client)).as("invalid_payload counted once").isEqualTo(rejected + 1);
		return response;
	}

	private void assertNothingRecorded(KvConnectorEndpointClient client, Map<String, Double> metersBefore) {
		Response response = client.get("/" + connector());
		assertEmpty(response.json("engines", "0", "current"));
		assertEmpty(response.json("engines", "1", "current"));
		assertThat(meters(client)).isEqualTo(metersBefore);
	}

	private void assertMetersGrewOnce(KvConnectorEndpointClient client, Map<String, Double> before) {
		Map<String, Double> meters = meters(client);
		meterIncrements().forEach((sample, increment) -> assertThat(meters.get(sample) - before.get(sample)).as(sample)
			.isEqualTo(increment));
	}

	private void assertEmpty(Map<String, Object> interval) {
		assertStats(statsOf(interval), emptyStats());
		assertMembers(extraMembersOf(interval), emptyExtraMembers());
	}

	private void assertHoldsValidData(Map<String, Object> interval) {
		assertStats(statsOf(interval), expectedStats());
		assertMembers(extraMembersOf(interval), expectedExtraMembers());
	}

	@SuppressWarnings("unchecked")
	private static void assertMembers(Map<String, Object> actual, Map<String, Object> expected) {
		assertThat(List.copyOf(actual.keySet())).containsExactlyElementsOf(expected.keySet());
		expected.forEach((key, value) -> {
			if (value instanceof Map<?, ?> members) {
				assertMembers((Map<String, Object>) actual.get(key), (Map<String, Object>) members);
			}
			else {
				assertThat(actual.get(key)).as(key).isEqualTo(value);
			}
		});
	}

	private List<String> intervalMembers(boolean closed) {
		List<String> members = new ArrayList<>(closed ? List.of("start", "end") : List.of("start"));
		members.addAll(List.of("stats", "droppedSamples"));
		members.addAll(emptyExtraMembers().keySet());
		return members;
	}

	private List<String> unknownConnectors() {
		List<String> unknown = new ArrayList<>(List.of(connector() + "-unknown"));
		SPEC_CONNECTORS.stream().filter(Predicate.not(connectors()::contains)).forEach(unknown::add);
		return unknown;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> statsOf(Map<String, Object> interval) {
		return (Map<String, Object>) interval.get("stats");
	}

	private Map<String, Object> extraMembersOf(Map<String, Object> interval) {
		Map<String, Object> members = new LinkedHashMap<>();
		interval.forEach((key, value) -> {
			if (emptyExtraMembers().containsKey(key)) {
				members.put(key, value);
			}
		});
		return members;
	}

	private Map<String, Double> meters(KvConnectorEndpointClient client) {
		return samples(client, meterIncrements().keySet());
	}

	private static Map<String, Double> samples(KvConnectorEndpointClient client, Collection<String> names) {
		List<String> samples = client.scrape("");
		Map<String, Double> values = new LinkedHashMap<>();
		names.forEach((name) -> values.put(name, sample(samples, name)));
		return values;
	}

	private double rejected(KvConnectorEndpointClient client) {
		return rejected(client, "invalid_payload");
	}

	private double rejected(KvConnectorEndpointClient client, String reason) {
		return sample(client.scrape("kvconnector_rejected_samples_total"), REJECTED.formatted(connector(), reason));
	}

	private static double sample(List<String> samples, String name) {
		return samples.stream()
			.filter((line) -> line.startsWith(name + " "))
			.map((line) -> Double.parseDouble(line.substring(name.length() + 1).trim().split(" ")[0]))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sample " + name + " in " + samples));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Return a client after posting {@link #validData()} to engine 1 and closing its
	 * interval.
	 */
	private KvConnectorEndpointClient endpointWithValidDataClosedOnEngineOne(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		assertThat(client.post(connector(), request(1, validData())).status()).isEqualTo(204);
		running(server).connector(connector()).engines().get(1).interval().rotate();
		return client;
	}

	private Running running(EndpointServer server) {
		return this.applications.get(Key.of(application(), this.stack.type(), PROPERTIES, this.stack.properties(),
				server.properties, applicationProperties()));
	}

	/**
	 * Data with more samples than an interval keeps.
	 *
	 * @param data the {@code data} object
	 * @param keptStats the {@code reduce()} of the samples an empty interval keeps, in
	 * key order
	 * @param droppedSamples how many samples it drops
	 * @param meterIncrements how much Prometheus samples grow, as for
	 * {@link #meterIncrements()}
	 */
	public record Overflow(String data, Map<String, Object> keptStats, int droppedSamples,
			Map<String, Double> meterIncrements) {

	}

	/**
	 * A request that the ingest refuses with 400.
	 *
	 * @param name the case name
	 * @param body the request body
	 * @param path the path the 400 names
	 */
	public record MalformedRequest(String name, String body, String path) {

	}

	/**
	 * A web stack that serves actuator.
	 */
	public enum WebStack {

		/**
		 * Spring MVC on Tomcat.
		 */
		WEB_MVC(WebApplicationType.SERVLET),

		/**
		 * Spring WebFlux on Reactor Netty; Tomcat's reactive server, if on the class path
		 * too, is left out, as its management child context clashes with Netty's.
		 */
		WEB_FLUX(WebApplicationType.REACTIVE, "spring.autoconfigure.exclude="
				+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration,"
				+ "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration");

		private final WebApplicationType type;

		private final List<String> properties;

		WebStack(WebApplicationType type, String... properties) {
			this.type = type;
			this.properties = List.of(properties);
		}

		WebApplicationType type() {
			return this.type;
		}

		List<String> properties() {
			return this.properties;
		}

	}

	/**
	 * An application that the suite talks to.
	 */
	public enum EndpointServer {

		/**
		 * {@code management.endpoint.kvconnector.access=unrestricted}.
		 */
		UNRESTRICTED("management.endpoint.kvconnector.access=unrestricted"),

		/**
		 * The endpoint's default, read-only access.
		 */
		READ_ONLY(),

		/**
		 * Unrestricted access, actuator on a port of its own
		 * ({@code management.server.port}).
		 */
		MANAGEMENT_PORT("management.endpoint.kvconnector.access=unrestricted", "management.server.port=0"),

		/**
		 * Unrestricted access, endpoint JSON written by the application's JSON mapper
		 * ({@code management.endpoints.jackson.isolated-json-mapper=false}).
		 */
		APPLICATION_JSON_MAPPER("management.endpoint.kvconnector.access=unrestricted",
				"management.endpoints.jackson.isolated-json-mapper=false");

		private final List<String> properties;

		EndpointServer(String... properties) {
			this.properties = List.of(properties);
		}

	}

}
