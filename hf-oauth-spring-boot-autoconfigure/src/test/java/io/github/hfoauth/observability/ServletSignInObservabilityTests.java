package io.github.hfoauth.observability;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator of a servlet app sees of sign-ins ({@link SignInObservabilityContract}).
 */
class ServletSignInObservabilityTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Nested
	@SpringBootTest(classes = SignInObservabilityContract.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class WithHuggingFace extends SignInObservabilityContract.WithHuggingFace {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry, fake);
		}

		@Override
		FakeHuggingFace fake() {
			return fake;
		}

	}

	@Nested
	@SpringBootTest(classes = SignInObservabilityContract.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class InMockMode extends SignInObservabilityContract.InMockMode {

	}

}
