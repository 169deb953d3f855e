package io.github.hfoauth;

import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;

/**
 * The WebFlux twin of {@link HfSignInSuccessHandler}: publishes the {@link HfSignInEvent} of a
 * sign-in, real or mock, then answers as the handler it wraps does.
 */
final class HfServerSignInSuccessHandler implements ServerAuthenticationSuccessHandler {

	private final ApplicationEventPublisher events;

	private final ServerAuthenticationSuccessHandler answer;

	HfServerSignInSuccessHandler(ApplicationEventPublisher events, ServerAuthenticationSuccessHandler answer) {
		this.events = events;
		this.answer = answer;
	}

	@Override
	public Mono<Void> onAuthenticationSuccess(WebFilterExchange exchange, Authentication authentication) {
		this.events.publishEvent(HfSignInEvent.succeeded(authentication));
		return this.answer.onAuthenticationSuccess(exchange, authentication);
	}

}
