/**
 * Micrometer support shared by the connectors' meter binders.
 */
@NullMarked
package io.kvconnector.stats.metrics;

import org.jspecify.annotations.NullMarked;
