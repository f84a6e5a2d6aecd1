package io.kvconnector.stats.nixl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NixlSchema}.
 *
 * @author kvconnector-stats
 */
class NixlSchemaTests {

	@Test
	void v1HasTheSeedsListsAndCountersAndV2AddsHandshakesAndLateNotifications() {
		assertThat(NixlSchema.V1.failures()).containsExactly(NixlFailure.FAILED_TRANSFERS,
				NixlFailure.FAILED_NOTIFICATIONS, NixlFailure.KV_EXPIRED_REQS);
		assertThat(NixlSchema.V1.counters()).containsExactlyElementsOf(NixlSchema.V1.failures());
		assertThat(NixlSchema.V2.failures()).containsExactly(NixlFailure.values());
		assertThat(NixlSchema.V2.counters()).containsExactly(NixlFailure.FAILED_TRANSFERS,
				NixlFailure.FAILED_NOTIFICATIONS, NixlFailure.KV_EXPIRED_REQS, NixlFailure.NOTIFICATIONS_AFTER_EXPIRY);
	}

	@Test
	void v1KeepsHandshakeFailuresAsFailedTransfersAndNoLateNotifications() {
		assertThat(NixlSchema.V1.storedAs(NixlFailure.FAILED_HANDSHAKES)).isEqualTo(NixlFailure.FAILED_TRANSFERS);
		assertThat(NixlSchema.V1.storedAs(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY)).isNull();
		for (NixlFailure kind : NixlSchema.V1.failures()) {
			assertThat(NixlSchema.V1.storedAs(kind)).isEqualTo(kind);
			assertThat(NixlSchema.V1.countedIn(kind)).containsExactly(kind);
		}
	}

	@Test
	void v2KeepsEveryKindApartAndCountsHandshakeAndNotificationFailuresAsFailedTransfers() {
		for (NixlFailure kind : NixlFailure.values()) {
			assertThat(NixlSchema.V2.storedAs(kind)).isEqualTo(kind);
		}
		assertThat(NixlSchema.V2.countedIn(NixlFailure.FAILED_TRANSFERS)).containsExactly(NixlFailure.FAILED_TRANSFERS);
		assertThat(NixlSchema.V2.countedIn(NixlFailure.FAILED_HANDSHAKES))
			.containsExactly(NixlFailure.FAILED_TRANSFERS);
		assertThat(NixlSchema.V2.countedIn(NixlFailure.FAILED_NOTIFICATIONS))
			.containsExactly(NixlFailure.FAILED_TRANSFERS, NixlFailure.FAILED_NOTIFICATIONS);
		assertThat(NixlSchema.V2.countedIn(NixlFailure.KV_EXPIRED_REQS)).containsExactly(NixlFailure.KV_EXPIRED_REQS);
		assertThat(NixlSchema.V2.countedIn(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY))
			.containsExactly(NixlFailure.NOTIFICATIONS_AFTER_EXPIRY);
	}

	@Test
	void v2ReducesToTheKeysOfV1ThenTheFailureCounts() {
		assertThat(NixlSchema.V1.reduceKeys()).isEqualTo(NixlKvConnectorStats.REDUCE_KEYS).hasSize(8);
		assertThat(NixlSchema.V2.reduceKeys()).startsWith(NixlSchema.V1.reduceKeys().toArray(String[]::new))
			.endsWith("Num failed transfers", "Num KV expired reqs")
			.hasSize(10);
	}

}
