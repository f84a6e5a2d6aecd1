package io.kvconnector.stats.actuate.endpoint;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.kvconnector.stats.recording.IntervalSummary;
import io.kvconnector.stats.recording.KvConnectorIngest;
import io.kvconnector.stats.testconnector.TestConnector;
import io.kvconnector.stats.testconnector.TestMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebFluxKvConnectorIngestHandler}; its HTTP behaviour is covered by
 * {@link KvConnectorEndpointWebIntegrationTests}.
 *
 * @author kvconnector-stats
 */
class WebFluxKvConnectorIngestHandlerTests {

	private final AtomicInteger scheduled = new AtomicInteger();

	private final Scheduler scheduler = Schedulers.fromExecutor((task) -> {
		this.scheduled.incrementAndGet();
		task.run();
	});

	private final TestConnector connector;

	private final WebFluxKvConnectorIngestHandler handler;

	WebFluxKvConnectorIngestHandlerTests() {
		TestMetrics metrics = new TestMetrics();
		metrics.bindTo(new SimpleMeterRegistry());
		this.connector = new TestConnector(List.of(0), 10, metrics, Clock.systemUTC());
		this.handler = new WebFluxKvConnectorIngestHandler(new KvConnectorIngest(List.of(this.connector)), 64, 64,
				this.scheduler);
	}

	@Test
	void theBodyIsIngestedOnTheScheduler() {
		ServerResponse response = post("{\"data\": ", "{\"values\": [1.0, 2.0]}}");
		assertThat(response.statusCode().value()).isEqualTo(204);
		assertThat(this.scheduled).hasPositiveValue();
		assertThat(current().stats()).containsEntry("count", 2);
	}

	@Test
	void aBodyBeyondTheLimitWithoutContentLengthIsTooLargeAndNotApplied() {
		String values = "{\"values\": [" + "1.0, ".repeat(20) + "1.0]}";
		ServerResponse response = post("{\"data\": ", values, "}");
		assertThat(response.statusCode().value()).isEqualTo(413);
		assertThat(current().empty()).isTrue();
	}

	@Test
	void anEmptyBodyIsBadRequest() {
		assertThat(post().statusCode().value()).isEqualTo(400);
		assertThat(this.scheduled).hasPositiveValue();
	}

	private ServerResponse post(String... chunks) {
		Flux<DataBuffer> body = Flux.fromArray(chunks)
			.map((chunk) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/actuator/kvconnector/test")
				.contentType(MediaType.APPLICATION_JSON)
				.body(body));
		exchange.getAttributes().put(RouterFunctions.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("connector", "test"));
		ServerRequest request = ServerRequest.create(exchange, HandlerStrategies.withDefaults().messageReaders());
		return this.handler.handle(request).block();
	}

	private IntervalSummary current() {
		return this.connector.engines().get(0).interval().snapshot().current();
	}

}
