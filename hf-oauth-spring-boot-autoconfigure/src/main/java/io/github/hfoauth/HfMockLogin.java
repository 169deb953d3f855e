package io.github.hfoauth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;

/**
 * Public only for wiring: the auto-configuration creates it, as a null bean (absent to
 * {@code ObjectProvider}) outside mock mode, which is decided when the application starts.
 * <p>
 * Local development without a Hugging Face account: starting the sign-in signs in a
 * configured mock user at once, with the same principal type, authorities and session
 * handling as a real sign-in, and no provider involved. The auto-configuration creates it
 * only outside a Space when no client is configured, and warns at startup and at every mock
 * sign-in; applications do not use it directly.
 */
public final class HfMockLogin {

	/** The issuer written into the mock user's ID token; reserved, so it can never resolve. */
	static final String MOCK_ISSUER = "https://hf-oauth-mock.invalid";

	private static final Log logger = LogFactory.getLog(HfMockLogin.class);

	private static final Duration ID_TOKEN_LIFETIME = Duration.ofHours(1);

	private final Map<String, Object> userInfoClaims;

	private final List<String> scopes;

	private final HfOAuth2UserConverter converter;

	private final boolean allowRemote;

	/**
	 * Creates the mock sign-in, answering loopback requests only.
	 * @param userInfoClaims the mock user, in the shape of Hugging Face's userinfo
	 * @param scopes the scopes the mock user is considered to have granted
	 * @param converter builds the principal, as for a real sign-in
	 */
	public HfMockLogin(Map<String, Object> userInfoClaims, List<String> scopes, HfOAuth2UserConverter converter) {
		this(userInfoClaims, scopes, converter, false);
	}

	/**
	 * Creates the mock sign-in.
	 * @param userInfoClaims the mock user, in the shape of Hugging Face's userinfo
	 * @param scopes the scopes the mock user is considered to have granted
	 * @param converter builds the principal, as for a real sign-in
	 * @param allowRemote whether requests from other addresses than loopback are answered
	 * ({@code hf.oauth.mock.allow-remote})
	 */
	public HfMockLogin(Map<String, Object> userInfoClaims, List<String> scopes, HfOAuth2UserConverter converter,
			boolean allowRemote) {
		this.userInfoClaims = Map.copyOf(userInfoClaims);
		this.scopes = List.copyOf(scopes);
		this.converter = converter;
		this.allowRemote = allowRemote;
	}

	boolean allowsRemote() {
		return this.allowRemote;
	}

	/**
	 * Signs in the mock user.
	 * @param authentication the request to sign in (its content plays no part)
	 * @return the mock user's authentication, as after a real sign-in
	 */
	public Authentication authenticate(@Nullable Authentication authentication) {
		HfOAuth2User user = mockUser();
		logger.warn("MOCK SIGN-IN: signed in the mock user '" + user.getUsername()
				+ "' without Hugging Face. Configure hf.oauth.client-id, or run in a Space, for real sign-in.");
		return new OAuth2AuthenticationToken(user, user.getAuthorities(), HfOAuth2Registration.REGISTRATION_ID);
	}

	/**
	 * Whether this signs in the given kind of request: the mock sign-in's own.
	 * @param authentication the request's type
	 * @return {@code true} for the mock sign-in's request
	 */
	public boolean supports(Class<?> authentication) {
		return MockLoginRequest.class.isAssignableFrom(authentication);
	}

	// Not itself an AuthenticationProvider: Spring Security looks those up by type, and this
	// bean is a null bean outside mock mode.
	AuthenticationProvider provider() {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				return HfMockLogin.this.authenticate(authentication);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return HfMockLogin.this.supports(authentication);
			}

		};
	}

	HfOAuth2User mockUser() {
		Instant now = Instant.now();
		OidcIdToken idToken = OidcIdToken.withTokenValue("mock-id-token")
			.claims((claims) -> claims.putAll(this.userInfoClaims))
			.issuer(MOCK_ISSUER)
			.audience(List.of("mock-client"))
			.issuedAt(now)
			.expiresAt(now.plus(ID_TOKEN_LIFETIME))
			.claim("auth_time", now)
			.build();
		return this.converter.convert(idToken, new OidcUserInfo(this.userInfoClaims), this.scopes);
	}

}
