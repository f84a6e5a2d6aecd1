/**
 * vLLM's NIXL KV-connector transfer stats, reproduced bit for bit.
 */
@NullMarked
package io.kvconnector.stats.nixl;

import org.jspecify.annotations.NullMarked;
