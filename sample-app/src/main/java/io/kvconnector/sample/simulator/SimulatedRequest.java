package io.kvconnector.sample.simulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.kvconnector.stats.mooncake.MooncakeOperation;
import io.kvconnector.stats.nixl.NixlFailure;
import io.kvconnector.stats.nixl.NixlXferTelemetry;

/**
 * What one simulated request records, in order: prefill's store calls, the NIXL hand-off
 * (a transfer or a failure), then decode's store calls.
 *
 * @param promptTokens the prompt's length in tokens
 * @param blocks the prompt's KV blocks
 * @param cachedBlocks the blocks the store already held before the request (a shared
 * prefix)
 * @param prefill prefill's store calls: {@code save_exists}, then {@code save_put} of the
 * missing blocks
 * @param transfer the NIXL transfer of the prompt's KV to decode, or {@code null} when
 * the hand-off failed
 * @param failure the NIXL failure, or {@code null} when the transfer succeeded
 * @param decode decode's store calls: {@code lookup_exists}, then {@code load_get} of the
 * hits
 * @author kvconnector-stats
 */
record SimulatedRequest(int promptTokens, long blocks, long cachedBlocks, List<MooncakeOperation> prefill,
		@Nullable NixlXferTelemetry transfer, @Nullable NixlFailure failure, List<MooncakeOperation> decode) {

	SimulatedRequest {
		prefill = List.copyOf(prefill);
		decode = List.copyOf(decode);
	}

}
