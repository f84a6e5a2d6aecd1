/**
 * Framework-free support for vLLM's KV-connector stats: the stats contract, the wire
 * format and the interval log line.
 */
@NullMarked
package io.kvconnector.stats;

import org.jspecify.annotations.NullMarked;
