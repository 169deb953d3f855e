package io.github.hfoauth.sample;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample sharing sessions in a real Redis: a sign-out counts the same
 * user's other sessions (the Space page's frame in one, a tab of the app in the other), never
 * one Redis no longer holds; with Spring Session's indexed repository also those signed in
 * through the other instance. Each subclass runs it with one repository type.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedSessionsSignOutTests {

	/** {@code indexed} or {@code default}: {@code spring.session.data.redis.repository-type}. */
	abstract String repositoryType();

	static class Indexed extends SharedSessionsSignOutTests {

		@Override
		String repositoryType() {
			return "indexed";
		}

	}

	static class Default extends SharedSessionsSignOutTests {

		@Override
		String repositoryType() {
			return "default";
		}

	}

	private final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	private RedisServer redis;

	private ConfigurableApplicationContext instanceA;

	private ConfigurableApplicationContext instanceB;

	@BeforeAll
	void startRedisAndTwoInstances() {
		this.redis = RedisServer.start();
		this.instanceA = startInstance();
		this.instanceB = startInstance();
	}

	@AfterAll
	void stopEverything() {
		this.instanceA.close();
		this.instanceB.close();
		this.redis.close();
		this.huggingFace.close();
	}

	// No session of an earlier test counts as another tab.
	@BeforeEach
	void emptyRedis() {
		try (RedisConnection connection = redis()) {
			connection.serverCommands().flushAll();
		}
	}

	@Test
	void theRegistryIsSpringSessionsWithTheIndexedRepository() {
		assertThat(this.instanceA.getBean(SessionRegistry.class) instanceof SpringSessionBackedSessionRegistry)
			.isEqualTo(indexed());
	}

	@Test
	void signingOutCountsATabSignedInThroughTheSameInstance() {
		Browser frame = signedIn(this.instanceA);
		Browser tab = signedIn(this.instanceA);

		HttpResponse<String> frameOut = frame.signOut();
		assertThat(Browser.location(frameOut)).isEqualTo(frame.url("/?signed-in-elsewhere"));
		assertThat(Browser.page(frame.follow(frameOut)).body().text())
			.contains("Another tab of this app (or the Space page) is still signed in");
		assertThat(tab.getJson("/api/me").statusCode()).as("the tab, untouched").isEqualTo(200);

		HttpResponse<String> tabOut = tab.signOut();
		assertThat(Browser.location(tabOut)).as("the frame signed out before").isEqualTo(tab.url("/"));
	}

	// The default repository's registry is this instance's: documented in several-instances.md.
	@Test
	void signingOutCountsATabSignedInThroughTheOtherInstanceWithTheIndexedRepository() {
		Browser frame = signedIn(this.instanceA);
		Browser tab = signedIn(this.instanceB);

		HttpResponse<String> frameOut = frame.signOut();
		assertThat(Browser.location(frameOut)).isEqualTo(frame.url(indexed() ? "/?signed-in-elsewhere" : "/"));
		assertThat(tab.getJson("/api/me").statusCode()).as("the tab, untouched").isEqualTo(200);
	}

	@Test
	void aSessionRedisNoLongerHoldsIsNotCounted() {
		Browser frame = signedIn(this.instanceA);
		Browser tab = signedIn(this.instanceA);
		try (RedisConnection connection = redis()) {
			assertThat(connection.keyCommands().del(sessionKey(tab))).isEqualTo(1);
		}

		HttpResponse<String> frameOut = frame.signOut();
		assertThat(Browser.location(frameOut)).isEqualTo(frame.url("/"));
		assertThat(Browser.page(frame.follow(frameOut)).body().text()).doesNotContain("still signed in");
	}

	private ConfigurableApplicationContext startInstance() {
		return new SpringApplicationBuilder(SampleApplication.class).profiles("redis")
			.run("--server.port=0", "--spring.data.redis.url=" + this.redis.url(), "--spring.data.redis.timeout=1s",
					"--spring.session.data.redis.repository-type=" + repositoryType(),
					"--hf.oauth.client-id=" + FakeHuggingFace.DEFAULT_CLIENT_ID,
					"--hf.oauth.client-secret=" + FakeHuggingFace.DEFAULT_CLIENT_SECRET,
					"--hf.oauth.provider-url=" + this.huggingFace.baseUrl());
	}

	private boolean indexed() {
		return "indexed".equals(repositoryType());
	}

	private static Browser signedIn(ConfigurableApplicationContext instance) {
		Browser browser = new Browser(((WebServerApplicationContext) instance).getWebServer().getPort());
		browser.signIn();
		return browser;
	}

	private RedisConnection redis() {
		return this.instanceA.getBean(RedisConnectionFactory.class).getConnection();
	}

	// Spring Session's key of the browser's session (its cookie holds the id in base64).
	private static byte[] sessionKey(Browser browser) {
		String sessionId = new String(Base64.getDecoder().decode(browser.cookie("SESSION")), StandardCharsets.UTF_8);
		return ("spring:session:sessions:" + sessionId).getBytes(StandardCharsets.UTF_8);
	}
}
