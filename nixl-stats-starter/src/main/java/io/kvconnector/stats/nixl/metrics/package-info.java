/**
 * Micrometer meters of the NIXL connector, under vLLM's names.
 */
@NullMarked
package io.kvconnector.stats.nixl.metrics;

import org.jspecify.annotations.NullMarked;
