package io.kvconnector.stats.nixl.actuate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Minimal application that the NIXL starter's web integration tests run.
 *
 * @author kvconnector-stats
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class NixlTestApplication {

}
