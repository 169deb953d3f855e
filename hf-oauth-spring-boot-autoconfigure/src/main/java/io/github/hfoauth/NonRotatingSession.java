package io.github.hfoauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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

	private record KeptId(WebSession session) implements WebSession {

		@Override
		public Mono<Void> changeSessionId() {
			return Mono.empty();
		}

		@Override
		public String getId() {
			return this.session.getId();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.session.getAttributes();
		}

		@Override
		public void start() {
			this.session.start();
		}

		@Override
		public boolean isStarted() {
			return this.session.isStarted();
		}

		@Override
		public Mono<Void> invalidate() {
			return this.session.invalidate();
		}

		@Override
		public Mono<Void> save() {
			return this.session.save();
		}

		@Override
		public boolean isExpired() {
			return this.session.isExpired();
		}

		@Override
		public Instant getCreationTime() {
			return this.session.getCreationTime();
		}

		@Override
		public Instant getLastAccessTime() {
			return this.session.getLastAccessTime();
		}

		@Override
		public void setMaxIdleTime(Duration maxIdleTime) {
			this.session.setMaxIdleTime(maxIdleTime);
		}

		@Override
		public Duration getMaxIdleTime() {
			return this.session.getMaxIdleTime();
		}

	}

}
