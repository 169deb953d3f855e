package io.github.hfoauth.session;

import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Public only for wiring: the auto-configuration hands it to {@link HfOneRefreshPerSession}.
 * <p>
 * Spring Session's store as {@link HfOneRefreshPerSession} reads and writes it: a session read
 * again by id, seen as an {@link HttpSession} so that the authorized-client repository reads
 * and writes it as it does the request's own.
 *
 * @param <S> the store's sessions
 */
public final class HfSpringSessionStore<S extends Session> implements HfOneRefreshPerSession.Store {

	private final SessionRepository<S> sessions;

	/**
	 * Adapts a store.
	 * @param sessions Spring Session's repository
	 */
	public HfSpringSessionStore(SessionRepository<S> sessions) {
		this.sessions = sessions;
	}

	@Override
	public @Nullable HttpSession read(String sessionId) {
		S session = this.sessions.findById(sessionId);
		return (session != null) ? new Stored<>(session) : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void write(HttpSession session) {
		if (session instanceof Stored<?> stored) {
			this.sessions.save((S) stored.session);
		}
	}

	// Only what an authorized-client repository asks of a session.
	private record Stored<S extends Session>(S session) implements HttpSession {

		@Override
		public long getCreationTime() {
			return this.session.getCreationTime().toEpochMilli();
		}

		@Override
		public String getId() {
			return this.session.getId();
		}

		@Override
		public long getLastAccessedTime() {
			return this.session.getLastAccessedTime().toEpochMilli();
		}

		@Override
		public @Nullable ServletContext getServletContext() {
			return null;
		}

		@Override
		public void setMaxInactiveInterval(int interval) {
			this.session.setMaxInactiveInterval(java.time.Duration.ofSeconds(interval));
		}

		@Override
		public int getMaxInactiveInterval() {
			return (int) this.session.getMaxInactiveInterval().toSeconds();
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			return this.session.getAttribute(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			return Collections.enumeration(this.session.getAttributeNames());
		}

		@Override
		public void setAttribute(String name, @Nullable Object value) {
			this.session.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			this.session.removeAttribute(name);
		}

		@Override
		public void invalidate() {
			throw new UnsupportedOperationException("A session read again for its tokens is not invalidated");
		}

		@Override
		public boolean isNew() {
			return false;
		}

	}

}
