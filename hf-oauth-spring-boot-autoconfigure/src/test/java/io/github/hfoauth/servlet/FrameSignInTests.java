package io.github.hfoauth.servlet;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The frame sign-in in a servlet app ({@link FrameSignInContract}).
 */
@SpringBootTest(classes = { DefaultChainLoginTests.App.class, FrameSignInContract.DoubleSlashesAllowed.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class FrameSignInTests extends FrameSignInContract {

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
