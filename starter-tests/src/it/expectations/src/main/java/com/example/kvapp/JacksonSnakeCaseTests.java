package com.example.kvapp;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link StarterExpectations} with
 * {@code spring.jackson.property-naming-strategy=SNAKE_CASE}.
 *
 * @author kvconnector-stats
 */
@TestPropertySource(properties = "spring.jackson.property-naming-strategy=SNAKE_CASE")
class JacksonSnakeCaseTests extends StarterExpectations {

}
