package io.github.hfoauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.server.WebSession;

/**
 * A {@link WebSession} that hands every call to another one; subclasses change the calls they
 * need (Spring has no decorator for a web session, as it has for the exchange).
 */
abstract class DelegatingWebSession implements WebSession {

	private final WebSession session;

	DelegatingWebSession(WebSession session) {
		this.session = session;
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
	public Mono<Void> changeSessionId() {
		return this.session.changeSessionId();
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
