package io.github.hfoauth.reactive;

import io.github.hfoauth.servlet.CustomDomainContract;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Space's custom domain in a WebFlux app ({@link CustomDomainContract}).
 */
@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = ReactiveApp.REACTIVE)
class ReactiveCustomDomainTests extends CustomDomainContract {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	static final int PORT = FakeHuggingFace.freePort();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		space(registry, fake, "spring.webflux.base-path", PORT);
	}

	@Override
	protected FakeHuggingFace fake() {
		return fake;
	}

}
