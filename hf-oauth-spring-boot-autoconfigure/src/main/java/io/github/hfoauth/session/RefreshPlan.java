package io.github.hfoauth.session;

import java.time.Instant;

import io.github.hfoauth.HfTokenExpiry;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/**
 * What a request does once it holds its session's refresh lock, from the tokens the session
 * holds now (read again: another request may have refreshed them while this one waited).
 * Free of servlet and reactive types.
 */
enum RefreshPlan {

	/** Another request refreshed them: use its tokens, spend nothing. */
	USE_LATEST,

	/** Still expired: this request refreshes, once, for everyone. */
	REFRESH,

	/** Gone: another request's refresh was refused, or the session ended. */
	SESSION_ENDED;

	static RefreshPlan of(@Nullable OAuth2AuthorizedClient latest, Instant now) {
		if (latest == null) {
			return SESSION_ENDED;
		}
		return HfTokenExpiry.hasExpired(latest.getAccessToken(), now) ? REFRESH : USE_LATEST;
	}

}
