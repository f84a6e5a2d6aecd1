package com.example.kvapp;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link StarterExpectations} with
 * {@code management.metrics.distribution.minimum-expected-value.all=1ms}.
 *
 * @author kvconnector-stats
 */
@TestPropertySource(properties = "management.metrics.distribution.minimum-expected-value.all=1ms")
class MinimumExpectedValueAllTests extends StarterExpectations {

}
