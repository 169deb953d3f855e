package io.github.hfoauth;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.session.ReactiveSessionInformation;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registries of signed-in sessions on both web stacks: bounded however many users sign in
 * once and never come back, holding names rather than principals, and forgetting a session the
 * store no longer holds signed in.
 */
class HfSignedInSessionsTests {

	private static final int USERS = 3 * HfSignedInSessions.DEFAULT_CAPACITY;

	@Test
	void manyUsersSigningInOnceStayBoundedOldestFirst() {
		HfSessionRegistry servlet = new HfSessionRegistry();
		HfReactiveSessionRegistry reactive = new HfReactiveSessionRegistry(sessionManager(new InMemoryWebSessionStore()));
		for (int i = 0; i < USERS; i++) {
			servlet.registerNewSession("session-" + i, new TestingAuthenticationToken("user-" + i, null));
			reactive.saveSessionInformation(new ReactiveSessionInformation("user-" + i, "session-" + i, Instant.now())).block();
		}

		assertThat(servlet.size()).isEqualTo(HfSignedInSessions.DEFAULT_CAPACITY);
		assertThat(servlet.getAllPrincipals()).hasSize(HfSignedInSessions.DEFAULT_CAPACITY)
			.allSatisfy((user) -> assertThat(user).isInstanceOf(String.class));
		assertThat(servlet.getAllSessions("user-0", false)).as("the oldest, evicted").isEmpty();
		assertThat(servlet.getAllSessions("user-" + (USERS - 1), false)).as("the newest").hasSize(1);
		assertThat(reactive.size()).isEqualTo(HfSignedInSessions.DEFAULT_CAPACITY);
		assertThat(reactive.getSessionInformation("session-0").blockOptional()).isEmpty();
	}

	// A scripted loop of sign-ins with one account evicts that account's oldest sessions only.
	@Test
	void oneUserSigningInOverAndOverPushesNobodyElseOut() {
		HfSessionRegistry registry = new HfSessionRegistry();
		registry.registerNewSession("ada-session", new TestingAuthenticationToken("ada", null));
		for (int i = 0; i < USERS; i++) {
			registry.registerNewSession("mallory-" + i, new TestingAuthenticationToken("mallory", null));
		}

		assertThat(registry.getAllSessions("ada", false)).extracting("sessionId").containsExactly("ada-session");
		assertThat(registry.getAllSessions("mallory", false)).hasSize(HfSignedInSessions.PER_USER);
		assertThat(registry.size()).isEqualTo(HfSignedInSessions.PER_USER + 1);
	}

	@Test
	void aSessionTheStoreNoLongerHoldsSignedInIsForgotten() {
		Map<String, Object> store = new java.util.HashMap<>();
		store.put("alive", new SecurityContextImpl(new TestingAuthenticationToken("ada", null)));
		store.put("signed-out", new SecurityContextImpl());
		HfSessionRegistry registry = new HfSessionRegistry(store::get);
		for (String session : new String[] { "alive", "signed-out", "gone" }) {
			registry.registerNewSession(session, "ada");
		}

		assertThat(registry.getAllSessions("ada", false)).extracting("sessionId").containsExactly("alive");
		assertThat(registry.size()).as("the dead ones, dropped").isEqualTo(1);
	}

	@Test
	void aWebSessionTheStoreNoLongerHoldsSignedInIsForgotten() {
		InMemoryWebSessionStore store = new InMemoryWebSessionStore();
		WebSession alive = signedIn(store, "ada");
		WebSession signedOut = store.createWebSession().flatMap((session) -> session.save().thenReturn(session)).block();
		HfReactiveSessionRegistry registry = new HfReactiveSessionRegistry(sessionManager(store));
		for (String session : new String[] { alive.getId(), signedOut.getId(), "gone" }) {
			registry.saveSessionInformation(new ReactiveSessionInformation("ada", session, Instant.now())).block();
		}

		assertThat(registry.getAllSessions("ada").map(ReactiveSessionInformation::getSessionId).collectList().block())
			.containsExactly(alive.getId());
		assertThat(registry.size()).isEqualTo(1);
	}

	private static WebSession signedIn(InMemoryWebSessionStore store, String name) {
		return store.createWebSession().flatMap((session) -> {
			session.getAttributes().put("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(new TestingAuthenticationToken(name, null)));
			return session.save().then(Mono.just(session));
		}).block();
	}

	private static org.springframework.beans.factory.ObjectProvider<WebSessionManager> sessionManager(
			InMemoryWebSessionStore store) {
		DefaultWebSessionManager manager = new DefaultWebSessionManager();
		manager.setSessionStore(store);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("webSessionManager", manager);
		return beans.getBeanProvider(WebSessionManager.class);
	}

}
