package io.github.hfoauth;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What happens to a signed-in session when the user's Hugging Face access token expires
 * (8 hours by default, or the Space's {@code hf_oauth_expiration_minutes}). A token counts as
 * expired one minute early, as for Spring Security's refresh, so that it does not expire on
 * the way to Hugging Face. The auto-configuration creates this from
 * {@code hf.oauth.token-expiry.*}; declare a bean of this type to decide otherwise.
 *
 * @param endSession whether a session whose token expired stops being signed in, so that the
 * user signs in again (and returns to the page they asked for) rather than carry on with a
 * dead token
 * @param refresh whether to renew the token with the refresh token first, when Hugging Face
 * sent one
 */
public record HfTokenExpiry(boolean endSession, boolean refresh) {

	// RefreshTokenOAuth2AuthorizedClientProvider's default: both must agree on "expired".
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	/**
	 * Refresh when possible, otherwise end the session.
	 * @return the defaults
	 */
	public static HfTokenExpiry defaults() {
		return new HfTokenExpiry(true, true);
	}

	/**
	 * Whether a token counts as expired, as the servlet and the WebFlux check both judge it.
	 * @param token the access token
	 * @param now the time
	 * @return {@code true} if it expires within the clock skew
	 */
	static boolean hasExpired(OAuth2AccessToken token, Instant now) {
		Instant expiresAt = token.getExpiresAt();
		return expiresAt != null && !now.isBefore(expiresAt.minus(CLOCK_SKEW));
	}

}
