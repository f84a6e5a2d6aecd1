package io.kvconnector.stats.actuate.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import io.kvconnector.stats.actuate.endpoint.KvConnectorEndpointClient.Response;
import io.kvconnector.stats.recording.KvConnector;

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
 * <li>{@link #application()}: a {@code @SpringBootConfiguration} that auto-configures
 * actuator, Prometheus and the connector, and {@link #applicationProperties()} if it
 * needs any (such as {@code kvconnector.test.enabled=true});</li>
 * <li>{@link #connector()}: the connector's name, and {@link #connectors()} if the
 * application enables others too;</li>
 * <li>{@link #validData()}: the {@code data} object of a valid request, with
 * {@link #expectedStats()}, its {@code reduce()} alone, and {@link #emptyStats()}, the
 * {@code reduce()} of an empty interval, both in key order ({@link #stats(Object...)});
 * {@link #assertStats(Map, Map)} compares them and may be overridden;</li>
 * <li>{@link #extraIntervalMembers()}: members of an interval after
 * {@code droppedSamples}, such as NIXL's {@code failures};</li>
 * <li>{@link #meterIncrements()}: Prometheus samples, with their labels as scraped (the
 * model name is {@link #MODEL_NAME}), and how much each grows when {@link #validData()}
 * is posted to engine 0;</li>
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
	 * The properties every application gets, ahead of {@link #applicationProperties()}.
	 */
	protected static final List<String> PROPERTIES = List.of("server.port=0", "spring.main.banner-mode=off",
			"management.endpoints.web.exposure.include=kvconnector,prometheus", "kvconnector.log-interval=1h",
			"kvconnector.engines=0,1", "kvconnector.max-ingest-size=" + MAX_INGEST_SIZE + "B",
			"kvconnector.model-name=" + MODEL_NAME, "spring.jackson.property-naming-strategy=SNAKE_CASE",
			"spring.jackson.default-property-inclusion=non_null");

	private static final String REJECTED = "kvconnector_rejected_samples_total{connector=\"%s\",reason=\"invalid_payload\"}";

	@RegisterExtension
	final EndpointTestApplications applications = new EndpointTestApplications();

	@Parameter
	WebStack stack;

	/**
	 * Return the application to start: a {@code @SpringBootConfiguration} with
	 * auto-configuration that records the connector.
	 * @return the application class
	 */
	protected abstract Class<?> application();

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
	 * Return the members of an interval that follow {@code droppedSamples}.
	 * @return the member names, in order
	 */
	protected List<String> extraIntervalMembers() {
		return List.of();
	}

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
		assertThat(endpoint(server).get("/" + connector() + "-unknown").status()).isEqualTo(404);
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
		assertStats(statsOf(current), expectedStats());
		assertThat(current.get("droppedSamples")).isEqualTo(0);
		assertStats(statsOf(after.json("engines", "1", "current")), emptyStats());
		Map<String, Double> meters = meters(client);
		meterIncrements().forEach((sample, increment) -> assertThat(meters.get(sample) - before.get(sample)).as(sample)
			.isEqualTo(increment));
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postWithoutAnEngineAddsToTheFirstEngine(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		assertThat(client.post(connector(), "{\"data\": " + validData() + "}").status()).isEqualTo(204);
		assertStats(statsOf(client.get("/" + connector()).json("engines", "0", "current")), expectedStats());
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("malformedRequestsOnEveryWritableServer")
	void postOfAMalformedRequestIsRefusedNamingThePathAndChangesNothing(EndpointServer server,
			MalformedRequest request) {
		KvConnectorEndpointClient client = endpoint(server);
		Map<String, Double> before = meters(client);
		double rejected = rejected(client);
		Response response = client.post(connector(), request.body());
		assertRefused(response, 400, "Bad Request", request.path());
		assertNothingRecorded(client, before);
		assertThat(rejected(client)).as("invalid_payload counted once").isEqualTo(rejected + 1);
	}

	Stream<Arguments> malformedRequestsOnEveryWritableServer() {
		List<MalformedRequest> requests = Stream.concat(Stream.of(
				new MalformedRequest("malformed JSON", "{\"engine\": 0, \"data\": ", ""),
				new MalformedRequest("not an object", "[" + validData() + "]", ""),
				new MalformedRequest("no data", "{\"engine\": 0}", "data"),
				new MalformedRequest("data not an object", "{\"engine\": 0, \"data\": [" + validData() + "]}", "data"),
				new MalformedRequest("unknown engine", request(7, validData()), "engine"), new MalformedRequest(
						"fractional engine", "{\"engine\": 0.5, \"data\": " + validData() + "}", "engine")),
				malformedRequests())
			.toList();
		return Stream.of(EndpointServer.values())
			.filter((server) -> server != EndpointServer.READ_ONLY)
			.flatMap((server) -> requests.stream()
				.map((request) -> Arguments.of(server, Named.of(request.name(), request))));
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postOverTheMaxIngestSizeIsContentTooLargeAndChangesNothing(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		Map<String, Double> before = meters(client);
		double rejected = rejected(client);
		String prefix = request(0, validData()).replaceFirst("}$", ", \"padding\": \"");
		String body = prefix + "x".repeat(MAX_INGEST_SIZE + 1 - prefix.length() - 2) + "\"}";
		assertThat(body).hasSize(MAX_INGEST_SIZE + 1);
		Response response = client.post(connector(), body);
		assertRefused(response, 413, "Content Too Large", "");
		assertThat(response.json().get("message").toString()).contains(String.valueOf(MAX_INGEST_SIZE));
		assertNothingRecorded(client, before);
		assertThat(rejected(client)).isEqualTo(rejected + 1);
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postOfANonJsonBodyIsUnsupportedMediaTypeAndChangesNothing(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		Map<String, Double> before = meters(client);
		double rejected = rejected(client);
		Response response = client.post(connector(), request(0, validData()), "text/plain");
		assertRefused(response, 415, "Unsupported Media Type", "");
		assertThat(response.json().get("message").toString()).contains("text/plain");
		assertNothingRecorded(client, before);
		assertThat(rejected(client)).isEqualTo(rejected + 1);
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void postAndDeleteOfAnUnknownConnectorAreNotFound(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		String unknown = connector() + "-unknown";
		assertRefused(client.post(unknown, request(0, validData())), 404, "Not Found", "connector");
		assertRefused(client.delete(unknown), 404, "Not Found", "connector");
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void lastIntervalIsTheClosedIntervalWithItsEnd(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		assertThat(client.post(connector(), request(1, validData())).status()).isEqualTo(204);
		closeTheCurrentIntervalOfEngineOne(server);
		Response response = client.get("/" + connector());
		Map<String, Object> last = response.json("engines", "1", "lastInterval");
		assertThat(last.keySet()).containsExactlyElementsOf(intervalMembers(true));
		Instant start = Instant.parse((String) last.get("start"));
		assertThat(Instant.parse((String) last.get("end"))).isAfterOrEqualTo(start);
		assertStats(statsOf(last), expectedStats());
		assertThat(last.get("droppedSamples")).isEqualTo(0);
		Map<String, Object> current = response.json("engines", "1", "current");
		assertThat(current.keySet()).containsExactlyElementsOf(intervalMembers(false));
		assertThat(current.get("start")).isEqualTo(last.get("end"));
		assertStats(statsOf(current), emptyStats());
		assertThat(response.json("engines", "0")).containsEntry("lastInterval", null);
	}

	@ParameterizedTest
	@EnumSource(mode = Mode.EXCLUDE, names = "READ_ONLY")
	void deleteEmptiesOnlyTheCurrentIntervalsAndKeepsTheMeters(EndpointServer server) {
		KvConnectorEndpointClient client = endpoint(server);
		assertThat(client.post(connector(), request(1, validData())).status()).isEqualTo(204);
		closeTheCurrentIntervalOfEngineOne(server);
		assertThat(client.post(connector(), request(1, validData())).status()).isEqualTo(204);
		assertThat(client.post(connector(), request(0, validData())).status()).isEqualTo(204);
		Map<String, Object> last = client.get("/" + connector()).json("engines", "1", "lastInterval");
		Map<String, Double> meters = meters(client);
		Response response = client.delete(connector());
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		Response after = client.get("/" + connector());
		assertStats(statsOf(after.json("engines", "0", "current")), emptyStats());
		assertStats(statsOf(after.json("engines", "1", "current")), emptyStats());
		assertThat(after.json("engines", "1", "lastInterval")).isEqualTo(last);
		assertThat(meters(client)).isEqualTo(meters);
	}

	@Test
	void readOnlyAccessRefusesPostAndDelete() {
		KvConnectorEndpointClient client = endpoint(EndpointServer.READ_ONLY);
		assertThat(client.post(connector(), request(0, validData())).status()).isEqualTo(405);
		assertThat(client.delete(connector()).status()).isEqualTo(405);
		Response response = client.get("/" + connector());
		assertThat(response.status()).isEqualTo(200);
		assertStats(statsOf(response.json("engines", "0", "current")), emptyStats());
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
		assertThat(Instant.parse((String) current.get("start"))).isBeforeOrEqualTo(Instant.now());
		assertStats(statsOf(current), emptyStats());
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

	private void assertNothingRecorded(KvConnectorEndpointClient client, Map<String, Double> metersBefore) {
		Response response = client.get("/" + connector());
		assertStats(statsOf(response.json("engines", "0", "current")), emptyStats());
		assertStats(statsOf(response.json("engines", "1", "current")), emptyStats());
		assertThat(meters(client)).isEqualTo(metersBefore);
	}

	private List<String> intervalMembers(boolean closed) {
		List<String> members = new ArrayList<>(closed ? List.of("start", "end") : List.of("start"));
		members.addAll(List.of("stats", "droppedSamples"));
		members.addAll(extraIntervalMembers());
		return members;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> statsOf(Map<String, Object> interval) {
		return (Map<String, Object>) interval.get("stats");
	}

	private Map<String, Double> meters(KvConnectorEndpointClient client) {
		List<String> samples = client.scrape("");
		Map<String, Double> values = new LinkedHashMap<>();
		meterIncrements().keySet().forEach((name) -> values.put(name, sample(samples, name)));
		return values;
	}

	private double rejected(KvConnectorEndpointClient client) {
		return sample(client.scrape("kvconnector_rejected_samples_total"), REJECTED.formatted(connector()));
	}

	private static double sample(List<String> samples, String name) {
		return samples.stream()
			.filter((line) -> line.startsWith(name + " "))
			.map((line) -> Double.parseDouble(line.substring(name.length() + 1).trim().split(" ")[0]))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sample " + name + " in " + samples));
	}

	private void closeTheCurrentIntervalOfEngineOne(EndpointServer server) {
		KvConnector<?> connector = context(server).getBeanProvider(KvConnector.class)
			.orderedStream()
			.map((candidate) -> (KvConnector<?>) candidate)
			.filter((candidate) -> candidate.name().equals(connector()))
			.findFirst()
			.orElseThrow();
		connector.engines().get(1).interval().rotate();
	}

	private Running running(EndpointServer server) {
		Map<String, String> properties = new LinkedHashMap<>();
		Stream.of(PROPERTIES, this.stack.properties, server.properties, applicationProperties())
			.flatMap(List::stream)
			.forEach((property) -> properties.put(property.substring(0, property.indexOf('=')), property));
		return this.applications.get(new Key(application(), this.stack.type, List.copyOf(properties.values())));
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
