/**
 * Auto-configuration shared by the KV-connector stats starters.
 */
@NullMarked
package io.kvconnector.stats.autoconfigure;

import org.jspecify.annotations.NullMarked;
