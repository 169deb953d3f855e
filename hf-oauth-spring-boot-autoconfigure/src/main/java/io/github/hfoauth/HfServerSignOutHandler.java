package io.github.hfoauth;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;

/**
 * WebFlux twin of {@link HfSignOutHandler}: forgets the session in the registry of signed-in
 * sessions, then sends the visitor to the page after sign-out, saying whether another of their
 * sessions is still signed in.
 */
final class HfServerSignOutHandler implements ServerLogoutHandler, ServerLogoutSuccessHandler {

	private final ReactiveSessionRegistry sessions;

	private final String logoutSuccessUrl;

	private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

	HfServerSignOutHandler(ReactiveSessionRegistry sessions, String logoutSuccessUrl) {
		this.sessions = sessions;
		this.logoutSuccessUrl = logoutSuccessUrl;
	}

	@Override
	public Mono<Void> logout(WebFilterExchange exchange, @Nullable Authentication authentication) {
		return exchange.getExchange()
			.getSession()
			.flatMap((session) -> this.sessions.removeSessionInformation(session.getId()))
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
