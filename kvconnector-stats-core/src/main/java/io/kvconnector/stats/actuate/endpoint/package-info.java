/**
 * The {@code kvconnector} actuator endpoint.
 */
@NullMarked
package io.kvconnector.stats.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
