package io.kvconnector.stats.mooncake.actuate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Minimal application that the Mooncake starter's web integration tests run.
 *
 * @author kvconnector-stats
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class MooncakeTestApplication {

}
