package io.github.hfoauth.autoconfigure;

import java.util.Map;

import io.github.hfoauth.LogText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizationSuccessHandler;

/**
 * Renews the signed-in user after a refresh, but never at the cost of the new tokens: the
 * renewal runs after Hugging Face already spent the old refresh token, so if userinfo or the
 * ID token's keys fail (5xx, timeout), the old user stays and the new tokens are still saved.
 */
final class HfBestEffortUserRefresh implements ReactiveOAuth2AuthorizationSuccessHandler {

	private static final Log logger = LogFactory.getLog(HfBestEffortUserRefresh.class);

	private final ReactiveOAuth2AuthorizationSuccessHandler refreshUser;

	HfBestEffortUserRefresh(ReactiveOAuth2AuthorizationSuccessHandler refreshUser) {
		this.refreshUser = refreshUser;
	}

	@Override
	public Mono<Void> onAuthorizationSuccess(OAuth2AuthorizedClient authorizedClient, Authentication principal,
			Map<String, Object> attributes) {
		return this.refreshUser.onAuthorizationSuccess(authorizedClient, principal, attributes).onErrorResume((ex) -> {
			logger.warn("Refreshed the Hugging Face token of " + LogText.clean(principal.getName()) + " but could not renew the user ("
					+ ex.getClass().getSimpleName() + "); the user stays as signed in until the next refresh");
			return Mono.empty();
		});
	}

}
