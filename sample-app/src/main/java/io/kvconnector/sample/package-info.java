/**
 * Runnable sample service for the KV-connector stats starters.
 */
@NullMarked
package io.kvconnector.sample;

import org.jspecify.annotations.NullMarked;
