/**
 * Auto-configuration of the Mooncake store connector's stats.
 */
@NullMarked
package io.kvconnector.stats.mooncake.autoconfigure;

import org.jspecify.annotations.NullMarked;
