/**
 * Test support that reads the configuration metadata generated for a module.
 */
@NullMarked
package io.kvconnector.stats.metadata;

import org.jspecify.annotations.NullMarked;
