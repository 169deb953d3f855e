package io.github.hfoauth.sample.reactive;

import java.net.http.HttpResponse;
import java.util.List;

import io.github.hfoauth.sample.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.session.security.SpringSessionBackedReactiveSessionRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux twin of the sample's {@code SharedSessionsSignOutTests}: two instances sharing
 * sessions in Redis; a sign-out counts the same user's other sessions, never one Redis no
 * longer holds, and with Spring Session's indexed repository also those signed in through the
 * other instance. Each subclass runs it with one repository type.
 */
abstract class ReactiveSharedSessionsSignOutTests extends ReactiveSharedSessionsHarness {

	/** {@code indexed} or {@code default}: {@code spring.session.data.redis.repository-type}. */
	abstract String repositoryType();

	static class Indexed extends ReactiveSharedSessionsSignOutTests {

		@Override
		String repositoryType() {
			return "indexed";
		}

	}

	static class Default extends ReactiveSharedSessionsSignOutTests {

		@Override
		String repositoryType() {
			return "default";
		}

	}

	@Override
	protected List<String> instanceArguments() {
		return List.of("--spring.session.data.redis.repository-type=" + repositoryType());
	}

	// No session of an earlier test counts as another tab.
	@BeforeEach
	void emptyRedis() {
		try (RedisConnection connection = redisConnection(this.instanceA)) {
			connection.serverCommands().flushAll();
		}
	}

	@Test
	void theRegistryIsSpringSessionsWithTheIndexedRepository() {
		assertThat(this.instanceA.getBean(ReactiveSessionRegistry.class) instanceof SpringSessionBackedReactiveSessionRegistry)
			.isEqualTo(indexed());
	}

	@Test
	void signingOutCountsATabSignedInThroughTheSameInstance() {
		Browser frame = new Browser(port(this.instanceA));
		Browser tab = new Browser(port(this.instanceA));
		frame.signIn();
		tab.signIn();

		HttpResponse<String> frameOut = frame.signOut();
		assertThat(Browser.location(frameOut)).isEqualTo(frame.url("/?signed-in-elsewhere"));
		assertThat(Browser.page(frame.follow(frameOut)).body().text())
			.contains("Another tab of this app is still signed in");
		assertThat(tab.getJson("/api/me").statusCode()).as("the tab, untouched").isEqualTo(200);

		HttpResponse<String> tabOut = tab.signOut();
		assertThat(Browser.location(tabOut)).as("the frame signed out before").isEqualTo(tab.url("/"));
	}

	// The default repository's registry is this instance's: documented in several-instances.md.
	@Test
	void signingOutCountsATabSignedInThroughTheOtherInstanceWithTheIndexedRepository() {
		Browser frame = new Browser(port(this.instanceA));
		Browser tab = new Browser(port(this.instanceB));
		frame.signIn();
		tab.signIn();

		HttpResponse<String> frameOut = frame.signOut();
		assertThat(Browser.location(frameOut)).isEqualTo(frame.url(indexed() ? "/?signed-in-elsewhere" : "/"));
		assertThat(tab.getJson("/api/me").statusCode()).as("the tab, untouched").isEqualTo(200);
	}

	@Test
	void aSessionRedisNoLongerHoldsIsNotCounted() {
		Browser frame = new Browser(port(this.instanceA));
		Browser tab = new Browser(port(this.instanceA));
		frame.signIn();
		tab.signIn();
		try (RedisConnection connection = redisConnection(this.instanceA)) {
			assertThat(connection.keyCommands().del(sessionKey(tab))).isEqualTo(1);
		}

		HttpResponse<String> frameOut = frame.signOut();
		assertThat(Browser.location(frameOut)).isEqualTo(frame.url("/"));
		assertThat(Browser.page(frame.follow(frameOut)).body().text()).doesNotContain("still signed in");
	}

	private boolean indexed() {
		return "indexed".equals(repositoryType());
	}
}
