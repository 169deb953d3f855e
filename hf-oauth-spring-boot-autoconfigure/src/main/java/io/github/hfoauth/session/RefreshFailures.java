package io.github.hfoauth.session;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.github.hfoauth.HfTokenRefreshEvent;
import io.github.hfoauth.LogText;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.client.RestClientResponseException;

/**
 * Tells a refresh Hugging Face refused (the refresh token is spent or revoked: the session is
 * over) from one it could not answer (down, 5xx, no answer: try again later), and keeps this
 * instance from trying again at every request while Hugging Face is down. Free of servlet and
 * reactive types: both web stacks decide the same way.
 */
final class RefreshFailures {

	// The refresh token or the client is refused: trying again with them cannot succeed.
	private static final Set<String> REFUSALS = Set.of(OAuth2ErrorCodes.INVALID_GRANT, OAuth2ErrorCodes.INVALID_CLIENT,
			OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);

	private final Duration retryAfterOutage;

	private final Clock clock;

	private volatile @Nullable Instant quietUntil;

	RefreshFailures(Duration retryAfterOutage, Clock clock) {
		this.retryAfterOutage = retryAfterOutage;
		this.clock = clock;
	}

	/**
	 * Whether a refresh failed for want of an answer from Hugging Face, rather than because it
	 * refused the refresh token. Only the OAuth2 errors that say the grant or the client is bad
	 * ({@code invalid_grant}, {@code invalid_client}, {@code unauthorized_client}), or a 400 or
	 * 401 answer, are refusals; anything else (no answer, 408, 429, 5xx, an unreadable answer)
	 * is an outage. Both web stacks decide here, so they decide the same way.
	 */
	static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException || cause instanceof TimeoutException) {
				return true;
			}
			if (cause instanceof RestClientResponseException answer) {
				int status = answer.getStatusCode().value();
				return status != 400 && status != 401;
			}
			if (cause instanceof OAuth2AuthorizationException oauth2
					&& REFUSALS.contains(oauth2.getError().getErrorCode())) {
				return false;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		// No answer, an answer that is no OAuth2 answer (an HTML 503 page), or an OAuth2 error
		// that is not about the grant (server_error, temporarily_unavailable, a 429's code).
		return true;
	}

	/**
	 * A failed refresh as one word of a fixed set, for {@link HfTokenRefreshEvent}:
	 * {@code provider_unavailable} for an outage, the OAuth2 error code of a refusal that says
	 * the grant or the client is bad, else {@code refused}.
	 */
	static String reason(Throwable failure) {
		if (isOutage(failure)) {
			return "provider_unavailable";
		}
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof OAuth2AuthorizationException oauth2
					&& REFUSALS.contains(oauth2.getError().getErrorCode())) {
				return oauth2.getError().getErrorCode();
			}
		}
		return "refused";
	}

	/** Whether a refresh should not even be tried now: Hugging Face failed a moment ago. */
	boolean isQuiet() {
		Instant until = this.quietUntil;
		return until != null && this.clock.instant().isBefore(until);
	}

	void outage(String user, Throwable failure, Log logger) {
		this.quietUntil = this.clock.instant().plus(this.retryAfterOutage);
		logger.warn("Could not refresh the Hugging Face token of " + LogText.clean(user) + ": Hugging Face did not answer ("
				+ failure.getClass().getSimpleName() + rootCause(failure) + "); sessions stay signed in for "
				+ "hf.oauth.token-expiry.outage-grace after their token expired, next refresh in "
				+ this.retryAfterOutage.toSeconds() + " s");
	}

	void answered() {
		this.quietUntil = null;
	}

	/**
	 * What callers of the authorized-client manager get when no refresh could be made now:
	 * {@code temporarily_unavailable}, so that the token expiry check keeps the session for
	 * the outage grace, and the API clients answer "try later" instead of "sign in again".
	 */
	static ClientAuthorizationException unavailable(String registrationId, String why, @Nullable Throwable cause) {
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE, why, null);
		return (cause != null) ? new ClientAuthorizationException(error, registrationId, cause)
				: new ClientAuthorizationException(error, registrationId);
	}

	/**
	 * The session's tokens are gone: another request of the session had its refresh refused,
	 * or the session ended. As Spring Security says when there are no tokens: sign in.
	 */
	static ClientAuthorizationException refusedElsewhere(String registrationId) {
		return new ClientAuthorizationRequiredException(registrationId);
	}

	private static String rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root != failure) ? ", " + root.getClass().getSimpleName() : "";
	}

}
