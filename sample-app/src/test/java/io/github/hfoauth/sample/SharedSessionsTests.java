package io.github.hfoauth.sample;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.management.BadAttributeValueExpException;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.SessionFixtures;
import io.github.hfoauth.fake.Burst;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample app sharing sessions through a real Redis (its {@code redis}
 * profile), signing in against the fake Hugging Face: the user must not notice which
 * instance answers, and what is edited in the store is not believed. Each subclass runs it
 * with one way of writing sessions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class SharedSessionsTests {

	private static final String SCOPES = "openid profile email read-memberships";

	private static final Duration RECOVERY = Duration.ofSeconds(60);

	// Long enough for a burst to end within it, so that it is tried once per instance.
	private static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(3);

	// The goal of issue 14 for a typical user (README, "Running several instances").
	private static final int TYPICAL_SESSION_CEILING = 4_096;

	private static final String SECURITY_CONTEXT = "sessionAttr:SPRING_SECURITY_CONTEXT";

	private final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SCOPES);

	private RedisServer redis;

	private ConfigurableApplicationContext instanceA;

	private ConfigurableApplicationContext instanceB;

	private Browser onA;

	private Browser onB;

	/** {@code jdk} or {@code json}: {@code hf.oauth.session.serialization}. */
	abstract String serialization();

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
	void healthyHuggingFace() {
		this.huggingFace.repair().refreshTokens(false).expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN);
	}

	@AfterEach
	void redisIsRunning() {
		if (!this.redis.isRunning()) {
			this.redis.startAgain();
		}
	}

	@Test
	void aSignInBegunOnOneInstanceCompletesOnTheOtherAndWorksOnBoth() {
		HttpResponse<String> account = this.onA.get("/account");
		HttpResponse<String> toAuthorize = this.onA.follow(account);
		HttpResponse<String> approved = this.onA.follow(toAuthorize);
		URI callbackForA = Browser.location(approved);
		assertThat(callbackForA.getPort()).isEqualTo(port(this.instanceA));

		// The load balancer sends Hugging Face's redirect to the other instance.
		HttpResponse<String> signedIn = this.onB.get(onInstance(callbackForA, this.instanceB));

		assertThat(signedIn.statusCode()).as("B's answer to the callback: %s", signedIn.body()).isEqualTo(302);
		HttpResponse<String> page = this.onA.follow(signedIn);
		assertThat(page.uri().getPath()).isEqualTo("/account");
		assertThat(Browser.page(page).body().text()).contains("Your account", "Ada Lovelace", "acme, open-science, team-2");
		assertThat(signedInAs(this.onA)).isEqualTo("ada");
		assertThat(signedInAs(this.onB)).isEqualTo("ada");
		assertThat(Browser.page(this.onB.get("/account")).body().text()).contains("Ada Lovelace");
	}

	@Test
	void sixteenRequestsAtExpiryOverBothInstancesRefreshOnceAndTheUserStaysSignedIn() {
		signInWithATokenAboutToExpire(this.onA);

		List<HttpResponse<String>> answers = Burst.of(16, (i) -> ((i % 2 == 0) ? this.onA : this.onB).getJson("/api/me"));

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.statusCode()).as("%s: %s", answer.uri(), answer.body()).isEqualTo(200);
			assertThat(Json.parse(answer.body())).containsEntry("username", "ada");
		});
		System.out.println("Servlet, two instances sharing Redis (" + serialization() + "): refresh requests for a "
				+ "burst of 16 at expiry: " + this.huggingFace.refreshRequests().size());
		assertThat(this.huggingFace.refreshRequests()).as("refreshes for one session").hasSize(1);
		assertThat(signedInAs(this.onA)).isEqualTo("ada");
		assertThat(signedInAs(this.onB)).isEqualTo("ada");
		assertThat(this.huggingFace.refreshRequests()).as("the new token is used by both").hasSize(1);
	}

	@Test
	void aRefreshHuggingFaceRefusesEndsTheSessionOnBothInstancesAndTheUserSignsInAgain() {
		signInWithATokenAboutToExpire(this.onA);
		this.huggingFace.revokeRefreshTokens();

		List<HttpResponse<String>> answers = Burst.of(16, (i) -> ((i % 2 == 0) ? this.onA : this.onB).getJson("/api/me"));

		assertThat(answers).extracting(HttpResponse::statusCode).as("no error, no cut answer").isSubsetOf(200, 401);
		assertThat(this.huggingFace.refreshRequests()).as("the dead refresh token is sent once").hasSize(1);
		assertThat(this.onA.getJson("/api/me").statusCode()).isEqualTo(401);
		assertThat(this.onB.getJson("/api/me").statusCode()).isEqualTo(401);
		HttpResponse<String> account = this.onB.get("/account");
		assertThat(Browser.location(account).getPath()).as("the next page offers sign-in")
			.isEqualTo(HfOAuth2Registration.LOGIN_URL);
		HttpResponse<String> back = this.onA.followRedirects(account);
		assertThat(back.uri().getPath()).as("back where they were after signing in again").isEqualTo("/account");
		assertThat(signedInAs(this.onB)).isEqualTo("ada");
	}

	@Test
	void whileHuggingFaceIsDownNobodyIsSignedOutAndTheTokenIsRefreshedOnceItIsBack() {
		signInWithATokenAboutToExpire(this.onA);
		this.huggingFace.breakEndpoint("/oauth/token", aResponse().withStatus(503));
		try {
			List<HttpResponse<String>> answers = Burst.of(16,
					(i) -> ((i % 2 == 0) ? this.onA : this.onB).getJson("/api/me"));

			assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
			assertThat(this.huggingFace.refreshRequests()).as("at most one try per instance, then a quiet period")
				.hasSizeBetween(1, 2);
		}
		finally {
			this.huggingFace.repair();
		}
		this.huggingFace.resetRequests();
		sleep(RETRY_AFTER_OUTAGE.toMillis());

		List<HttpResponse<String>> answers = Burst.of(16, (i) -> ((i % 2 == 0) ? this.onA : this.onB).getJson("/api/me"));

		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
		assertThat(this.huggingFace.refreshRequests()).as("refreshed once Hugging Face is back").hasSize(1);
	}

	@Test
	void logoutOnOneInstanceSignsOutOnTheOther() {
		this.onA.signIn();
		assertThat(signedInAs(this.onB)).isEqualTo("ada");

		String csrfToken = Browser.csrfToken(Browser.page(this.onB.get("/")));
		HttpResponse<String> signedOut = this.onB.post("/logout", Map.of("_csrf", csrfToken));

		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(this.onA.getJson("/api/me").statusCode()).isEqualTo(401);
		assertThat(this.onB.getJson("/api/me").statusCode()).isEqualTo(401);
		assertThat(Browser.page(this.onA.get("/")).body().text()).contains("Sign in with Hugging Face");
	}

	@Test
	void whileRedisIsDownUsersReadWhyAndSignInAgainOnceItIsBack() {
		this.onA.signIn();

		this.redis.stop();

		HttpResponse<String> page = this.onA.get("/account");
		assertThat(page.statusCode()).isEqualTo(503);
		String text = Browser.page(page).body().text();
		assertThat(text).contains("cannot reach the store that keeps sign-ins", "try again in a moment");
		assertThat(page.body()).doesNotContain("Exception", "redis", "Redis", "127.0.0.1", "at org.");
		HttpResponse<String> api = this.onB.getJson("/api/me");
		assertThat(api.statusCode()).isEqualTo(503);
		assertThat(Json.parse(api.body())).containsEntry("error", "session_store_unavailable");
		HttpResponse<String> newSignIn = this.onB.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(newSignIn.statusCode()).isEqualTo(503);

		this.redis.startAgain();

		awaitRecovery(this.onA);
		awaitRecovery(this.onB);
		assertThat(this.onA.getJson("/api/me").statusCode()).as("the session Redis forgot").isEqualTo(401);
		this.onB.signIn();
		assertThat(signedInAs(this.onA)).isEqualTo("ada");
	}

	@Test
	void theAppsOwnDataAccessFailureGetsTheAppsErrorHandlingNotTheStoreDownPage(CapturedOutput output) {
		this.onA.signIn();

		HttpResponse<String> api = this.onB.getJson(OwnDatabase.PATH);

		assertThat(api.statusCode()).as("the app's own failure: %s", api.body()).isEqualTo(500);
		assertThat(api.body()).doesNotContain("session_store_unavailable");
		assertThat(Json.parse(api.body())).containsEntry("path", OwnDatabase.PATH);
		assertThat(output).doesNotContain("The session store failed");
		assertThat(signedInAs(this.onA)).as("still signed in").isEqualTo("ada");
	}

	/**
	 * An endpoint of the app's own that fails with a {@code DataAccessException}, as its
	 * database down would. Not a component: only the instances of these tests have it.
	 */
	static class OwnDatabase {

		static final String PATH = "/api/orders";

		@Bean
		RouterFunction<ServerResponse> ordersOfTheAppsOwnDatabase() {
			return RouterFunctions.route()
				.GET(PATH, (request) -> {
					throw new DataAccessResourceFailureException("the app's own database is down");
				})
				.build();
		}

	}

	@Test
	void aSessionTheAppCannotReadIsForgottenAndTheUserSignsInAgain() {
		this.onA.signIn();
		// A value sealed by the app (as if the key had leaked, or written by a version whose
		// classes changed) of a class no session may hold: refused before it is created.
		Object refused = "jdk".equals(serialization()) ? new BadAttributeValueExpException("x") : new SessionTampering.Gadget();
		byte[] outsideTheAllowList = sessionSerializer(this.instanceA).serialize(refused);
		writeField(this.onA, SECURITY_CONTEXT, outsideTheAllowList);

		HttpResponse<String> again = this.onB.get("/account?tab=orgs");

		assertThat(again.statusCode()).as("answer to a request with the unreadable session: %s", again.body())
			.isEqualTo(302);
		assertThat(Browser.location(again)).isEqualTo(this.onB.url("/account?tab=orgs"));
		assertThat(this.onB.cookie("SESSION")).as("the session cookie").isNull();
		HttpResponse<String> page = this.onB.followRedirects(again);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/account");
		assertThat(signedInAs(this.onA)).as("signed in again").isEqualTo("ada");
	}

	@Test
	void aSessionWhoseLifetimeWasEditedInTheStoreIsForgottenNotKept() {
		this.onA.signIn();
		// Someone who can write to Redis keeps the session alive for years; the number's MAC
		// no longer matches, and a session without its lifetime cannot be read.
		byte[] lifetime = fields(this.onA).get("maxInactiveInterval");
		writeField(this.onA, "maxInactiveInterval", new String(lifetime, StandardCharsets.ISO_8859_1)
			.replaceFirst("I[0-9]+$", "I99999999").getBytes(StandardCharsets.ISO_8859_1));

		assertForgottenAndSignedInAgain();
	}

	@Test
	void aSessionWrittenInAnotherFormatIsForgottenAndTheUserSignsInAgain() {
		this.onA.signIn();
		// Spring Session's times as its default serializer (or an earlier version) writes them.
		long now = System.currentTimeMillis();
		writeField(this.onA, "creationTime", SessionTampering.javaSerialized(now));
		writeField(this.onA, "lastAccessedTime", SessionTampering.javaSerialized(now));
		writeField(this.onA, "maxInactiveInterval", SessionTampering.javaSerialized(1800));

		assertForgottenAndSignedInAgain();
	}

	// The browser drops its session cookie and asks for the page again, which offers sign-in;
	// no 500.
	private void assertForgottenAndSignedInAgain() {
		HttpResponse<String> again = this.onB.get("/account?tab=orgs");

		assertThat(again.statusCode()).as("answer to a request with the session: %s", again.body()).isEqualTo(302);
		assertThat(Browser.location(again)).isEqualTo(this.onB.url("/account?tab=orgs"));
		assertThat(this.onB.cookie("SESSION")).as("the session cookie").isNull();
		HttpResponse<String> page = this.onB.followRedirects(again);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/account");
		assertThat(signedInAs(this.onA)).as("signed in again").isEqualTo("ada");
	}

	@Test
	void anIdTokenEditedInTheStoreIsRefused(CapturedOutput output) {
		this.onA.signIn();
		assertThat(organizationsOf(this.onB)).doesNotContain("evil-corp");
		// Claims of the ID token win over userinfo's: an "orgs" claim would make Ada an admin.
		Map<String, byte[]> before = fields(this.onA);
		byte[] forged = SessionTampering.withIdTokenPayload(before.get(SECURITY_CONTEXT), (claims) -> claims.put("orgs", List.of(Map
			.of("sub", "5e67bd5b1009063689499999", "preferred_username", "evil-corp", "roleInOrg", "admin"))));
		writeField(this.onA, SECURITY_CONTEXT, forged);

		assertRefusedAndNothingElseLost(before, output);
	}

	@Test
	void userinfoEditedInTheStoreIsRefused(CapturedOutput output) {
		this.onA.signIn();
		Map<String, byte[]> before = fields(this.onA);
		// team-2 becomes evil-c (same length), in userinfo and in the authority names.
		writeField(this.onA, SECURITY_CONTEXT, SessionTampering.replaced(before.get(SECURITY_CONTEXT), "team-2", "evil-c"));

		assertRefusedAndNothingElseLost(before, output);
	}

	@Test
	void aForeignObjectInPlaceOfTheSignInIsRefused(CapturedOutput output) {
		this.onA.signIn();
		Map<String, byte[]> before = fields(this.onA);
		// Without the key, as someone who can only write to Redis would write it.
		byte[] foreign = "jdk".equals(serialization()) ? SessionTampering.javaSerialized(new BadAttributeValueExpException("x"))
				: "[\"java.net.URL\",\"http://attacker.example\"]".getBytes(StandardCharsets.UTF_8);
		writeField(this.onA, SECURITY_CONTEXT, foreign);

		assertRefusedAndNothingElseLost(before, output);
	}

	// Signed out on both instances, the next page offers sign-in, the session and its other
	// values stay, one WARN line without a token; signing in again works.
	private void assertRefusedAndNothingElseLost(Map<String, byte[]> before, CapturedOutput output) {
		String cookie = this.onA.cookie("SESSION");

		assertThat(this.onB.getJson("/api/me").statusCode()).as("/api/me with the edited session").isEqualTo(401);
		assertThat(this.onA.getJson("/api/me").statusCode()).isEqualTo(401);
		HttpResponse<String> home = this.onA.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(Browser.page(home).body().text()).contains("Sign in with Hugging Face");

		assertThat(this.onA.cookie("SESSION")).as("the same session").isEqualTo(cookie);
		Map<String, byte[]> after = fields(this.onA);
		for (String field : before.keySet()) {
			if (!field.equals(SECURITY_CONTEXT) && field.startsWith("sessionAttr:")) {
				assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
			}
		}
		assertThat(output).contains("fails its integrity check").doesNotContain("eyJ", "hf_oauth_");
		this.onB.signIn();
		assertThat(signedInAs(this.onA)).as("signed in again").isEqualTo("ada");
		assertThat(organizationsOf(this.onA)).doesNotContain("evil-corp", "evil-c");
	}

	@Test
	void anAuthenticatedSessionIsSmall() {
		this.onA.signIn();
		Map<String, Integer> typical = storedSession(this.instanceA, this.onA);

		this.onB.post("/logout", Map.of("_csrf", Browser.csrfToken(Browser.page(this.onB.get("/")))));
		this.huggingFace.userInfo(userInfo(200));
		this.onB.signIn();
		Map<String, Integer> manyOrganizations = storedSession(this.instanceB, this.onB);

		System.out.println("Session in Redis (" + serialization() + "), bytes of field names and values: typical user "
				+ "(3 organizations) " + total(typical) + " " + typical + "; 200 organizations "
				+ total(manyOrganizations) + " " + manyOrganizations);
		assertThat(total(typical)).as("an authenticated session of a typical user, in bytes")
			.isLessThanOrEqualTo(TYPICAL_SESSION_CEILING);
		assertThat(total(manyOrganizations)).isGreaterThan(total(typical));
	}

	private ConfigurableApplicationContext startInstance() {
		// Arguments, so that they win over application-redis.properties as they would on a command line.
		return new SpringApplicationBuilder(SampleApplication.class, OwnDatabase.class).profiles("redis")
			.run("--server.port=0", "--spring.data.redis.url=" + this.redis.url(), "--spring.data.redis.timeout=1s",
					"--hf.oauth.session.serialization=" + serialization(),
					"--hf.oauth.client-id=" + FakeHuggingFace.DEFAULT_CLIENT_ID,
					"--hf.oauth.client-secret=" + FakeHuggingFace.DEFAULT_CLIENT_SECRET,
					"--hf.oauth.provider-url=" + this.huggingFace.baseUrl(), "--hf.oauth.scopes=" + SCOPES,
					"--hf.oauth.token-expiry.outage-retry-interval=" + RETRY_AFTER_OUTAGE.toMillis() + "ms");
	}

	// Tokens that count as expired at once (one second is within the minute of clock skew),
	// and then, refreshed, good for hours. The sign-in stops at the callback's answer: the page
	// after it would already refresh.
	private void signInWithATokenAboutToExpire(Browser browser) {
		this.huggingFace.refreshTokens(true).expiresIn(1);
		HttpResponse<String> callback = browser.follow(browser.follow(browser.get(HfOAuth2Registration.LOGIN_URL)));
		assertThat(callback.uri().getPath()).isEqualTo("/login/oauth2/code/huggingface");
		assertThat(callback.statusCode()).as("signed in: %s", callback.body()).isEqualTo(302);
		this.huggingFace.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).resetRequests();
	}

	private static String signedInAs(Browser browser) {
		HttpResponse<String> me = browser.getJson("/api/me");
		assertThat(me.statusCode()).as("/api/me on %s", me.uri()).isEqualTo(200);
		return (String) Json.parse(me.body()).get("username");
	}

	// Lettuce reconnects on its own; until it has, the app keeps answering 503.
	private static void awaitRecovery(Browser browser) {
		Instant deadline = Instant.now().plus(RECOVERY);
		int status = browser.get("/").statusCode();
		while (status != 200 && Instant.now().isBefore(deadline)) {
			sleep();
			status = browser.get("/").statusCode();
		}
		assertThat(status).as("the home page once Redis is back").isEqualTo(200);
	}

	// What Spring Session stores for the browser's session: each hash field and its value.
	private static Map<String, Integer> storedSession(ConfigurableApplicationContext instance, Browser browser) {
		Map<String, Integer> sizes = new TreeMap<>();
		try (RedisConnection connection = connection(instance)) {
			byte[] key = sessionKey(browser);
			Map<byte[], byte[]> fields = connection.hashCommands().hGetAll(key);
			assertThat(fields).as("the session in Redis").isNotEmpty();
			fields.forEach((field, value) -> sizes.put(new String(field, StandardCharsets.UTF_8),
					field.length + value.length));
		}
		return sizes;
	}

	private static RedisConnection connection(ConfigurableApplicationContext instance) {
		return instance.getBean(RedisConnectionFactory.class).getConnection();
	}

	// Spring Session's key of the browser's session (its cookie holds the id in base64).
	private static byte[] sessionKey(Browser browser) {
		String sessionId = new String(Base64.getDecoder().decode(browser.cookie("SESSION")), StandardCharsets.UTF_8);
		return ("spring:session:sessions:" + sessionId).getBytes(StandardCharsets.UTF_8);
	}

	private static int total(Map<String, Integer> sizes) {
		return sizes.values().stream().mapToInt(Integer::intValue).sum();
	}

	private static List<String> organizationsOf(Browser browser) {
		HttpResponse<String> me = browser.getJson("/api/me");
		assertThat(me.statusCode()).isEqualTo(200);
		return Json.asList(Json.parse(me.body()).get("organizations")).stream()
			.map((organization) -> (String) Json.asObject(organization).get("username"))
			.toList();
	}

	private Map<String, byte[]> fields(Browser browser) {
		Map<String, byte[]> fields = new TreeMap<>();
		try (RedisConnection connection = connection(this.instanceA)) {
			connection.hashCommands().hGetAll(sessionKey(browser)).forEach((field, value) ->
					fields.put(new String(field, StandardCharsets.UTF_8), value));
		}
		return fields;
	}

	private void writeField(Browser browser, String field, byte[] value) {
		try (RedisConnection connection = connection(this.instanceA)) {
			connection.hashCommands().hSet(sessionKey(browser), field.getBytes(StandardCharsets.UTF_8), value);
		}
	}

	@SuppressWarnings("unchecked")
	private static RedisSerializer<Object> sessionSerializer(ConfigurableApplicationContext instance) {
		return instance.getBean("springSessionDefaultRedisSerializer", RedisSerializer.class);
	}

	private static String onInstance(URI url, ConfigurableApplicationContext instance) {
		return "http://localhost:" + port(instance) + url.getRawPath() + "?" + url.getRawQuery();
	}

	private static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

	private static String userInfo(int organizations) {
		return JsonMapper.builder().build().writeValueAsString(SessionFixtures.userInfo(organizations));
	}

	private static void sleep() {
		sleep(200);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
