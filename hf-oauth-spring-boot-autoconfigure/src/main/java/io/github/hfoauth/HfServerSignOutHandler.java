package io.github.hfoauth;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.ReactiveSessionInformation;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * WebFlux twin of {@link HfSignOutHandler}: forgets the session in the registry of signed-in
 * sessions, then sends the visitor to the page after sign-out, saying whether another of their
 * sessions is still signed in.
 */
final class HfServerSignOutHandler implements ServerLogoutHandler, ServerLogoutSuccessHandler {

	private static final String REGISTRY_KEY = HfServerSignOutHandler.class.getName() + ".KEY";

	private final ReactiveSessionRegistry sessions;

	private final String logoutSuccessUrl;

	private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

	HfServerSignOutHandler(ReactiveSessionRegistry sessions, String logoutSuccessUrl) {
		this.sessions = sessions;
		this.logoutSuccessUrl = logoutSuccessUrl;
	}

	/**
	 * Adds the exchange's session to the registry, under a key of its own kept in the session:
	 * unlike the session id, it stays the same when the id changes after sign-in.
	 * @param sessions the registry of signed-in sessions
	 * @param exchange the exchange that signed in
	 * @param authentication the sign-in
	 * @return completes when registered
	 */
	static Mono<Void> register(ReactiveSessionRegistry sessions, ServerWebExchange exchange,
			Authentication authentication) {
		return exchange.getSession().flatMap((session) -> {
			String key = UUID.randomUUID().toString();
			// A sign-in over an earlier one in the same session replaces it, as a new session would.
			Object previous = session.getAttributes().put(REGISTRY_KEY, key);
			Mono<?> forget = (previous instanceof String earlier) ? sessions.removeSessionInformation(earlier)
					: Mono.empty();
			return forget.then(sessions
				.saveSessionInformation(new ReactiveSessionInformation(authentication.getPrincipal(), key, Instant.now())));
		});
	}

	@Override
	public Mono<Void> logout(WebFilterExchange exchange, @Nullable Authentication authentication) {
		return exchange.getExchange()
			.getSession()
			.mapNotNull((session) -> session.<String>getAttribute(REGISTRY_KEY))
			.flatMap(this.sessions::removeSessionInformation)
			.then();
	}

	@Override
	public Mono<Void> onLogoutSuccess(WebFilterExchange exchange, @Nullable Authentication authentication) {
		Mono<Boolean> elsewhere = (authentication != null)
				? this.sessions.getAllSessions(authentication.getPrincipal()).hasElements() : Mono.just(false);
		return elsewhere.flatMap((signedIn) -> this.redirect.sendRedirect(exchange.getExchange(),
				URI.create(HfSignOut.target(this.logoutSuccessUrl, signedIn))));
	}

}
