package io.github.hfoauth.bench.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmark's baseline: Sign in with Hugging Face configured by hand with Spring
 * Security's OAuth2 login ({@code spring.security.oauth2.client.*}, an issuer URI, and a user
 * service that reads the organizations), the pages and {@code /api/me} of the sample app.
 */
@SpringBootApplication
public class BaselineApplication {

	public static void main(String[] args) {
		SpringApplication.run(BaselineApplication.class, args);
	}

}
