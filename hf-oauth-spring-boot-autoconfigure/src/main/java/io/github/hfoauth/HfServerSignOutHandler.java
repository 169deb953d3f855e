package io.github.hfoauth;

import java.net.URI;
import java.time.Instant;

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

	private static final String SIGNED_OUT_SESSION = HfServerSignOutHandler.class.getName() + ".SESSION";

	private final ReactiveSessionRegistry sessions;

	private final String logoutSuccessUrl;

	private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

	HfServerSignOutHandler(ReactiveSessionRegistry sessions, String logoutSuccessUrl) {
		this.sessions = sessions;
		this.logoutSuccessUrl = logoutSuccessUrl;
	}

	/**
	 * Adds the exchange's session to the registry under the id it has once signed in (saving
	 * the security context gives the session a new id), with the user's name.
	 * @param sessions the registry of signed-in sessions
	 * @param exchange the exchange that signed in
	 * @param authentication the sign-in
	 * @return completes when registered
	 */
	static Mono<Void> register(ReactiveSessionRegistry sessions, ServerWebExchange exchange,
			Authentication authentication) {
		return exchange.getSession()
			.flatMap((session) -> sessions.saveSessionInformation(
					new ReactiveSessionInformation(authentication.getName(), session.getId(), Instant.now())));
	}

	// First of the logout handlers, while the session still has its id (Spring Security's
	// handler that follows saves an empty context, which changes it).
	@Override
	public Mono<Void> logout(WebFilterExchange exchange, @Nullable Authentication authentication) {
		return exchange.getExchange().getSession().flatMap((session) -> {
			exchange.getExchange().getAttributes().put(SIGNED_OUT_SESSION, session.getId());
			return this.sessions.removeSessionInformation(session.getId());
		}).then();
	}

	// The session signing out never counts (Spring Session's registry reads the store, which
	// still holds it until the response is written).
	@Override
	public Mono<Void> onLogoutSuccess(WebFilterExchange exchange, @Nullable Authentication authentication) {
		Object signedOut = exchange.getExchange().getAttribute(SIGNED_OUT_SESSION);
		Mono<Boolean> elsewhere = (authentication != null) ? this.sessions.getAllSessions(authentication.getName())
			.any((session) -> !session.getSessionId().equals(signedOut)) : Mono.just(false);
		return elsewhere.flatMap((signedIn) -> this.redirect.sendRedirect(exchange.getExchange(),
				URI.create(HfSignOut.target(this.logoutSuccessUrl, signedIn))));
	}

}
