/**
 * Micrometer meters of the Mooncake store connector, under vLLM's names.
 */
@NullMarked
package io.kvconnector.stats.mooncake.metrics;

import org.jspecify.annotations.NullMarked;
