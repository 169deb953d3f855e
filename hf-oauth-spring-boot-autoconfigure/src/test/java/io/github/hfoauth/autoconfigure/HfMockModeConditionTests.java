package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.HfMockLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.failsWith;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When mock mode turns on: with nothing configured outside a Space, never inside one, never with a
 * client id.
 */
class HfMockModeConditionTests {

	private static FakeHuggingFace fake;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class));

	@BeforeAll
	static void startFakeHuggingFace() {
		fake = FakeHuggingFace.start();
	}

	@AfterAll
	static void stopFakeHuggingFace() {
		fake.close();
	}

	@Test
	void withNothingConfiguredOutsideASpaceTheMockUserSignsIn() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(HfMockLogin.class)
				.doesNotHaveBean(ClientRegistrationRepository.class)
				.hasSingleBean(SecurityFilterChain.class);
			// No generated password: the mock sign-in is the only way in.
			assertThat(context).doesNotHaveBean(UserDetailsService.class);
		});
	}

	@Test
	void mockModeNeverActivatesInsideASpace() {
		this.contextRunner.withPropertyValues("SPACE_ID=ada/demo", "SPACE_HOST=ada-demo.hf.space")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ada/demo")
				.hasMessageContaining("OAUTH_CLIENT_ID"));
	}

	@Test
	void aClientIdTurnsMockModeOff() {
		this.contextRunner.withPropertyValues(properties(fake))
			.run((context) -> assertThat(context).doesNotHaveBean(HfMockLogin.class)
				.hasSingleBean(ClientRegistrationRepository.class));
	}

	@Test
	void mockSwitchedOffWithoutAClientNamesTheProperties() {
		this.contextRunner.withPropertyValues("hf.oauth.mock.enabled=false")
			.run(failsWith("hf.oauth.mock.enabled=false", "hf.oauth.client-id"));
	}

}
