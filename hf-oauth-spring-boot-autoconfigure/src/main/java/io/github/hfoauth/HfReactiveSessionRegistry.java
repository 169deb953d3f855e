package io.github.hfoauth;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.session.ReactiveSessionInformation;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Public only for wiring: the auto-configuration declares it as the {@link ReactiveSessionRegistry}.
 * <p>
 * The WebFlux twin of {@link HfSessionRegistry}: the signed-in sessions of this instance, by
 * user name, bounded in memory. A session counts only while WebFlux's session store (in memory,
 * or Spring Session's) still holds it signed in as that user; one that does not is forgotten.
 */
public final class HfReactiveSessionRegistry implements ReactiveSessionRegistry {

	private static final String SECURITY_CONTEXT = WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME;

	private final HfSignedInSessions sessions;

	private final ObjectProvider<WebSessionManager> sessionManager;

	/**
	 * A registry that confirms each session with the store of the application's session manager.
	 * @param sessionManager WebFlux's session manager
	 */
	public HfReactiveSessionRegistry(ObjectProvider<WebSessionManager> sessionManager) {
		this(sessionManager, HfSignedInSessions.DEFAULT_CAPACITY);
	}

	HfReactiveSessionRegistry(ObjectProvider<WebSessionManager> sessionManager, int capacity) {
		this.sessionManager = sessionManager;
		this.sessions = new HfSignedInSessions(capacity);
	}

	@Override
	public Flux<ReactiveSessionInformation> getAllSessions(Object principal) {
		String name = HfSignedInSessions.nameOf(principal);
		return Flux.fromIterable(this.sessions.of(name).entrySet())
			.filterWhen((session) -> stillSignedIn(session.getKey(), name)
				.doOnNext((alive) -> forgetIfDead(session.getKey(), alive)))
			.map((session) -> information(session.getKey(), session.getValue()));
	}

	@Override
	public Mono<Void> saveSessionInformation(ReactiveSessionInformation information) {
		this.sessions.add(information.getSessionId(), HfSignedInSessions.nameOf(information.getPrincipal()),
				information.getLastAccessTime());
		return Mono.empty();
	}

	@Override
	public Mono<ReactiveSessionInformation> getSessionInformation(String sessionId) {
		HfSignedInSessions.Entry entry = this.sessions.get(sessionId);
		return (entry != null) ? Mono.just(information(sessionId, entry)) : Mono.empty();
	}

	@Override
	public Mono<ReactiveSessionInformation> removeSessionInformation(String sessionId) {
		HfSignedInSessions.Entry entry = this.sessions.remove(sessionId);
		return (entry != null) ? Mono.just(information(sessionId, entry)) : Mono.empty();
	}

	@Override
	public Mono<ReactiveSessionInformation> updateLastAccessTime(String sessionId) {
		return getSessionInformation(sessionId);
	}

	/**
	 * Follows a session to its new id, if it is registered.
	 * @param oldId the id it had
	 * @param newId the id it has now
	 */
	public void changeSessionId(String oldId, String newId) {
		this.sessions.changeId(oldId, newId);
	}

	int size() {
		return this.sessions.size();
	}

	private void forgetIfDead(String sessionId, boolean alive) {
		if (!alive) {
			this.sessions.remove(sessionId);
		}
	}

	// Reading a session from the in-memory store counts as an access to it: the visitor who signs
	// out keeps their other tab alive a little longer, nobody else's.
	private Mono<Boolean> stillSignedIn(String sessionId, String name) {
		WebSessionManager manager = this.sessionManager.getIfAvailable();
		if (!(manager instanceof DefaultWebSessionManager sessions)) {
			// A session manager of the application's own: there is no store to ask.
			return Mono.just(true);
		}
		return sessions.getSessionStore()
			.retrieveSession(sessionId)
			.map((session) -> HfSignedInSessions.signedInAs(session.getAttribute(SECURITY_CONTEXT), name))
			.defaultIfEmpty(false)
			// A store that cannot answer (or a session it cannot read) proves nothing signed in.
			.onErrorReturn(false);
	}

	private static ReactiveSessionInformation information(String sessionId, HfSignedInSessions.Entry entry) {
		return new ReactiveSessionInformation(entry.name(), sessionId, entry.signedInAt());
	}

}
