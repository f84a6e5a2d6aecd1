package io.kvconnector.stats.nixl.metrics;

import java.util.List;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.kvconnector.stats.conformance.PrometheusExposition;
import io.kvconnector.stats.nixl.NixlConnectorUnderTest;
import io.kvconnector.stats.nixl.NixlSchema;
import io.kvconnector.stats.nixl.NixlStatsRecorder;
import io.kvconnector.stats.recording.KvConnectorIngest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the failure counters each NIXL schema exposes to Prometheus: their names, HELP
 * and TYPE, their series at zero from start-up, and what recorded and ingested failures
 * add to them.
 *
 * @author kvconnector-stats
 */
class NixlSchemaPrometheusTests {

	private static final String MODEL_NAME = "schema-model";

	private static final String FAILED_TRANSFERS = "vllm:nixl_num_failed_transfers_total";

	private static final String FAILED_NOTIFICATIONS = "vllm:nixl_num_failed_notifications_total";

	private static final String KV_EXPIRED_REQS = "vllm:nixl_num_kv_expired_reqs_total";

	private static final String NOTIFICATIONS_AFTER_EXPIRY = "vllm:nixl_num_notifications_after_expiry_total";

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	@Test
	void v2ExposesTheLateNotificationCounterOfEveryEngineAtZeroNextToVllmsFailureCounters() {
		recorder(NixlSchema.V2);
		assertThat(scrape().differencesFrom(PrometheusExposition.parse(failedTransfers(0, 0) + failedNotifications(0, 0)
				+ kvExpiredReqs(0, 0) + notificationsAfterExpiry(0, 0))))
			.isEmpty();
		assertThat(scrape().families().keySet()).noneMatch((name) -> name.contains("handshake"));
	}

	@Test
	void v2FailedTransfersAddHandshakeAndNotificationFailuresRecordedOrIngested() {
		recordAndIngestOneOfEachKind(recorder(NixlSchema.V2));
		assertThat(scrape().differencesFrom(PrometheusExposition.parse(failedTransfers(4, 10)
				+ failedNotifications(1, 4) + kvExpiredReqs(1, 2) + notificationsAfterExpiry(1, 6))))
			.isEmpty();
	}

	@Test
	void v1CountsHandshakeFailuresAsFailedTransfersAndExposesNoLateNotifications() {
		recordAndIngestOneOfEachKind(recorder(NixlSchema.V1));
		PrometheusExposition ours = scrape();
		assertThat(ours.differencesFrom(
				PrometheusExposition.parse(failedTransfers(3, 6) + failedNotifications(1, 4) + kvExpiredReqs(1, 2))))
			.isEmpty();
		assertThat(ours.families()).doesNotContainKey(NOTIFICATIONS_AFTER_EXPIRY);
		assertThat(ours.samples()).noneMatch((sample) -> sample.name().startsWith(NOTIFICATIONS_AFTER_EXPIRY));
	}

	/**
	 * Record one failure of each kind on engine 0 (two handshake failures) and ingest
	 * failure lists whose entries are not all {@code 1} on engine 1.
	 */
	private static void recordAndIngestOneOfEachKind(NixlStatsRecorder recorder) {
		recorder.recordFailedTransfer(0);
		recorder.recordFailedHandshake(0);
		recorder.recordFailedHandshake(0);
		recorder.recordFailedNotification(0);
		recorder.recordKvExpiredReq(0);
		recorder.recordNotificationAfterExpiry(0);
		Map<String, Object> data = Map.of("num_failed_transfers", List.of(1), "num_failed_handshakes", List.of(2, 3),
				"num_failed_notifications", List.of(4), "num_kv_expired_reqs", List.of(2),
				"num_notifications_after_expiry", List.of(5, 1));
		String request = JsonMapper.shared().writeValueAsString(Map.of("engine", 1, "data", data));
		assertThat(new KvConnectorIngest(List.of(recorder)).ingest("nixl", request).isApplied()).isTrue();
	}

	private NixlStatsRecorder recorder(NixlSchema schema) {
		return new NixlConnectorUnderTest(schema).recorder(List.of(0, 1), 1_000_000, MODEL_NAME, this.registry);
	}

	private PrometheusExposition scrape() {
		return PrometheusExposition.parse(this.registry.scrape());
	}

	private static String failedTransfers(double engine0, double engine1) {
		return counter(FAILED_TRANSFERS, "Number of failed NIXL KV Cache transfers.", engine0, engine1);
	}

	private static String failedNotifications(double engine0, double engine1) {
		return counter(FAILED_NOTIFICATIONS, "Number of failed NIXL KV Cache notifications.", engine0, engine1);
	}

	private static String kvExpiredReqs(double engine0, double engine1) {
		return counter(KV_EXPIRED_REQS,
				"Number of requests that had their KV expire. NOTE: This metric is tracked on the P instance.", engine0,
				engine1);
	}

	private static String notificationsAfterExpiry(double engine0, double engine1) {
		return counter(NOTIFICATIONS_AFTER_EXPIRY,
				"Number of NIXL KV Cache notifications that arrived after their KV expired.", engine0, engine1);
	}

	private static String counter(String name, String help, double engine0, double engine1) {
		return "# HELP " + name + " " + help + "\n# TYPE " + name + " counter\n" + sample(name, 0, engine0)
				+ sample(name, 1, engine1);
	}

	private static String sample(String name, int engine, double value) {
		return name + "{engine=\"" + engine + "\",model_name=\"" + MODEL_NAME + "\"} " + value + "\n";
	}

}
