package io.github.hfoauth;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

/**
 * Keeps the registry of signed-in sessions on the id a WebFlux session has now. Spring
 * Security changes a web session's id on every save of the security context and of a new CSRF
 * token, so the id registered at sign-in would soon name nothing; servlet containers announce
 * their id changes as events instead.
 */
final class HfServerSessionIdFollower implements WebFilter {

	private final HfReactiveSessionRegistry sessions;

	HfServerSessionIdFollower(HfReactiveSessionRegistry sessions) {
		this.sessions = sessions;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(new ServerWebExchangeDecorator(exchange) {

			@Override
			public Mono<WebSession> getSession() {
				return getDelegate().getSession().map(Followed::new);
			}

		});
	}

	private final class Followed extends DelegatingWebSession {

		Followed(WebSession session) {
			super(session);
		}

		@Override
		public Mono<Void> changeSessionId() {
			String before = getId();
			return super.changeSessionId()
				.then(Mono.fromRunnable(() -> HfServerSessionIdFollower.this.sessions.changeSessionId(before, getId())));
		}

	}

}
