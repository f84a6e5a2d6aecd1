/**
 * A small connector that exercises the shared recording, rotation, ingest and endpoint
 * machinery without either real connector.
 */
@NullMarked
package io.kvconnector.stats.testconnector;

import org.jspecify.annotations.NullMarked;
