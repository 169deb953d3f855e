package io.github.hfoauth;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebSession;

/**
 * The exchange as a sign-out on expiry hands it to the chain's security context repository:
 * its session keeps its id. Spring Security's web session repository changes the id on every
 * save, and with a shared store (Spring Session) every other request of the session still
 * running then fails ("Session was invalidated"); a sign-out needs no new id, and Spring
 * Security's own refresh of the signed-in user keeps it too.
 */
final class NonRotatingSession extends ServerWebExchangeDecorator {

	NonRotatingSession(ServerWebExchange exchange) {
		super(exchange);
	}

	@Override
	public Mono<WebSession> getSession() {
		return getDelegate().getSession().map(KeptId::new);
	}

	private static final class KeptId extends DelegatingWebSession {

		KeptId(WebSession session) {
			super(session);
		}

		@Override
		public Mono<Void> changeSessionId() {
			return Mono.empty();
		}

	}

}
