/**
 * Runtime recording of KV-connector stats: per-engine intervals, their rotation and the
 * interval log line.
 */
@NullMarked
package io.kvconnector.stats.recording;

import org.jspecify.annotations.NullMarked;
