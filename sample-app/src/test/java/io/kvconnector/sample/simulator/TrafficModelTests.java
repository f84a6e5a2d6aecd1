package io.kvconnector.sample.simulator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.nixl.NixlFailure;
import io.kvconnector.stats.nixl.NixlSchema;
import io.kvconnector.stats.nixl.NixlXferTelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link TrafficModel}.
 *
 * @author kvconnector-stats
 */
class TrafficModelTests {

	private static final int REQUESTS = 20_000;

	/** Llama-3-8B in bf16: 16 tokens × K and V × 8 heads × 128 dims × 2 bytes. */
	private static final long BYTES_PER_BLOCK_PER_LAYER = 65_536;

	private static final int LAYERS = 32;

	@Test
	void defaultShapeIsLlama3With64KibPerBlockAndLayerAnd2MibPerStoreKey() {
		SimulatorProperties properties = new SimulatorProperties();
		assertThat(properties.getModel().bytesPerBlockPerLayer()).isEqualTo(BYTES_PER_BLOCK_PER_LAYER);
		assertThat(new TrafficModel(properties).bytesPerKey()).isEqualTo(2 * 1024 * 1024);
	}

	@Test
	void blocksAreThePromptsTokensInBlocksOfTheBlockSize() {
		for (SimulatedRequest request : requests(new SimulatorProperties())) {
			assertThat(request.promptTokens()).isBetween(512, 8192);
			assertThat(request.blocks()).isEqualTo((request.promptTokens() + 15) / 16);
		}
	}

	@Test
	void transferMovesBlocksTimesLayersTimesBytesPerBlockWithTwoDescriptorsPerBlockAndLayer() {
		for (SimulatedRequest request : requests(new SimulatorProperties())) {
			NixlXferTelemetry transfer = request.transfer();
			if (transfer != null) {
				assertThat(transfer.totalBytes()).isEqualTo(request.blocks() * LAYERS * BYTES_PER_BLOCK_PER_LAYER);
				assertThat(transfer.descCount()).isEqualTo(request.blocks() * LAYERS * 2);
			}
		}
	}

	@Test
	void transferBytesFollowTheConfiguredModelShape() {
		SimulatorProperties properties = new SimulatorProperties();
		properties.getModel().setLayers(80);
		properties.getModel().setKvHeads(8);
		properties.getModel().setHeadDim(128);
		properties.getModel().setDtypeBytes(1);
		properties.getModel().setBlockSize(32);
		for (SimulatedRequest request : requests(properties)) {
			assertThat(request.blocks()).isEqualTo((request.promptTokens() + 31) / 32);
			NixlXferTelemetry transfer = request.transfer();
			if (transfer != null) {
				assertThat(transfer.totalBytes()).isEqualTo(request.blocks() * 80 * (32 * 2 * 8 * 128));
				assertThat(transfer.descCount()).isEqualTo(request.blocks() * 80 * 2);
			}
		}
	}

	@Test
	void withoutJitterOrSlowTailATransferTakesItsSizeOverTheLinkBandwidth() {
		SimulatorProperties properties = new SimulatorProperties();
		properties.setJitter(0);
		properties.setSlowTailRatio(0);
		double bytesPerSecond = properties.getLinkBandwidth().toBytes();
		for (SimulatedRequest request : requests(properties)) {
			NixlXferTelemetry transfer = request.transfer();
			if (transfer != null) {
				assertThat(transfer.xferDurationMicros())
					.isEqualTo(Math.round(transfer.totalBytes() / bytesPerSecond * 1e6));
			}
		}
	}

	@Test
	void jitterAndTheSlowTailOnlyEverSlowATransferDown() {
		SimulatorProperties properties = new SimulatorProperties();
		double bytesPerSecond = properties.getLinkBandwidth().toBytes();
		int slow = 0;
		int transfers = 0;
		for (SimulatedRequest request : requests(properties)) {
			NixlXferTelemetry transfer = request.transfer();
			if (transfer != null) {
				double nominalMicros = transfer.totalBytes() / bytesPerSecond * 1e6;
				double factor = transfer.xferDurationMicros() / nominalMicros;
				assertThat(factor).isBetween(0.999, 1.5 * 10 + 0.001);
				slow += (factor > 1.5 + 0.001) ? 1 : 0;
				transfers++;
			}
		}
		assertThat((double) slow / transfers).isCloseTo(0.01, within(0.003));
	}

	@Test
	void mostTransfersTakeFiveTo300MillisecondsAndPostTimesStayWithinTheirRange() {
		List<SimulatedRequest> requests = requests(new SimulatorProperties());
		List<NixlXferTelemetry> transfers = requests.stream()
			.map(SimulatedRequest::transfer)
			.filter((transfer) -> transfer != null)
			.map((transfer) -> (NixlXferTelemetry) transfer)
			.toList();
		long inRange = transfers.stream()
			.filter((transfer) -> transfer.xferDurationMicros() >= 5_000 && transfer.xferDurationMicros() <= 300_000)
			.count();
		assertThat((double) inRange / transfers.size()).isGreaterThan(0.75);
		assertThat(transfers).allSatisfy((transfer) -> {
			assertThat(transfer.xferDurationMicros()).isBetween(1L, 5_000_000L);
			assertThat(transfer.postDurationMicros()).isBetween(100L, 2_000L);
			assertThat(transfer.descCount()).isLessThanOrEqualTo(50_000);
		});
	}

	@Test
	void aboutHalfARequestsBlocksAreAlreadyCachedButNeverTheLastOne() {
		List<SimulatedRequest> requests = requests(new SimulatorProperties());
		double cached = requests.stream().mapToLong(SimulatedRequest::cachedBlocks).sum();
		double blocks = requests.stream().mapToLong(SimulatedRequest::blocks).sum();
		assertThat(cached / blocks).isCloseTo(0.5, within(0.02));
		assertThat(requests)
			.allSatisfy((request) -> assertThat(request.cachedBlocks()).isBetween(0L, request.blocks() - 1));
	}

	@Test
	void hitRatiosAtTheEndsCacheNothingOrAllButTheLastBlock() {
		SimulatorProperties none = new SimulatorProperties();
		none.setPrefixHitRatio(0);
		assertThat(requests(none)).allSatisfy((request) -> assertThat(request.cachedBlocks()).isZero());
		SimulatorProperties all = new SimulatorProperties();
		all.setPrefixHitRatio(1);
		assertThat(requests(all))
			.allSatisfy((request) -> assertThat(request.cachedBlocks()).isEqualTo(request.blocks() - 1));
	}

	@Test
	void existenceChecksNameEveryBlockAndMoveNoBytes() {
		for (SimulatedRequest request : requests(new SimulatorProperties())) {
			MooncakeOperation saveExists = request.prefill().get(0);
			MooncakeOperation lookupExists = request.decode().get(0);
			assertThat(saveExists.operation()).isEqualTo("save_exists");
			assertThat(lookupExists.operation()).isEqualTo("lookup_exists");
			for (MooncakeOperation check : List.of(saveExists, lookupExists)) {
				assertThat(check.keys()).isEqualTo(request.blocks());
				assertThat(check.bytes()).isZero();
				assertThat(check.failedKeys()).isEqualTo("error".equals(check.status()) ? request.blocks() : 0);
			}
		}
	}

	@Test
	void prefillPutsOnlyTheBlocksItsCheckFoundMissing() {
		int afterFailedCheck = 0;
		for (SimulatedRequest request : requests(new SimulatorProperties())) {
			assertThat(request.prefill()).hasSize(2);
			MooncakeOperation saveExists = request.prefill().get(0);
			MooncakeOperation savePut = request.prefill().get(1);
			assertThat(savePut.operation()).isEqualTo("save_put");
			if ("error".equals(saveExists.status())) {
				assertThat(savePut.keys()).isEqualTo(request.blocks());
				afterFailedCheck++;
			}
			else {
				assertThat(savePut.keys()).isEqualTo(request.blocks() - request.cachedBlocks());
			}
		}
		assertThat(afterFailedCheck).isPositive();
	}

	@Test
	void decodeGetsOnlyTheHitsItsCheckFoundAndNothingWhenItFailed() {
		int afterFailedCheck = 0;
		for (SimulatedRequest request : requests(new SimulatorProperties())) {
			MooncakeOperation lookupExists = request.decode().get(0);
			MooncakeOperation savePut = request.prefill().get(1);
			if ("error".equals(lookupExists.status())) {
				assertThat(request.decode()).hasSize(1);
				afterFailedCheck++;
			}
			else {
				long hits = request.blocks() - savePut.failedKeys();
				if (hits == 0) {
					assertThat(request.decode()).hasSize(1);
				}
				else {
					assertThat(request.decode()).hasSize(2);
					assertThat(request.decode().get(1).operation()).isEqualTo("load_get");
					assertThat(request.decode().get(1).keys()).isEqualTo(hits);
				}
			}
		}
		assertThat(afterFailedCheck).isPositive();
	}

	@Test
	void putsAndGetsMoveTheBytesOfTheKeysThatDidNotFail() {
		long bytesPerKey = new TrafficModel(new SimulatorProperties()).bytesPerKey();
		List<MooncakeOperation> errors = new ArrayList<>();
		List<MooncakeOperation> partial = new ArrayList<>();
		forEachBulkCall(requests(new SimulatorProperties()), (call) -> {
			assertThat(call.bytes()).isEqualTo((call.keys() - call.failedKeys()) * bytesPerKey);
			if ("error".equals(call.status())) {
				assertThat(call.failedKeys()).isEqualTo(call.keys());
				errors.add(call);
			}
			else {
				assertThat(call.status()).isEqualTo("ok");
				assertThat(call.failedKeys()).isLessThan(call.keys());
				if (call.failedKeys() > 0) {
					partial.add(call);
				}
			}
		});
		int calls = 2 * REQUESTS;
		assertThat((double) errors.size() / calls).isCloseTo(0.002, within(0.001));
		assertThat((double) partial.size() / calls).isCloseTo(0.01, within(0.003));
	}

	@Test
	void aboutOneRequestIn200FailsItsHandOffInsteadOfTransferring() {
		List<SimulatedRequest> requests = requests(new SimulatorProperties());
		assertThat(requests)
			.allSatisfy((request) -> assertThat(request.transfer() == null).isEqualTo(request.failure() != null));
		long failed = requests.stream().filter((request) -> request.failure() != null).count();
		assertThat((double) failed / REQUESTS).isCloseTo(0.005, within(0.0015));
	}

	@Test
	void aFailedHandOffRecordsNoTransfer() {
		SimulatorProperties properties = new SimulatorProperties();
		properties.setNixlFailureRatio(1);
		EnumSet<NixlFailure> kinds = EnumSet.noneOf(NixlFailure.class);
		for (SimulatedRequest request : requests(properties)) {
			assertThat(request.transfer()).isNull();
			kinds.add(request.failure());
		}
		assertThat(kinds).containsExactlyInAnyOrderElementsOf(NixlSchema.V1.failures());
	}

	@Test
	void withoutFailureRatiosNothingFails() {
		SimulatorProperties properties = new SimulatorProperties();
		properties.setNixlFailureRatio(0);
		properties.setStoreErrorRatio(0);
		properties.setStorePartialFailureRatio(0);
		for (SimulatedRequest request : requests(properties)) {
			assertThat(request.failure()).isNull();
			assertThat(request.prefill()).extracting(MooncakeOperation::failedKeys).containsOnly(0L);
			assertThat(request.decode()).extracting(MooncakeOperation::failedKeys).containsOnly(0L);
			assertThat(request.decode().get(1).keys()).isEqualTo(request.blocks());
		}
	}

	@ParameterizedTest
	@EnumSource(NixlSchema.class)
	void failedHandOffsAreOfEveryKindOfTheActiveSchema(NixlSchema schema) {
		SimulatorProperties properties = new SimulatorProperties();
		properties.setNixlFailureRatio(0.5);
		TrafficModel model = new TrafficModel(properties, schema);
		SplittableRandom random = new SplittableRandom(42);
		Set<NixlFailure> kinds = EnumSet.noneOf(NixlFailure.class);
		for (int i = 0; i < 2_000; i++) {
			NixlFailure failure = model.next(random).failure();
			if (failure != null) {
				kinds.add(failure);
			}
		}
		assertThat(kinds).containsExactlyInAnyOrderElementsOf(schema.failures());
	}

	@Test
	void theSameSeedDrawsTheSameRequests() {
		TrafficModel model = new TrafficModel(new SimulatorProperties());
		SplittableRandom first = new SplittableRandom(7);
		SplittableRandom second = new SplittableRandom(7);
		for (int i = 0; i < 100; i++) {
			assertThat(model.next(first)).isEqualTo(model.next(second));
		}
	}

	private static List<SimulatedRequest> requests(SimulatorProperties properties) {
		properties.afterPropertiesSet();
		TrafficModel model = new TrafficModel(properties);
		SplittableRandom random = new SplittableRandom(42);
		List<SimulatedRequest> requests = new ArrayList<>(REQUESTS);
		for (int i = 0; i < REQUESTS; i++) {
			requests.add(model.next(random));
		}
		return requests;
	}

	private static void forEachBulkCall(List<SimulatedRequest> requests, Consumer<MooncakeOperation> action) {
		for (SimulatedRequest request : requests) {
			action.accept(request.prefill().get(1));
			if (request.decode().size() > 1) {
				action.accept(request.decode().get(1));
			}
		}
	}

}
