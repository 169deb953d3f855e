package io.github.hfoauth.reactive;

import io.github.hfoauth.servlet.FrameSignInContract;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The frame sign-in in a WebFlux app ({@link FrameSignInContract}).
 */
@SpringBootTest(classes = { ReactiveApp.class, FrameSignInContract.DoubleSlashesAllowed.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = ReactiveApp.REACTIVE)
class ReactiveFrameSignInTests extends FrameSignInContract {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		space(registry, fake);
	}

}
