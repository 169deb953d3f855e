package io.github.hfoauth.sample.reactive;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.hfoauth.SessionFixtures;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.sample.Browser;
import io.github.hfoauth.sample.Json;
import io.github.hfoauth.sample.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a WebFlux app ({@link ReactiveSampleApp}) sharing sessions through Spring
 * Session's reactive Redis store, on a real Redis ({@link RedisServer}), signing in against the
 * fake Hugging Face over real HTTP: the reactive twin of the sample's {@code SharedSessionsTests}.
 * Extend it and write tests with {@link #onA} and {@link #onB}, one browser (one cookie jar)
 * talking to each instance, as behind a load balancer.
 * <p>
 * Per class: Redis and both instances start once; before each test the browsers start afresh
 * and the fake answers a typical user (3 organizations); after each, a stopped Redis is started
 * again (empty). Override {@link #instanceArguments()} to start the instances with more
 * properties (as command-line arguments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReactiveSharedSessionsHarness {

	/** The scopes the instances ask for. */
	protected static final String SCOPES = "openid profile email read-memberships";

	private static final Duration RECOVERY = Duration.ofSeconds(60);

	/** The fake Hugging Face both instances sign in with. */
	protected final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SCOPES);

	/** The Redis both instances keep their sessions in. */
	protected RedisServer redis;

	protected ConfigurableApplicationContext instanceA;

	protected ConfigurableApplicationContext instanceB;

	/** A browser on instance A. */
	protected Browser onA;

	/** The same browser (same cookies) on instance B. */
	protected Browser onB;

	/**
	 * More command-line arguments for both instances, such as
	 * {@code --hf.oauth.session.serialization=json}; none by default.
	 * @return the arguments
	 */
	protected List<String> instanceArguments() {
		return List.of();
	}

	@BeforeAll
	void startRedisAndTwoInstances() {
		this.redis = RedisServer.start();
		this.instanceA = startInstance();
		this.instanceB = startInstance();
	}

	@AfterAll
	void stopEverything() {
		for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] { this.instanceA,
				this.instanceB }) {
			if (instance != null) {
				instance.close();
			}
		}
		if (this.redis != null) {
			this.redis.close();
		}
		this.huggingFace.close();
	}

	@BeforeEach
	void openBrowserOnBothInstances() {
		this.huggingFace.userInfo(userInfo(3));
		this.onA = new Browser(port(this.instanceA));
		this.onB = new Browser(port(this.instanceB), this.onA.cookies());
	}

	@AfterEach
	void redisIsRunning() {
		if (!this.redis.isRunning()) {
			this.redis.startAgain();
		}
	}

	/**
	 * Starts one more instance sharing the same Redis and fake Hugging Face.
	 * @return the running instance; closed by the caller
	 */
	protected ConfigurableApplicationContext startInstance() {
		// Arguments, so that they win over any configuration file, as on a command line.
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.data.redis.url=" + this.redis.url(),
				"--spring.data.redis.timeout=1s", "--spring.data.redis.connect-timeout=1s",
				"--hf.oauth.client-id=" + FakeHuggingFace.DEFAULT_CLIENT_ID,
				"--hf.oauth.client-secret=" + FakeHuggingFace.DEFAULT_CLIENT_SECRET,
				"--hf.oauth.provider-url=" + this.huggingFace.baseUrl(), "--hf.oauth.scopes=" + SCOPES));
		arguments.addAll(instanceArguments());
		return ReactiveSampleApp.start(arguments.toArray(String[]::new));
	}

	/** The username {@code /api/me} answers; fails unless signed in. */
	protected static String signedInAs(Browser browser) {
		HttpResponse<String> me = browser.getJson("/api/me");
		assertThat(me.statusCode()).as("/api/me on %s", me.uri()).isEqualTo(200);
		return (String) Json.parse(me.body()).get("username");
	}

	/** Waits until the home page answers 200 again (Lettuce reconnects on its own). */
	protected static void awaitRecovery(Browser browser) {
		Instant deadline = Instant.now().plus(RECOVERY);
		int status = browser.get("/").statusCode();
		while (status != 200 && Instant.now().isBefore(deadline)) {
			sleep();
			status = browser.get("/").statusCode();
		}
		assertThat(status).as("the home page once Redis is back").isEqualTo(200);
	}

	/** What Redis holds for the browser's session: each hash field and its value, as stored. */
	protected static Map<String, byte[]> storedSession(ConfigurableApplicationContext instance, Browser browser) {
		Map<String, byte[]> stored = new TreeMap<>();
		try (RedisConnection connection = redisConnection(instance)) {
			Map<byte[], byte[]> fields = connection.hashCommands().hGetAll(sessionKey(browser));
			assertThat(fields).as("the session in Redis").isNotEmpty();
			fields.forEach((field, value) -> stored.put(new String(field, StandardCharsets.UTF_8), value));
		}
		return stored;
	}

	/** Bytes of each field of the browser's session in Redis, name and value. */
	protected static Map<String, Integer> storedSessionSizes(ConfigurableApplicationContext instance, Browser browser) {
		Map<String, Integer> sizes = new TreeMap<>();
		storedSession(instance, browser).forEach((field, value) -> sizes.put(field,
				field.getBytes(StandardCharsets.UTF_8).length + value.length));
		return sizes;
	}

	/** A connection to the instance's Redis, for looking at or changing what it stores. */
	protected static RedisConnection redisConnection(ConfigurableApplicationContext instance) {
		return instance.getBean(RedisConnectionFactory.class).getConnection();
	}

	/** Spring Session's key of the browser's session (WebFlux's cookie holds the id as it is). */
	protected static byte[] sessionKey(Browser browser) {
		String sessionId = browser.cookie("SESSION");
		assertThat(sessionId).as("the SESSION cookie").isNotNull();
		return ("spring:session:sessions:" + sessionId).getBytes(StandardCharsets.UTF_8);
	}

	/** The same URL (path and query) on another instance, as a load balancer would send it. */
	protected static String onInstance(URI url, ConfigurableApplicationContext instance) {
		return "http://localhost:" + port(instance) + url.getRawPath()
				+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
	}

	protected static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	/** Userinfo of Ada in this many organizations, as the fake answers it. */
	protected static String userInfo(int organizations) {
		return JsonMapper.builder().build().writeValueAsString(SessionFixtures.userInfo(organizations));
	}

	protected static int total(Map<String, Integer> sizes) {
		return sizes.values().stream().mapToInt(Integer::intValue).sum();
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
