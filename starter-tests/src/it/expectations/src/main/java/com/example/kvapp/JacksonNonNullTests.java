package com.example.kvapp;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link StarterExpectations} with
 * {@code spring.jackson.default-property-inclusion=non_null}.
 *
 * @author kvconnector-stats
 */
@TestPropertySource(properties = "spring.jackson.default-property-inclusion=non_null")
class JacksonNonNullTests extends StarterExpectations {

}
