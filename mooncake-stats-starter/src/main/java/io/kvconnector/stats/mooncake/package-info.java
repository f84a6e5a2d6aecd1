/**
 * vLLM's Mooncake store connector operation stats, reproduced bit for bit.
 */
@NullMarked
package io.kvconnector.stats.mooncake;

import org.jspecify.annotations.NullMarked;
