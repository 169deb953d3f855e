package io.github.hfoauth.session;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

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

	// Spring Security's code for a token response it could not read or did not get.
	private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private final Duration retryAfterOutage;

	private final Clock clock;

	private volatile @Nullable Instant quietUntil;

	RefreshFailures(Duration retryAfterOutage, Clock clock) {
		this.retryAfterOutage = retryAfterOutage;
		this.clock = clock;
	}

	/**
	 * Whether a refresh failed for want of an answer from Hugging Face, rather than because it
	 * refused the refresh token. Only an OAuth2 error Hugging Face sent (such as
	 * {@code invalid_grant}), or a 4xx answer, is a refusal.
	 */
	static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException || cause instanceof TimeoutException) {
				return true;
			}
			if (cause instanceof RestClientResponseException answer) {
				return answer.getStatusCode().is5xxServerError();
			}
			if (cause instanceof OAuth2AuthorizationException oauth2) {
				String code = oauth2.getError().getErrorCode();
				if (OAuth2ErrorCodes.SERVER_ERROR.equals(code) || OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE.equals(code)) {
					return true;
				}
				if (!INVALID_TOKEN_RESPONSE.equals(code)) {
					return false;
				}
			}
		}
		// An answer that is no OAuth2 answer (an HTML 503 page), or no OAuth2 error at all.
		return true;
	}

	/** Whether a refresh should not even be tried now: Hugging Face failed a moment ago. */
	boolean isQuiet() {
		Instant until = this.quietUntil;
		return until != null && this.clock.instant().isBefore(until);
	}

	void outage(String user, Throwable failure, Log logger) {
		this.quietUntil = this.clock.instant().plus(this.retryAfterOutage);
		logger.warn("Could not refresh the Hugging Face token of " + user + ": Hugging Face did not answer ("
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
