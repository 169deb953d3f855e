package io.github.hfoauth;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.context.SecurityContext;

/**
 * The signed-in sessions of one instance, by user name, for both web stacks' registries: a
 * session id, the name it signed in as and when, nothing else (no principal object is kept).
 * What is here may be dead: the registries confirm each session with the store before counting it.
 */
final class HfSignedInSessions {

	/** About 2 MB of ids and names at most. */
	static final int DEFAULT_CAPACITY = 10_000;

	/** Far more tabs and devices than one person uses; what keeps one account from pushing the others out. */
	static final int PER_USER = 32;

	private final int capacity;

	// Oldest registration first.
	private final LinkedHashMap<String, Entry> bySession = new LinkedHashMap<>();

	private final Map<String, Set<String>> byUser = new HashMap<>();

	HfSignedInSessions(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * The name a principal signs in as, as {@code Authentication.getName()} gives it and Spring
	 * Session indexes it ({@link HfOAuth2User}: its sub).
	 * @param principal a principal, or already its name
	 * @return the name
	 */
	static String nameOf(Object principal) {
		if (principal instanceof AuthenticatedPrincipal authenticated) {
			return authenticated.getName();
		}
		if (principal instanceof Principal named) {
			return named.getName();
		}
		return principal.toString();
	}

	/**
	 * Whether a stored security context is signed in as a user.
	 * @param securityContext what a session holds under Spring Security's key, if anything
	 * @param name the user's name
	 * @return whether it is that user's sign-in
	 */
	static boolean signedInAs(@Nullable Object securityContext, String name) {
		return securityContext instanceof SecurityContext context && context.getAuthentication() != null
				&& name.equals(context.getAuthentication().getName());
	}

	synchronized void add(String sessionId, String name, Instant signedInAt) {
		remove(sessionId);
		this.bySession.put(sessionId, new Entry(name, signedInAt, false));
		Set<String> own = this.byUser.computeIfAbsent(name, (user) -> new LinkedHashSet<>());
		own.add(sessionId);
		if (own.size() > PER_USER) {
			remove(own.iterator().next());
		}
		// A cap, not a sweep: only a store round trip per entry tells a live session from a dead
		// one, and dropping the oldest costs at most a missing "still signed in" on its sign-out.
		Iterator<Map.Entry<String, Entry>> oldest = this.bySession.entrySet().iterator();
		while (this.bySession.size() > this.capacity) {
			Map.Entry<String, Entry> evicted = oldest.next();
			oldest.remove();
			forgetUserOf(evicted.getKey(), evicted.getValue());
		}
	}

	synchronized @Nullable Entry remove(String sessionId) {
		Entry removed = this.bySession.remove(sessionId);
		forgetUserOf(sessionId, removed);
		return removed;
	}

	synchronized void changeId(String oldId, String newId) {
		Entry entry = remove(oldId);
		if (entry != null) {
			add(newId, entry.name(), entry.signedInAt());
		}
	}

	// Spring Security's session limit (maximumSessions) ends the oldest session this way.
	synchronized void expire(String sessionId) {
		this.bySession.computeIfPresent(sessionId, (id, entry) -> new Entry(entry.name(), entry.signedInAt(), true));
	}

	synchronized @Nullable Entry get(String sessionId) {
		return this.bySession.get(sessionId);
	}

	/**
	 * The sessions registered for a user, oldest first.
	 * @param name the user's name
	 * @return the session ids with their entries
	 */
	synchronized Map<String, Entry> of(String name) {
		Map<String, Entry> sessions = new LinkedHashMap<>();
		for (String id : this.byUser.getOrDefault(name, Set.of())) {
			sessions.put(id, this.bySession.get(id));
		}
		return sessions;
	}

	synchronized List<Object> users() {
		return new ArrayList<>(this.byUser.keySet());
	}

	synchronized int size() {
		return this.bySession.size();
	}

	private void forgetUserOf(String sessionId, @Nullable Entry entry) {
		if (entry == null) {
			return;
		}
		Set<String> sessions = this.byUser.get(entry.name());
		if (sessions != null && sessions.remove(sessionId) && sessions.isEmpty()) {
			this.byUser.remove(entry.name());
		}
	}

	/**
	 * One registered session.
	 * @param name the user's name
	 * @param signedInAt when it was registered
	 * @param expired whether Spring Security's session limit ended it
	 */
	record Entry(String name, Instant signedInAt, boolean expired) {
	}

}
