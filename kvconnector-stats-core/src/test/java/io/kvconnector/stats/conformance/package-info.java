/**
 * Test support for the conformance corpus produced by vLLM's own code.
 */
@NullMarked
package io.kvconnector.stats.conformance;

import org.jspecify.annotations.NullMarked;
