/**
 * Auto-configuration of the NIXL connector's stats.
 */
@NullMarked
package io.kvconnector.stats.nixl.autoconfigure;

import org.jspecify.annotations.NullMarked;
