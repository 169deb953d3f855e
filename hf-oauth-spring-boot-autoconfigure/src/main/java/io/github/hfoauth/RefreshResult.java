package io.github.hfoauth;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * How the refresh of an expired token went, and whether the session stays signed in: the
 * decision of both token expiry checks, free of servlet and reactive types.
 */
enum RefreshResult {

	/** A token good for a while: carry on. */
	REFRESHED,

	/** Hugging Face could not be asked now (down, or busy with this session): keep the session for the outage grace. */
	POSTPONED,

	/** Refused, or nothing to refresh with: the expiry policy applies. */
	NOT_REFRESHED,

	/** Another request of the session had its refresh refused and said so: the policy applies, quietly. */
	ENDED_ELSEWHERE;

	private static final String CLIENT_AUTHORIZATION_REQUIRED = "client_authorization_required";

	static RefreshResult of(@Nullable OAuth2AuthorizedClient refreshed, Instant now) {
		return (refreshed != null && !HfTokenExpiry.hasExpired(refreshed.getAccessToken(), now)) ? REFRESHED
				: NOT_REFRESHED;
	}

	// The starter's manager says temporarily_unavailable when Hugging Face did not answer, and
	// client_authorization_required when another request's refresh was refused.
	static RefreshResult failed(String user, OAuth2AuthorizationException failure, Log logger) {
		String code = failure.getError().getErrorCode();
		if (OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE.equals(code)) {
			return POSTPONED;
		}
		if (CLIENT_AUTHORIZATION_REQUIRED.equals(code)) {
			return ENDED_ELSEWHERE;
		}
		// Both are Hugging Face's words (the user's name is its subject): one log line whatever they hold.
		logger.info("Hugging Face refused to refresh the token of " + LogText.clean(user) + " ("
				+ LogText.clean(String.valueOf(code)) + ")");
		return NOT_REFRESHED;
	}

	boolean keepsSession(HfTokenExpiry policy, OAuth2AccessToken expired, Instant now) {
		return switch (this) {
			case REFRESHED -> true;
			case POSTPONED -> policy.outlivesOutage(expired, now);
			case NOT_REFRESHED, ENDED_ELSEWHERE -> false;
		};
	}

}
