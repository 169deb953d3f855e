package io.github.hfoauth.servlet;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.hfoauth.fake.Burst;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session is never signed in with a dead Hugging Face token: the token is refreshed when
 * Hugging Face sent a refresh token, otherwise the user signs in again and comes back.
 * Access tokens from the fake live one second here, less than the minute of clock skew, so
 * they count as expired at once.
 */
class TokenExpiryTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	static final Duration RETRY_AFTER_OUTAGE = Duration.ofMillis(500);

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@AfterEach
	void restoreTheFake() {
		fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).refreshTokens(false);
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void huggingFace(DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
	}

	@Nested
	@SpringBootTest(classes = DefaultChainLoginTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class ByDefault {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
			registry.add("hf.oauth.token-expiry.outage-retry-interval", () -> RETRY_AFTER_OUTAGE.toMillis() + "ms");
		}

		@Test
		void withoutARefreshTokenTheUserSignsInAgainAndComesBack() {
			fake.expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			HttpResponse<String> expired = browser.get(browser.app("/hello"));
			assertThat(TestBrowser.location(expired)).as("sent to sign in again")
				.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
			fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN);
			String toProvider = TestBrowser.location(browser.get(TestBrowser.location(expired)));
			HttpResponse<String> back = browser.get(TestBrowser.location(browser.get(toProvider)));
			assertThat(TestBrowser.location(back)).isEqualTo(browser.app("/hello?continue"));
			assertThat(browser.get(TestBrowser.location(back)).body()).startsWith("Hello ada");
		}

		// The session lives on, signed out, so no container event tells the registry: a sign-out
		// elsewhere must not count it as another tab still signed in.
		@Test
		void aSessionTheExpiryEndsIsNoLongerCountedAsSignedIn(@Autowired SessionRegistry sessions) {
			fake.expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			String session = browser.sessionId();
			assertThat(sessions.getSessionInformation(session)).as("registered at sign-in").isNotNull();
			assertThat(TestBrowser.location(browser.get(browser.app("/hello")))).as("signed out by the expiry")
				.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
			assertThat(browser.sessionId()).as("the same session, signed out").isEqualTo(session);
			assertThat(sessions.getSessionInformation(session)).as("forgotten").isNull();
		}

		@Test
		void withARefreshTokenTheTokenIsRenewedAndTheUserStaysSignedIn() {
			fake.refreshTokens(true).expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).resetRequests();
			HttpResponse<String> page = browser.get(browser.app("/hello"));
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).startsWith("Hello ada");
			assertThat(fake.tokenRequests()).singleElement()
				.satisfies((request) -> assertThat(FakeHuggingFace.formParams(request))
					.containsEntry("grant_type", "refresh_token"));
			assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);
			assertThat(fake.tokenRequests()).as("refreshed once, not on every request").hasSize(1);
		}

		@Test
		void sixteenRequestsAtExpiryRefreshOnceAndAllStaySignedIn() {
			fake.refreshTokens(true).expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).resetRequests();
			List<HttpResponse<String>> answers = Burst.of(16, (i) -> browser.get(browser.app("/hello")));
			assertThat(answers).allSatisfy((answer) -> {
				assertThat(answer.statusCode()).isEqualTo(200);
				assertThat(answer.body()).startsWith("Hello ada");
			});
			System.out.println("Servlet, one instance in memory: refresh requests for a burst of 16 at expiry: "
					+ fake.refreshRequests().size());
			assertThat(fake.refreshRequests()).as("refreshes for one session").hasSize(1);
		}

		@Test
		void aRefreshTokenHuggingFaceRevokedEndsTheSessionOnceAndTheUserSignsInAgain() {
			fake.refreshTokens(true).expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			fake.revokeRefreshTokens().resetRequests();
			HttpResponse<String> page = browser.get(browser.app("/hello"));
			assertThat(TestBrowser.location(page)).isEqualTo(browser.app("/oauth2/authorization/huggingface"));
			assertThat(Burst.of(8, (i) -> browser.get(browser.app("/hello")))).allSatisfy((answer) -> assertThat(
					TestBrowser.location(answer)).isEqualTo(browser.app("/oauth2/authorization/huggingface")));
			assertThat(fake.refreshRequests()).as("the spent refresh token is not sent again").hasSize(1);
		}

		@Test
		void whileHuggingFaceIsDownTheSessionStaysSignedInAndRefreshesOnceItIsBack() {
			fake.refreshTokens(true).expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).resetRequests()
				.breakEndpoint("/oauth/token", aResponse().withStatus(503));
			try {
				assertThat(Burst.of(16, (i) -> browser.get(browser.app("/hello")))).allSatisfy((answer) -> {
					assertThat(answer.statusCode()).isEqualTo(200);
					assertThat(answer.body()).startsWith("Hello ada");
				});
				assertThat(fake.refreshRequests()).as("one try, then a quiet period").hasSize(1);
			}
			finally {
				fake.repair();
			}
			fake.resetRequests();
			sleep(RETRY_AFTER_OUTAGE);
			assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);
			assertThat(Burst.of(8, (i) -> browser.get(browser.app("/hello")))).allSatisfy(
					(answer) -> assertThat(answer.statusCode()).isEqualTo(200));
			assertThat(fake.refreshRequests()).as("refreshed once Hugging Face is back").hasSize(1);
		}

		@Test
		void aRefusedRefreshSendsTheUserToSignInAgain() {
			fake.refreshTokens(true).expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			fake.breakEndpoint("/oauth/token", com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_grant\"}"));
			try {
				HttpResponse<String> page = browser.get(browser.app("/hello"));
				assertThat(TestBrowser.location(page)).isEqualTo(browser.app("/oauth2/authorization/huggingface"));
			}
			finally {
				fake.repair();
			}
		}

		@Test
		void aValidTokenCostsNoCallToHuggingFace() {
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			fake.resetRequests();
			for (int i = 0; i < 3; i++) {
				assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);
			}
			assertThat(fake.totalRequests()).isZero();
		}

	}

	@Nested
	@SpringBootTest(classes = DefaultChainLoginTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "hf.oauth.token-expiry.end-session=false")
	class WhenTheAppKeepsSessions {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
		}

		@Test
		void anExpiredTokenDoesNotEndTheSession() {
			fake.expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);
		}

	}

}
