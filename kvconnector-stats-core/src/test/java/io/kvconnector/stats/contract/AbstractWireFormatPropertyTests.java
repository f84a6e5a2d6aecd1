package io.kvconnector.stats.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.json.JsonMapper;

import io.kvconnector.stats.KvConnectorStats;
import io.kvconnector.stats.StatsJson;
import io.kvconnector.stats.conformance.ReducedValues;
import io.kvconnector.stats.recording.IngestResult;
import io.kvconnector.stats.recording.KvConnector;
import io.kvconnector.stats.recording.KvConnectorEngine;
import io.kvconnector.stats.recording.KvConnectorIngest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests of a connector's wire format: random valid data survives JSON and
 * reduces exactly like the original; random corruption is rejected by the ingest with its
 * path and changes nothing, neither the interval nor the meters. Each starter extends it
 * with its generators.
 *
 * @param <S> the stats type
 * @param <R> the recorder type
 * @param <M> the meter binder type
 * @author kvconnector-stats
 */
public abstract class AbstractWireFormatPropertyTests<S extends KvConnectorStats<S>, R extends KvConnector<S>, M extends MeterBinder> {

	/**
	 * Return the connector under test.
	 * @return the connector
	 */
	protected abstract ConnectorUnderTest<S, R, M> connector();

	/**
	 * Generate valid data in the connector's wire format, of every shape vLLM may send.
	 * @return the generator
	 */
	protected abstract Arbitrary<Map<String, Object>> arbitraryValidData();

	/**
	 * Generate valid data with one corruption each, and the path of that corruption.
	 * @return the generator
	 */
	protected abstract Arbitrary<Corrupted> arbitraryCorruptedData();

	@Provide
	final Arbitrary<Map<String, Object>> validData() {
		return arbitraryValidData();
	}

	@Provide
	final Arbitrary<Corrupted> corrupted() {
		return arbitraryCorruptedData();
	}

	@Property(tries = 300)
	void validDataRoundTripsThroughJsonAndReducesLikeTheOriginal(@ForAll("validData") Map<String, Object> data) {
		S original = connector().fromData(data);
		S copy = connector().fromData(StatsJson.read(StatsJson.write(original)));
		assertThat(copy.data()).isEqualTo(original.data());
		ReducedValues.assertIdentical(copy.reduce(), new LinkedHashMap<>(original.reduce()));
	}

	@Property(tries = 500)
	void corruptDataIsRejectedWithItsPathAndChangesNothing(@ForAll("corrupted") Corrupted corrupted) {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		R recorder = connector().recorder(List.of(0), 1_000_000, "property", registry);
		connector().record(recorder, 0, false);
		KvConnectorEngine<S> engine = recorder.engines().get(0);
		Map<String, ?> before = engine.interval().current().data();
		String scrapeBefore = withoutHealth(registry.scrape());
		IngestResult result = new KvConnectorIngest(List.of(recorder)).ingest(connector().name(),
				JsonMapper.shared().writeValueAsString(Map.of("engine", 0, "data", corrupted.data())));
		assertThat(result.status()).isEqualTo(IngestResult.Status.BAD_REQUEST);
		assertThat(result.path()).isEqualTo("data." + corrupted.path());
		assertThat(engine.interval().current().data()).isEqualTo(before);
		assertThat(withoutHealth(registry.scrape())).isEqualTo(scrapeBefore);
	}

	private static String withoutHealth(String scrape) {
		return scrape.lines().filter((line) -> !line.contains("kvconnector_")).reduce("", (a, b) -> a + b + "\n");
	}

	/**
	 * Corrupted data and where it is wrong.
	 *
	 * @param data the data
	 * @param path the path the rejection must name, within the data
	 */
	public record Corrupted(Map<String, Object> data, String path) {

	}

}
