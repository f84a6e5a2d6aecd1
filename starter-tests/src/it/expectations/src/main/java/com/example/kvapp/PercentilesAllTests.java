package com.example.kvapp;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link StarterExpectations} with
 * {@code management.metrics.distribution.percentiles.all=0.5,0.99}.
 *
 * @author kvconnector-stats
 */
@TestPropertySource(properties = "management.metrics.distribution.percentiles.all=0.5,0.99")
class PercentilesAllTests extends StarterExpectations {

}
