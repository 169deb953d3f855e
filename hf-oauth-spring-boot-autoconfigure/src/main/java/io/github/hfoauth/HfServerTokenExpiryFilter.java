package io.github.hfoauth;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux twin of {@link HfTokenExpiryFilter}: when the access token of a Hugging Face
 * sign-in has expired, it is refreshed if possible; otherwise the session stops being signed
 * in, the rest of the request runs without the user, and a protected page sends them through
 * sign-in and back.
 */
final class HfServerTokenExpiryFilter implements WebFilter {

	private static final Log logger = LogFactory.getLog(HfServerTokenExpiryFilter.class);

	private final HfTokenExpiry policy;

	private final ServerOAuth2AuthorizedClientRepository authorizedClients;

	private final @Nullable ReactiveOAuth2AuthorizedClientManager refresher;

	private final ServerSecurityContextRepository securityContextRepository;

	private final Clock clock;

	HfServerTokenExpiryFilter(HfTokenExpiry policy, ServerOAuth2AuthorizedClientRepository authorizedClients,
			@Nullable ReactiveOAuth2AuthorizedClientManager refresher,
			ServerSecurityContextRepository securityContextRepository, Clock clock) {
		this.policy = policy;
		this.authorizedClients = authorizedClients;
		this.refresher = policy.refresh() ? refresher : null;
		this.securityContextRepository = securityContextRepository;
		this.clock = clock;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.filter((context) -> context.getAuthentication() instanceof OAuth2AuthenticationToken signIn
					&& HfOAuth2Registration.REGISTRATION_ID.equals(signIn.getAuthorizedClientRegistrationId()))
			.flatMap((context) -> endedSession((OAuth2AuthenticationToken) context.getAuthentication(), exchange)
				.defaultIfEmpty(false)
				// Kept, the rest of this request sees the user it started with: the session is read
				// again downstream, and another request may sign it out meanwhile.
				.map((ended) -> ended ? ReactiveSecurityContextHolder.clearContext() : pinned(context)))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((pinned) -> pinned.isPresent() ? chain.filter(exchange).contextWrite(pinned.get())
					: chain.filter(exchange));
	}

	private static Function<Context, Context> pinned(SecurityContext context) {
		return (reactorContext) -> reactorContext
			.putAll(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context)).readOnly());
	}

	// Emits true when the session stopped being signed in, empty otherwise.
	private Mono<Boolean> endedSession(OAuth2AuthenticationToken signIn, ServerWebExchange exchange) {
		return this.authorizedClients
			.<OAuth2AuthorizedClient>loadAuthorizedClient(HfOAuth2Registration.REGISTRATION_ID, signIn, exchange)
			// No client: a mock user, or an app that keeps tokens elsewhere; nothing to judge.
			.filter((client) -> HfTokenExpiry.hasExpired(client.getAccessToken(), this.clock.instant()))
			.flatMap((client) -> refresh(client, signIn, exchange)
				.filter((result) -> !result.keepsSession(this.policy, client.getAccessToken(), this.clock.instant()))
				.flatMap((result) -> endSession(signIn, exchange, result != RefreshResult.ENDED_ELSEWHERE)));
	}

	private Mono<RefreshResult> refresh(OAuth2AuthorizedClient client, OAuth2AuthenticationToken signIn,
			ServerWebExchange exchange) {
		if (this.refresher == null || client.getRefreshToken() == null) {
			return Mono.just(RefreshResult.NOT_REFRESHED);
		}
		return this.refresher
			.authorize(OAuth2AuthorizeRequest.withAuthorizedClient(client)
				.principal(signIn)
				.attribute(ServerWebExchange.class.getName(), exchange)
				.build())
			.map((refreshed) -> RefreshResult.of(refreshed, this.clock.instant()))
			.defaultIfEmpty(RefreshResult.NOT_REFRESHED)
			.onErrorResume(OAuth2AuthorizationException.class,
					(ex) -> Mono.just(RefreshResult.failed(signIn.getName(), ex, logger)));
	}

	// Through the chain's own repository: one of the app's own would otherwise keep the user signed in.
	private Mono<Boolean> endSession(OAuth2AuthenticationToken signIn, ServerWebExchange exchange, boolean log) {
		if (!this.policy.endSession()) {
			return Mono.empty();
		}
		if (log) {
			logger.info("Signed out " + LogText.clean(signIn.getName()) + ": their Hugging Face access token expired");
		}
		return this.authorizedClients.removeAuthorizedClient(HfOAuth2Registration.REGISTRATION_ID, signIn, exchange)
			.then(this.securityContextRepository.save(new NonRotatingSession(exchange), null))
			.thenReturn(true);
	}

}
