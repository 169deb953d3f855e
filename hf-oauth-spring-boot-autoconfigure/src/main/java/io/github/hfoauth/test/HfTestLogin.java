package io.github.hfoauth.test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOAuth2UserBuilder;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfOrganizationRole;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What the MockMvc and the WebTestClient sign-ins share: the fluent description of the
 * user, and how it becomes the authentication a real sign-in would give, built by the
 * application's {@code HfOAuth2UserConverter} when it has one.
 *
 * @param <S> the sign-in type, so that the fluent methods return it
 */
abstract class HfTestLogin<S extends HfTestLogin<S>> {

	private final HfOAuth2UserBuilder user;

	private @Nullable String token;

	HfTestLogin(String username) {
		this.user = HfOAuth2User.builder(username);
	}

	/**
	 * The user's display name (by default the handle).
	 * @param name the display name
	 * @return this sign-in
	 */
	public S name(String name) {
		return user((user) -> user.name(name));
	}

	/**
	 * The user's email address, marked verified (by default none).
	 * @param email the address
	 * @return this sign-in
	 */
	public S email(String email) {
		return user((user) -> user.email(email));
	}

	/**
	 * Whether the user is a Pro subscriber (by default not).
	 * @param pro {@code true} for Pro
	 * @return this sign-in
	 */
	public S pro(boolean pro) {
		return user((user) -> user.pro(pro));
	}

	/**
	 * The scopes the sign-in granted, replacing {@code openid profile}.
	 * @param scopes the granted scopes
	 * @return this sign-in
	 */
	public S scopes(String... scopes) {
		return user((user) -> user.scopes(scopes));
	}

	/**
	 * Authorities to add to those a sign-in gives.
	 * @param authorities the authority names
	 * @return this sign-in
	 */
	public S authorities(String... authorities) {
		return user((user) -> user.authorities(authorities));
	}

	/**
	 * Adds a membership.
	 * @param handle the organization's handle
	 * @param role the user's role there
	 * @return this sign-in
	 */
	public S organization(String handle, HfOrganizationRole role) {
		return user((user) -> user.organization(handle, role));
	}

	/**
	 * Further details of the user, on the builder a sign-in would use:
	 * {@code hfLogin("alice").user((user) -> user.pro(true).email("a@b.c"))}.
	 * @param details what to set
	 * @return this sign-in
	 */
	@SuppressWarnings("unchecked")
	public S user(Consumer<HfOAuth2UserBuilder> details) {
		details.accept(this.user);
		return (S) this;
	}

	/**
	 * The Hugging Face access token the user holds, so that the app's {@code HfApiClient},
	 * {@code HfReactiveApiClient} and {@code @HttpExchange} interfaces of the group
	 * {@code huggingface} call with it ({@code hf.api.hub-url} pointing at a stub server such
	 * as WireMock). By default the user holds none: calls answer {@code SIGN_IN_AGAIN}, or
	 * in mock mode use the mock token, if any.
	 * @param token the access token, such as {@code hf_test}
	 * @return this sign-in
	 */
	@SuppressWarnings("unchecked")
	public S token(String token) {
		this.token = token;
		return (S) this;
	}

	/**
	 * The authentication of the described user.
	 * @param beans the application's beans, if the test has them
	 * @return the authentication
	 */
	OAuth2AuthenticationToken authentication(@Nullable BeanFactory beans) {
		return signedIn(this.user.build(converter(beans)), this.token);
	}

	static HfOAuth2UserConverter converter(@Nullable BeanFactory beans) {
		return (beans != null) ? beans.getBeanProvider(HfOAuth2UserConverter.class).getIfAvailable(HfOAuth2UserConverter::new)
				: new HfOAuth2UserConverter();
	}

	/** As a Hugging Face sign-in leaves it, holding the token the test gave, if any. */
	static OAuth2AuthenticationToken signedIn(HfOAuth2User user, @Nullable String token) {
		if (token == null || token.isEmpty()) {
			return new OAuth2AuthenticationToken(user, user.getAuthorities(), HfOAuth2Registration.REGISTRATION_ID);
		}
		return new TokenHoldingSignIn(user, token);
	}

	/**
	 * A sign-in whose credentials are its access token, where the API clients look for a
	 * test's token first; a real sign-in keeps its tokens in the authorized-client repository.
	 */
	// Serializable only by inheritance: a test's authentication, never stored by the starter.
	@SuppressWarnings("serial")
	private static final class TokenHoldingSignIn extends OAuth2AuthenticationToken {

		// Far from expiring, so that no test ever meets a refresh.
		private static final Duration LIFETIME = Duration.ofDays(1);

		private final OAuth2AccessToken token;

		TokenHoldingSignIn(HfOAuth2User user, String token) {
			super(user, user.getAuthorities(), HfOAuth2Registration.REGISTRATION_ID);
			Instant now = Instant.now();
			this.token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, now, now.plus(LIFETIME));
		}

		@Override
		public Object getCredentials() {
			return this.token;
		}

	}

}
