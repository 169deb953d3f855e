package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfAuthorizationRequestResolver;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.session.HfSessionAuthorizedClientRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet auto-configuration itself: each bean backs off for the application's own, and nothing
 * is configured where it does not apply.
 */
class HfOAuthAutoConfigurationTests {

	private static FakeHuggingFace fake;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class));

	@BeforeAll
	static void startFakeHuggingFace() {
		fake = FakeHuggingFace.start();
	}

	@AfterAll
	static void stopFakeHuggingFace() {
		fake.close();
	}

	@Test
	void theApplicationsAuthorizationRequestResolverWins() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withBean(OAuth2AuthorizationRequestResolver.class, () -> org.mockito.Mockito.mock(OAuth2AuthorizationRequestResolver.class))
			.run((context) -> assertThat(context).hasSingleBean(OAuth2AuthorizationRequestResolver.class)
				.doesNotHaveBean(HfAuthorizationRequestResolver.class));
		this.contextRunner.withPropertyValues(properties(fake))
			.run((context) -> assertThat(context).hasSingleBean(HfAuthorizationRequestResolver.class));
	}

	@Test
	void theApplicationsSecurityFilterChainWins() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withUserConfiguration(OwnChain.class)
			.run((context) -> assertThat(context).hasSingleBean(SecurityFilterChain.class)
				.hasBean("ownChain")
				.doesNotHaveBean("hfOAuthSecurityFilterChain"));
	}

	@Test
	void theApplicationsClientRegistrationRepositoryWins() {
		this.contextRunner.withUserConfiguration(OwnRegistrations.class).run((context) -> {
			assertThat(context).hasSingleBean(ClientRegistrationRepository.class)
				.satisfies(ActiveBeans::notInMockMode)
				.doesNotHaveBean(HfClientRegistrationRepository.class);
			assertThat(context.getBean(ClientRegistrationRepository.class))
				.isInstanceOf(InMemoryClientRegistrationRepository.class);
		});
	}

	@Test
	void theApplicationsOidcUserServiceWins() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withUserConfiguration(OwnOidcUserService.class)
			.run((context) -> assertThat(context).hasSingleBean(OidcUserService.class)
				.hasBean("ownOidcUserService")
				.doesNotHaveBean("hfOidcUserService"));
	}

	@Test
	void aPlainOAuth2UserServiceDoesNotReplaceTheOidcOne() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withUserConfiguration(OwnPlainUserService.class)
			.run((context) -> assertThat(context).hasBean("hfOidcUserService"));
	}

	@Test
	void theApplicationsAuthorizedClientRepositoryWins() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withUserConfiguration(OwnAuthorizedClients.class)
			.run((context) -> assertThat(context).hasSingleBean(OAuth2AuthorizedClientRepository.class)
				.hasBean("ownAuthorizedClients"));
	}

	@Test
	void authorizedClientsLiveInTheSession() {
		this.contextRunner.withPropertyValues(properties(fake))
			.run((context) -> assertThat(context.getBean(OAuth2AuthorizedClientRepository.class))
				.isInstanceOf(HfSessionAuthorizedClientRepository.class));
	}

	@Test
	void nothingHappensInANonWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HfOAuthProperties.class)
				.doesNotHaveBean(HfMockLogin.class));
	}

	@Test
	void nothingHappensWithoutSpringSecuritysOAuth2Client() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientRegistration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HfOAuthProperties.class)
				.doesNotHaveBean(HfMockLogin.class));
	}

	@Test
	void nothingHappensWithoutSpringSecuritysJose() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security.oauth2.jwt"))
			.run((context) -> assertThat(context).doesNotHaveBean(HfOAuthProperties.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrations {

		@Bean
		ClientRegistrationRepository ownRegistrations() {
			return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("huggingface")
				.clientId("own")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.authorizationUri("https://idp.example/authorize")
				.tokenUri("https://idp.example/token")
				.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnOidcUserService {

		@Bean
		OAuth2UserService<OidcUserRequest, OidcUser> ownOidcUserService() {
			return new OidcUserService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPlainUserService {

		@Bean
		OAuth2UserService<OAuth2UserRequest, OAuth2User> ownPlainUserService() {
			return new DefaultOAuth2UserService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAuthorizedClients {

		@Bean
		OAuth2AuthorizedClientRepository ownAuthorizedClients() {
			return new HttpSessionOAuth2AuthorizedClientRepository();
		}

	}

}
