package io.github.hfoauth;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Keeps a session from looking signed in with a dead Hugging Face token (gradio #6768): when
 * the access token has expired, it is refreshed if possible; otherwise the session stops
 * being signed in, so the request continues as anonymous, and a protected page sends the user
 * through sign-in and back.
 */
final class HfTokenExpiryFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(HfTokenExpiryFilter.class);

	private final HfTokenExpiry policy;

	private final OAuth2AuthorizedClientRepository authorizedClients;

	private final @Nullable OAuth2AuthorizedClientManager refresher;

	private final SecurityContextHolderStrategy securityContextHolderStrategy;

	private final SecurityContextRepository securityContextRepository;

	private final Clock clock;

	private @Nullable SessionRegistry sessions;

	HfTokenExpiryFilter(HfTokenExpiry policy, OAuth2AuthorizedClientRepository authorizedClients,
			@Nullable OAuth2AuthorizedClientManager refresher, SecurityContextHolderStrategy securityContextHolderStrategy,
			SecurityContextRepository securityContextRepository, Clock clock) {
		this.policy = policy;
		this.authorizedClients = authorizedClients;
		this.refresher = policy.refresh() ? refresher : null;
		this.securityContextHolderStrategy = securityContextHolderStrategy;
		this.securityContextRepository = securityContextRepository;
		this.clock = clock;
	}

	/**
	 * Forgets a session this filter signs out in the registry of signed-in sessions: the session
	 * itself lives on, signed out, so no container event would tell the registry.
	 * @param sessions the registry
	 */
	void forgetSignOutsIn(SessionRegistry sessions) {
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.securityContextHolderStrategy.getContext().getAuthentication();
		if (authentication instanceof OAuth2AuthenticationToken signIn
				&& HfOAuth2Registration.REGISTRATION_ID.equals(signIn.getAuthorizedClientRegistrationId())) {
			HttpSession session = request.getSession(false);
			if (session == null) {
				check(signIn, request, response);
			}
			else {
				// A page and its scripts arrive together: one refresh per session. The manager
				// locks by session id (instances, Spring Session); this also holds for an app's own.
				synchronized (WebUtils.getSessionMutex(session)) {
					check(signIn, request, response);
				}
			}
		}
		chain.doFilter(request, response);
	}

	private void check(OAuth2AuthenticationToken signIn, HttpServletRequest request, HttpServletResponse response) {
		OAuth2AuthorizedClient client = this.authorizedClients.loadAuthorizedClient(HfOAuth2Registration.REGISTRATION_ID, signIn, request);
		// No client: a mock user, or an app that keeps tokens elsewhere; nothing to judge.
		if (client == null || !expired(client.getAccessToken())) {
			return;
		}
		RefreshResult result = refresh(client, signIn, request, response);
		if (!result.keepsSession(this.policy, client.getAccessToken(), this.clock.instant())) {
			endSession(signIn, request, response, result != RefreshResult.ENDED_ELSEWHERE);
		}
	}

	private RefreshResult refresh(OAuth2AuthorizedClient client, Authentication signIn, HttpServletRequest request,
			HttpServletResponse response) {
		if (this.refresher == null || client.getRefreshToken() == null) {
			return RefreshResult.NOT_REFRESHED;
		}
		try {
			return RefreshResult.of(this.refresher.authorize(OAuth2AuthorizeRequest.withAuthorizedClient(client)
				.principal(signIn)
				.attribute(HttpServletRequest.class.getName(), request)
				.attribute(HttpServletResponse.class.getName(), response)
				.build()), this.clock.instant());
		}
		// Other failures (the session store down) are not the sign-in's: they go on to their own answer.
		catch (OAuth2AuthorizationException ex) {
			return RefreshResult.failed(signIn.getName(), ex, logger);
		}
	}

	private void endSession(OAuth2AuthenticationToken signIn, HttpServletRequest request, HttpServletResponse response,
			boolean log) {
		if (!this.policy.endSession()) {
			return;
		}
		if (log) {
			logger.info("Signed out " + LogText.clean(signIn.getName()) + ": their Hugging Face access token expired");
		}
		this.authorizedClients.removeAuthorizedClient(HfOAuth2Registration.REGISTRATION_ID, signIn, request, response);
		this.securityContextHolderStrategy.clearContext();
		this.securityContextRepository.saveContext(this.securityContextHolderStrategy.createEmptyContext(), request,
				response);
		HttpSession session = request.getSession(false);
		if (this.sessions != null && session != null) {
			this.sessions.removeSessionInformation(session.getId());
		}
	}

	private boolean expired(OAuth2AccessToken token) {
		return HfTokenExpiry.hasExpired(token, this.clock.instant());
	}

}
