package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfSignInMode;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.web.SecurityFilterChain;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.failsWith;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.space;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which {@link HfSignInMode} the app starts in: mock mode only when nothing configures a
 * client, never in a Space, never beside a client id or the app's own registrations; half a
 * client and Spring Boot's own {@code huggingface} registration are startup errors.
 */
class SignInModeTests {

	private static FakeHuggingFace fake;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				OAuth2ClientAutoConfiguration.class));

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
				.satisfies(ActiveBeans::inMockMode)
				.hasSingleBean(SecurityFilterChain.class)
				.getBean(HfSignInMode.class)
				.isEqualTo(HfSignInMode.MOCK);
			assertThat(context.getBean(ClientRegistrationRepository.class).findByRegistrationId("huggingface"))
				.isNull();
			// No generated password: the mock sign-in is the only way in.
			assertThat(context).doesNotHaveBean(UserDetailsService.class);
		});
	}

	@Test
	void aSpaceSignsInWithTheSpacesClient() {
		this.contextRunner.withPropertyValues(space(fake))
			.run((context) -> assertThat(context).satisfies(ActiveBeans::notInMockMode)
				.getBean(HfSignInMode.class)
				.isEqualTo(HfSignInMode.SPACE));
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
			.run((context) -> assertThat(context).satisfies(ActiveBeans::notInMockMode)
				.hasSingleBean(ClientRegistrationRepository.class)
				.getBean(HfSignInMode.class)
				.isEqualTo(HfSignInMode.PROPERTIES));
	}

	@Test
	void aClientSecretWithoutAClientIdIsAStartupErrorNamingTheClientId() {
		this.contextRunner.withPropertyValues("hf.oauth.client-secret=s3cret")
			.run(failsWith("hf.oauth.client-secret is set, but hf.oauth.client-id is not", "hf.oauth.client-id"));
	}

	@Test
	void aProviderUrlAndScopesWithoutAClientIdAreAStartupError() {
		this.contextRunner.withPropertyValues("hf.oauth.provider-url=" + fake.baseUrl(), "hf.oauth.scopes=openid")
			.run(failsWith("hf.oauth.scopes, hf.oauth.provider-url are set", "hf.oauth.client-id"));
	}

	@Test
	void springBootsOwnHuggingFaceRegistrationIsRefusedNamingTheStartersProperties() {
		this.contextRunner
			.withPropertyValues("spring.security.oauth2.client.registration.huggingface.client-id=boot-client",
					"spring.security.oauth2.client.registration.huggingface.client-secret=boot-secret",
					"spring.security.oauth2.client.provider.huggingface.issuer-uri=" + fake.baseUrl())
			.run(failsWith("spring.security.oauth2.client.registration.huggingface.* is set", "hf.oauth.client-id"));
	}

	@Test
	void theAppsOwnRegistrationsAreNeverBesideTheMockUser() {
		this.contextRunner.withUserConfiguration(OwnRegistrations.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.satisfies(ActiveBeans::notInMockMode)
				.getBean(HfSignInMode.class)
				.isEqualTo(HfSignInMode.PROPERTIES));
	}

	@Test
	void mockSwitchedOffWithoutAClientNamesTheProperties() {
		this.contextRunner.withPropertyValues("hf.oauth.mock.enabled=false")
			.run(failsWith("hf.oauth.mock.enabled=false", "hf.oauth.client-id"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrations {

		@Bean
		ClientRegistrationRepository ownRegistrations() {
			return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("github")
				.clientId("own")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.authorizationUri("https://github.example/authorize")
				.tokenUri("https://github.example/token")
				.build());
		}

	}

}
