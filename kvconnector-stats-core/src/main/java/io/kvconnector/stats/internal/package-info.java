/**
 * Storage and wire-format internals shared by the connector modules; not API, may change
 * in any release.
 */
@NullMarked
package io.kvconnector.stats.internal;

import org.jspecify.annotations.NullMarked;
