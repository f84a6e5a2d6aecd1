package io.kvconnector.stats.recording;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One engine's current interval and its last closed one, read together with no rotation
 * in between, so that every sample shows in exactly one of them.
 *
 * @param engine the engine index
 * @param start when the current interval began
 * @param current what the current interval reduces to now
 * @param last the last closed interval, or {@code null} before the first rotation
 * @author kvconnector-stats
 */
public record EngineSnapshot(int engine, Instant start, IntervalSummary current, @Nullable ClosedInterval last) {

}
