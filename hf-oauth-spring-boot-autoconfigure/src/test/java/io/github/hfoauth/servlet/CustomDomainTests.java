package io.github.hfoauth.servlet;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Space's custom domain in a servlet app ({@link CustomDomainContract}).
 */
@SpringBootTest(classes = DefaultChainLoginTests.App.class, webEnvironment = WebEnvironment.DEFINED_PORT)
class CustomDomainTests extends CustomDomainContract {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	static final int PORT = FakeHuggingFace.freePort();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		space(registry, fake, "server.servlet.context-path", PORT);
	}

	@Override
	protected FakeHuggingFace fake() {
		return fake;
	}

}
