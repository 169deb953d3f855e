package io.github.hfoauth.sample.reactive;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.management.BadAttributeValueExpException;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.sample.Browser;
import io.github.hfoauth.sample.Json;
import io.github.hfoauth.sample.SessionTampering;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two WebFlux instances sharing sessions in Redis: the user must not notice which instance
 * answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveSharedSessionsTests extends ReactiveSharedSessionsHarness {

	// Bytes an authenticated session of a typical user stays under, with some room over what was
	// measured (README, "Running several instances").
	private static final int TYPICAL_CEILING = 4_096; // measured 3,433 bytes (jdk)

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
		HttpResponse<String> page = this.onA.get(onInstance(Browser.location(signedIn), this.instanceA));
		assertThat(page.uri().getPath()).isEqualTo("/account");
		assertThat(Browser.page(page).body().text()).contains("Your account", "Ada Lovelace", "acme, open-science, team-2");
		assertThat(signedInAs(this.onA)).isEqualTo("ada");
		assertThat(signedInAs(this.onB)).isEqualTo("ada");
		assertThat(Browser.page(this.onB.get("/account")).body().text()).contains("Ada Lovelace");
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
	void theSessionStoreHoldsNeitherTheClientSecretNorTheDiscoveryDocument() {
		this.onA.signIn();
		assertThat(signedInAs(this.onB)).isEqualTo("ada");

		Map<String, byte[]> stored = storedSession(this.instanceA, this.onA);

		stored.forEach((field, value) -> assertThat(new String(value, StandardCharsets.ISO_8859_1))
			.as("session field %s", field)
			.doesNotContain(FakeHuggingFace.DEFAULT_CLIENT_SECRET, ClientRegistration.class.getName(), "jwks_uri",
					"token_endpoint_auth_methods_supported", this.huggingFace.baseUrl() + "/oauth/token"));
		assertThat(stored.keySet()).as("the tokens are in the session")
			.anyMatch((field) -> field.contains("HfWebSessionAuthorizedClientRepository"));
	}

	@Test
	void whileRedisIsDownUsersReadWhyAndSignInAgainOnceItIsBack(CapturedOutput output) {
		this.onA.signIn();
		int logged = output.getOut().length();

		this.redis.stop();

		HttpResponse<String> page = this.onA.get("/account");
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
		String text = Browser.page(page).body().text();
		assertThat(text).contains("cannot reach the store that keeps sign-ins", "try again in a moment");
		assertThat(page.body()).doesNotContain("Exception", "redis", "Redis", "127.0.0.1", "at org.");
		HttpResponse<String> api = this.onB.getJson("/api/me");
		assertThat(api.statusCode()).isEqualTo(503);
		assertThat(Json.parse(api.body())).containsEntry("error", "session_store_unavailable");
		HttpResponse<String> newSignIn = this.onB.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(newSignIn.statusCode()).isEqualTo(503);
		String log = output.getOut().substring(logged);
		assertThat(log.split("The session store failed, answered GET with 503", -1)).as("one line per request in:%n%s", log)
			.hasSize(4);
		assertThat(log).doesNotContain("500 Server Error", "\tat org.springframework.web");

		this.redis.startAgain();

		awaitRecovery(this.onA);
		awaitRecovery(this.onB);
		assertThat(this.onA.getJson("/api/me").statusCode()).as("the session Redis forgot").isEqualTo(401);
		this.onB.signIn();
		assertThat(signedInAs(this.onA)).isEqualTo("ada");
	}

	@Test
	void whenRedisRefusesToSaveTheSessionUsersGetTheWholeStoreDownAnswerAndStaySignedIn() {
		this.onA.signIn();

		// Redis out of memory: it still reads sessions but refuses to write them.
		try (RedisConnection connection = redisConnection(this.instanceA)) {
			connection.serverCommands().setConfig("maxmemory", "1");
		}
		HttpResponse<String> page;
		HttpResponse<String> api;
		try {
			page = this.onB.get("/account");
			api = this.onA.getJson("/api/me");
		}
		finally {
			try (RedisConnection connection = redisConnection(this.instanceA)) {
				connection.serverCommands().setConfig("maxmemory", "0");
			}
		}

		assertThat(page.statusCode()).as("answer to a request whose session could not be saved: %s", page.body())
			.isEqualTo(503);
		assertThat(Browser.page(page).body().text()).contains("cannot reach the store that keeps sign-ins")
			.doesNotContain("Your account", "Ada Lovelace");
		assertThat(page.body()).endsWith("</html>").doesNotContain("OOM", "maxmemory", "Exception");
		assertThat(api.statusCode()).isEqualTo(503);
		assertThat(Json.parse(api.body())).containsEntry("error", "session_store_unavailable");
		assertThat(signedInAs(this.onA)).as("once Redis saves again").isEqualTo("ada");
	}

	@Test
	void aSessionTheAppCannotReadIsForgottenAndTheUserSignsInAgain() {
		this.onA.signIn();
		// A value sealed by the app (as if the key had leaked, or written by a version whose
		// classes changed) of a class no session may hold: refused before it is created.
		byte[] outsideTheAllowList = this.instanceA.getBean("springSessionDefaultRedisSerializer", RedisSerializer.class)
			.serialize(new BadAttributeValueExpException("x"));
		try (RedisConnection connection = redisConnection(this.instanceA)) {
			connection.hashCommands().hSet(sessionKey(this.onA), "sessionAttr:SPRING_SECURITY_CONTEXT".getBytes(
					StandardCharsets.UTF_8), outsideTheAllowList);
		}

		HttpResponse<String> again = this.onB.get("/account?tab=orgs");

		assertThat(again.statusCode()).as("answer to a request with the unreadable session: %s", again.body())
			.isEqualTo(302);
		assertThat(Browser.location(again)).isEqualTo(this.onB.url("/account?tab=orgs"));
		assertThat(this.onB.cookie("SESSION")).as("the session cookie").isNull();
		HttpResponse<String> page = this.onB.followRedirects(again);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/account");
		assertThat(Browser.page(page).body().text()).contains("Your account", "Ada Lovelace");
		assertThat(signedInAs(this.onA)).as("signed in again").isEqualTo("ada");
	}

	@Test
	void aSessionWhoseLifetimeWasEditedInTheStoreIsForgottenNotKept() {
		this.onA.signIn();
		// Someone who can write to Redis keeps the session alive for years; the number's MAC
		// no longer matches, and a session without its lifetime cannot be read.
		byte[] lifetime = storedSession(this.instanceA, this.onA).get("maxInactiveInterval");
		write("maxInactiveInterval", new String(lifetime, StandardCharsets.ISO_8859_1)
			.replaceFirst("I[0-9]+$", "I99999999").getBytes(StandardCharsets.ISO_8859_1));

		assertForgottenAndSignedInAgain();
	}

	@Test
	void aSessionWrittenInAnotherFormatIsForgottenAndTheUserSignsInAgain() {
		this.onA.signIn();
		// Spring Session's times as its default serializer (or an earlier version) writes them.
		long now = System.currentTimeMillis();
		write("creationTime", SessionTampering.javaSerialized(now));
		write("lastAccessedTime", SessionTampering.javaSerialized(now));
		write("maxInactiveInterval", SessionTampering.javaSerialized(1800));

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

	private void write(String field, byte[] value) {
		try (RedisConnection connection = redisConnection(this.instanceA)) {
			connection.hashCommands().hSet(sessionKey(this.onA), field.getBytes(StandardCharsets.UTF_8), value);
		}
	}

	@Test
	void anAuthenticatedSessionIsSmall() {
		this.onA.signIn();
		Map<String, Integer> typical = storedSessionSizes(this.instanceA, this.onA);

		this.onB.post("/logout", Map.of("_csrf", Browser.csrfToken(Browser.page(this.onB.get("/")))));
		this.huggingFace.userInfo(userInfo(200));
		this.onB.signIn();
		Map<String, Integer> manyOrganizations = storedSessionSizes(this.instanceB, this.onB);

		System.out.println("WebFlux session in Redis (jdk), bytes of field names and values: typical user "
				+ "(3 organizations) " + total(typical) + " " + typical + "; 200 organizations "
				+ total(manyOrganizations) + " " + manyOrganizations);
		assertThat(total(typical)).as("an authenticated session of a typical user, in bytes").isLessThan(TYPICAL_CEILING);
		assertThat(total(manyOrganizations)).isGreaterThan(total(typical));
	}

}
