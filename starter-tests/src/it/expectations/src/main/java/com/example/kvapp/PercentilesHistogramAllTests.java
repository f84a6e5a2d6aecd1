package com.example.kvapp;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link StarterExpectations} with
 * {@code management.metrics.distribution.percentiles-histogram.all=true}.
 *
 * @author kvconnector-stats
 */
@TestPropertySource(properties = "management.metrics.distribution.percentiles-histogram.all=true")
class PercentilesHistogramAllTests extends StarterExpectations {

}
