package io.github.hfoauth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.security.core.session.AbstractSessionEvent;
import org.springframework.security.core.session.SessionDestroyedEvent;
import org.springframework.security.core.session.SessionIdChangedEvent;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Public only for wiring: the auto-configuration declares it as the {@link SessionRegistry}.
 * <p>
 * The signed-in sessions of this instance, by user name, so that a sign-out can say whether
 * another of the user's sessions is still signed in. Bounded in memory; with a store to ask
 * (Spring Session), a session counts only while the store still holds it signed in as that
 * user, and one that does not is forgotten; container sessions leave it through their events.
 */
public final class HfSessionRegistry implements SessionRegistry, ApplicationListener<AbstractSessionEvent> {

	private final HfSignedInSessions sessions;

	private final @Nullable Function<String, @Nullable Object> storedSecurityContext;

	/**
	 * A registry of the container's sessions, kept current by their events.
	 */
	public HfSessionRegistry() {
		this(null, HfSignedInSessions.DEFAULT_CAPACITY);
	}

	/**
	 * A registry that confirms each session with the store.
	 * @param storedSecurityContext what the store holds under Spring Security's key for a
	 * session id ({@code null} for a session it no longer has)
	 */
	public HfSessionRegistry(Function<String, @Nullable Object> storedSecurityContext) {
		this(storedSecurityContext, HfSignedInSessions.DEFAULT_CAPACITY);
	}

	HfSessionRegistry(@Nullable Function<String, @Nullable Object> storedSecurityContext, int capacity) {
		this.storedSecurityContext = storedSecurityContext;
		this.sessions = new HfSignedInSessions(capacity);
	}

	@Override
	public List<Object> getAllPrincipals() {
		return this.sessions.users();
	}

	@Override
	public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
		String name = HfSignedInSessions.nameOf(principal);
		List<SessionInformation> alive = new ArrayList<>();
		for (Map.Entry<String, HfSignedInSessions.Entry> session : this.sessions.of(name).entrySet()) {
			if (session.getValue().expired() && !includeExpiredSessions) {
				continue;
			}
			if (stillSignedIn(session.getKey(), name)) {
				alive.add(information(session.getKey(), session.getValue()));
			}
			else {
				this.sessions.remove(session.getKey());
			}
		}
		return alive;
	}

	@Override
	public @Nullable SessionInformation getSessionInformation(String sessionId) {
		HfSignedInSessions.Entry entry = this.sessions.get(sessionId);
		return (entry != null) ? information(sessionId, entry) : null;
	}

	@Override
	public void refreshLastRequest(String sessionId) {
		// Not tracked: nothing here limits sessions by their last request.
	}

	@Override
	public void registerNewSession(String sessionId, Object principal) {
		this.sessions.add(sessionId, HfSignedInSessions.nameOf(principal), Instant.now());
	}

	@Override
	public void removeSessionInformation(String sessionId) {
		this.sessions.remove(sessionId);
	}

	@Override
	public void onApplicationEvent(AbstractSessionEvent event) {
		if (event instanceof SessionDestroyedEvent destroyed) {
			this.sessions.remove(destroyed.getId());
		}
		else if (event instanceof SessionIdChangedEvent changed) {
			this.sessions.changeId(changed.getOldSessionId(), changed.getNewSessionId());
		}
	}

	int size() {
		return this.sessions.size();
	}

	private boolean stillSignedIn(String sessionId, String name) {
		if (this.storedSecurityContext == null) {
			return true;
		}
		try {
			return HfSignedInSessions.signedInAs(this.storedSecurityContext.apply(sessionId), name);
		}
		catch (RuntimeException ex) {
			// A store that cannot answer (or a session it cannot read) proves nothing signed in.
			return false;
		}
	}

	// Expiring it (Spring Security's session limit) is remembered here, where its filter looks.
	private SessionInformation information(String sessionId, HfSignedInSessions.Entry entry) {
		SessionInformation information = new SessionInformation(entry.name(), sessionId, Date.from(entry.signedInAt())) {

			@Override
			public void expireNow() {
				super.expireNow();
				HfSessionRegistry.this.sessions.expire(sessionId);
			}

		};
		if (entry.expired()) {
			information.expireNow();
		}
		return information;
	}

}
