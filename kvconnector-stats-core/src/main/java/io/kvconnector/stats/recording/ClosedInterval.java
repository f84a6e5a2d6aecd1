package io.kvconnector.stats.recording;

import java.time.Instant;

import io.kvconnector.stats.KvConnectorStats;

/**
 * The stats of one engine over one finished interval.
 *
 * @param <S> the stats type
 * @param engine the engine index
 * @param start when the interval began
 * @param end when it was closed
 * @param stats the samples recorded in it
 * @author kvconnector-stats
 */
public record ClosedInterval<S extends KvConnectorStats<S>>(int engine, Instant start, Instant end, S stats) {

}
