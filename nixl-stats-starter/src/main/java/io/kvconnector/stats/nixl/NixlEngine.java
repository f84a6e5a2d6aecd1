package io.kvconnector.stats.nixl;

import java.time.Clock;

import io.kvconnector.stats.metrics.EngineMeters;
import io.kvconnector.stats.nixl.metrics.NixlEngineMeters;
import io.kvconnector.stats.nixl.metrics.NixlMetrics;
import io.kvconnector.stats.recording.EngineInterval;
import io.kvconnector.stats.recording.IntervalSummary;
import io.kvconnector.stats.recording.KvConnectorEngine;
import io.kvconnector.stats.recording.SampleRejections;

/**
 * One NIXL engine: its interval, whose bounded stats report drops to the engine's
 * dropped-samples counter, and its meters in every bound registry.
 *
 * @author kvconnector-stats
 */
final class NixlEngine extends KvConnectorEngine<NixlKvConnectorStats> {

	private final EngineMeters<NixlEngineMeters> meters;

	NixlEngine(int engine, int maxTransfers, NixlMetrics metrics, SampleRejections rejections, Clock clock) {
		super(new EngineInterval<>(engine,
				new NixlKvConnectorStats(metrics.schema(), maxTransfers, metrics.health().droppedBy(engine)), clock,
				NixlEngine::summarize), rejections);
		this.meters = metrics.engine(engine);
	}

	private static IntervalSummary summarize(NixlKvConnectorStats stats) {
		return stats.summarize();
	}

	void recordTransfer(double transferSeconds, double postSeconds, long bytes, long descriptors) {
		if (accept(current().recordTransferSeconds(transferSeconds, postSeconds, bytes, descriptors))) {
			for (NixlEngineMeters meters : this.meters.bound()) {
				meters.accept(transferSeconds, postSeconds, bytes, descriptors);
			}
		}
	}

	void recordFailure(NixlFailure failure) {
		current().recordFailure(failure);
		for (NixlEngineMeters meters : this.meters.bound()) {
			meters.recordFailure(failure);
		}
	}

	@Override
	protected void add(NixlKvConnectorStats incoming) {
		current().aggregateUnshared(incoming);
	}

	@Override
	protected void observe(NixlKvConnectorStats incoming) {
		for (NixlEngineMeters meters : this.meters.bound()) {
			incoming.forEachUnsharedTransfer(meters);
			meters.observeFailures(incoming);
		}
	}

}
