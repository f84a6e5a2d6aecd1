package io.kvconnector.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sample service that records simulated KV-connector traffic and shows it on a page at
 * {@code /}.
 *
 * @author kvconnector-stats
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
