/**
 * Bit-exact reproductions of the numpy 2.x and CPython 3.11 numerics that the stats use.
 */
@NullMarked
package io.kvconnector.stats.numeric;

import org.jspecify.annotations.NullMarked;
