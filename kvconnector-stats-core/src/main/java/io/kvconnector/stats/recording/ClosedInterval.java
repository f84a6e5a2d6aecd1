package io.kvconnector.stats.recording;

import java.time.Instant;

/**
 * One engine's finished interval, as it was reduced when it closed. Immutable: a reader
 * never reduces it again and nothing it holds is reused for later intervals.
 *
 * @param engine the engine index
 * @param start when the interval began
 * @param end when it was closed
 * @param summary what its stats reduced to
 * @author kvconnector-stats
 */
public record ClosedInterval(int engine, Instant start, Instant end, IntervalSummary summary) {

}
