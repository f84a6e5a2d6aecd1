/**
 * Simulated prefill/decode traffic that the sample records through the starters' public
 * recorder API.
 */
@NullMarked
package io.kvconnector.sample.simulator;

import org.jspecify.annotations.NullMarked;
