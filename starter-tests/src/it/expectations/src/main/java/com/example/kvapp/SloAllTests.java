package com.example.kvapp;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link StarterExpectations} with
 * {@code management.metrics.distribution.slo.all=7ms,3s}.
 *
 * @author kvconnector-stats
 */
@TestPropertySource(properties = "management.metrics.distribution.slo.all=7ms,3s")
class SloAllTests extends StarterExpectations {

}
