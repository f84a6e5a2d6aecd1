/**
 * JMH benchmarks of recording and reduce, each against a baseline measured in the same
 * run.
 */
@NullMarked
package io.kvconnector.benchmarks;

import org.jspecify.annotations.NullMarked;
