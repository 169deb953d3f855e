package io.github.hfoauth.session;

import reactor.core.publisher.Mono;

import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.server.session.SpringSessionWebSessionStore;
import org.springframework.web.server.WebSession;

/**
 * Public only for wiring: the auto-configuration hands it to
 * {@link HfServerOneRefreshPerSession}.
 * <p>
 * Spring Session's reactive store as {@link HfServerOneRefreshPerSession} reads and writes it:
 * a session read again by id, as the {@link WebSession} Spring Session itself hands to
 * WebFlux.
 */
public final class HfSpringSessionWebStore implements HfServerOneRefreshPerSession.Store {

	private final SpringSessionWebSessionStore<?> sessions;

	/**
	 * Adapts a store.
	 * @param <S> the store's sessions
	 * @param sessions Spring Session's reactive repository
	 * @return the store
	 */
	public static <S extends Session> HfSpringSessionWebStore of(ReactiveSessionRepository<S> sessions) {
		return new HfSpringSessionWebStore(new SpringSessionWebSessionStore<>(sessions));
	}

	private HfSpringSessionWebStore(SpringSessionWebSessionStore<?> sessions) {
		this.sessions = sessions;
	}

	@Override
	public Mono<WebSession> read(String sessionId) {
		return this.sessions.retrieveSession(sessionId);
	}

}
