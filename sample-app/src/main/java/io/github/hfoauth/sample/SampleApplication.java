package io.github.hfoauth.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small app that signs users in with Hugging Face. Run it with nothing configured and it
 * signs in a mock user; set {@code hf.oauth.client-id} (or deploy it to a Space with
 * {@code hf_oauth: true}) and it signs in real Hugging Face users.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
