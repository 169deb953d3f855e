package io.github.hfoauth;

import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;

/**
 * The WebFlux twin of {@link HfSignInSuccessHandler}: Spring Security's usual redirect to the
 * saved page (kept in the web session, as by default), after publishing the
 * {@link HfSignInEvent}.
 */
final class HfServerSignInSuccessHandler implements ServerAuthenticationSuccessHandler {

	private final RedirectServerAuthenticationSuccessHandler savedPage = new RedirectServerAuthenticationSuccessHandler();

	private final ApplicationEventPublisher events;

	HfServerSignInSuccessHandler(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public Mono<Void> onAuthenticationSuccess(WebFilterExchange exchange, Authentication authentication) {
		this.events.publishEvent(HfSignInEvent.succeeded(authentication));
		return this.savedPage.onAuthenticationSuccess(exchange, authentication);
	}

}
