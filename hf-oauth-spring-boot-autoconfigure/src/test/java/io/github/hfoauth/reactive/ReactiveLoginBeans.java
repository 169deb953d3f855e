package io.github.hfoauth.reactive;

import java.util.List;
import java.util.Map;

import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.fake.FakeHuggingFace;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The beans the reactive Hugging Face login gives the API client, without the login: for
 * testing the client and its auto-configuration on their own.
 */
final class ReactiveLoginBeans {

	private ReactiveLoginBeans() {
	}

	/** What the reactive Hugging Face login declares for a configured client. */
	@Configuration(proxyBeanMethods = false)
	static class SignedIn {

		private final String provider;

		// Where the fake Hugging Face runs; nothing is asked of it unless a token is refreshed.
		SignedIn(@Value("${fake.url:http://127.0.0.1:9}") String provider) {
			this.provider = provider;
		}

		@Bean
		ReactiveClientRegistrationRepository registrations() {
			return new InMemoryReactiveClientRegistrationRepository(ClientRegistration.withRegistrationId("huggingface")
				.clientId(FakeHuggingFace.DEFAULT_CLIENT_ID)
				.clientSecret(FakeHuggingFace.DEFAULT_CLIENT_SECRET)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.authorizationUri(this.provider + "/oauth/authorize")
				.tokenUri(this.provider + "/oauth/token")
				.jwkSetUri(this.provider + "/oauth/jwks")
				.issuerUri(this.provider)
				.scope("openid", "profile")
				.build());
		}

		@Bean
		ServerOAuth2AuthorizedClientRepository authorizedClients() {
			return new WebSessionServerOAuth2AuthorizedClientRepository();
		}

		@Bean
		ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
				ServerOAuth2AuthorizedClientRepository authorizedClients) {
			DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
					registrations, authorizedClients);
			manager.setAuthorizedClientProvider(
					ReactiveOAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
			return manager;
		}

	}

	/**
	 * What the reactive login declares in mock mode: the client's beans, which the starter
	 * declares in every mode (Spring AOT freezes bean definitions), and the mock sign-in.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(SignedIn.class)
	static class MockMode {

		@Bean
		HfMockLogin hfMockLogin() {
			return new HfMockLogin(Map.of("sub", "mock", "preferred_username", "mock"), List.of("openid", "profile"),
					new HfOAuth2UserConverter());
		}

	}

}
