/**
 * Suites of the contract every connector keeps, and the {@link ConnectorUnderTest} hook
 * through which each starter's small subclasses run them.
 */
@NullMarked
package io.kvconnector.stats.contract;

import org.jspecify.annotations.NullMarked;
