package com.example.kvapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A service that records KV-connector stats through the kvconnector starters.
 *
 * @author kvconnector-stats
 */
@SpringBootApplication
public class KvApplication {

	public static void main(String[] args) {
		SpringApplication.run(KvApplication.class, args);
	}

}
