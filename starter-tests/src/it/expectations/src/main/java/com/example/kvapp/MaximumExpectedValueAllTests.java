package com.example.kvapp;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link StarterExpectations} with
 * {@code management.metrics.distribution.maximum-expected-value.all=10s}.
 *
 * @author kvconnector-stats
 */
@TestPropertySource(properties = "management.metrics.distribution.maximum-expected-value.all=10s")
class MaximumExpectedValueAllTests extends StarterExpectations {

}
