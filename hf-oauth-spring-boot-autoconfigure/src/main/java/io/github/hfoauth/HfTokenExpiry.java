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
 * @param outageGrace how long after its token expired a session stays signed in while Hugging
 * Face cannot be reached to refresh it (down, 5xx, no answer), so that an outage signs nobody
 * out; after it, {@code endSession} applies. A refused refresh ({@code invalid_grant}) ends the
 * session at once.
 */
public record HfTokenExpiry(boolean endSession, boolean refresh, Duration outageGrace) {

	/** How long sessions outlive their token while Hugging Face is down, by default. */
	public static final Duration DEFAULT_OUTAGE_GRACE = Duration.ofMinutes(15);

	/**
	 * The policy with the default outage grace.
	 * @param endSession whether a session whose token expired stops being signed in
	 * @param refresh whether to renew the token with the refresh token first
	 */
	public HfTokenExpiry(boolean endSession, boolean refresh) {
		this(endSession, refresh, DEFAULT_OUTAGE_GRACE);
	}

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
	 * Whether a session whose refresh could not be made (Hugging Face unreachable) stays
	 * signed in for now.
	 * @param expired the access token that could not be refreshed
	 * @param now the time
	 * @return {@code true} within the outage grace after the token's expiry
	 */
	boolean outlivesOutage(OAuth2AccessToken expired, Instant now) {
		Instant expiresAt = expired.getExpiresAt();
		return expiresAt != null && now.isBefore(expiresAt.plus(this.outageGrace));
	}

	/**
	 * Whether a token counts as expired, as the servlet and the WebFlux check and the
	 * starter's refreshes all judge it.
	 * @param token the access token
	 * @param now the time
	 * @return {@code true} if it expires within the clock skew
	 */
	public static boolean hasExpired(OAuth2AccessToken token, Instant now) {
		Instant expiresAt = token.getExpiresAt();
		return expiresAt != null && !now.isBefore(expiresAt.minus(CLOCK_SKEW));
	}

}
