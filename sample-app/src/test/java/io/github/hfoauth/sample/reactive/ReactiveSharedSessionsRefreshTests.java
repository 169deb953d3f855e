package io.github.hfoauth.sample.reactive;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.Burst;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.sample.Browser;
import io.github.hfoauth.sample.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two WebFlux instances sharing sessions in Redis, against a fake Hugging Face that rotates
 * refresh tokens and refuses a spent one: requests of one session that find its token expired
 * at once, spread over both instances, refresh it once; a refused refresh ends the session on
 * both; an outage signs nobody out.
 */
class ReactiveSharedSessionsRefreshTests extends ReactiveSharedSessionsHarness {

	// Long enough for a burst to end within it, so that it is tried once per instance.
	private static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(3);

	@Override
	protected List<String> instanceArguments() {
		return List.of("--hf.oauth.token-expiry.outage-retry-interval=" + RETRY_AFTER_OUTAGE.toMillis() + "ms");
	}

	@AfterEach
	void healthyHuggingFace() {
		this.huggingFace.repair().refreshTokens(false).expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN);
	}

	@Test
	void sixteenRequestsAtExpiryOverBothInstancesRefreshOnceAndTheUserStaysSignedIn() {
		signInWithATokenAboutToExpire(this.onA);

		List<HttpResponse<String>> answers = Burst.of(16, (i) -> onEither(i).getJson("/api/me"));

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.statusCode()).as("%s: %s", answer.uri(), answer.body()).isEqualTo(200);
			assertThat(Json.parse(answer.body())).containsEntry("username", "ada");
		});
		System.out.println("WebFlux, two instances sharing Redis: refresh requests for a burst of 16 at expiry: "
				+ this.huggingFace.refreshRequests().size());
		assertThat(this.huggingFace.refreshRequests()).as("refreshes for one session").hasSize(1);
		assertThat(signedInAs(this.onA)).isEqualTo("ada");
		assertThat(signedInAs(this.onB)).isEqualTo("ada");
		assertThat(this.huggingFace.refreshRequests()).as("the new token is used by both").hasSize(1);
	}

	@Test
	void aRefreshHuggingFaceRefusesEndsTheSessionOnBothInstancesAndTheUserSignsInAgain() {
		signInWithATokenAboutToExpire(this.onA);
		this.huggingFace.revokeRefreshTokens();

		List<HttpResponse<String>> answers = Burst.of(16, (i) -> onEither(i).getJson("/api/me"));

		assertThat(answers).extracting(HttpResponse::statusCode).as("no error, no cut answer").isSubsetOf(200, 401);
		assertThat(this.huggingFace.refreshRequests()).as("the dead refresh token is sent once").hasSize(1);
		assertThat(this.onA.getJson("/api/me").statusCode()).isEqualTo(401);
		assertThat(this.onB.getJson("/api/me").statusCode()).isEqualTo(401);
		HttpResponse<String> account = this.onB.get("/account");
		assertThat(Browser.location(account).getPath()).as("the next page offers sign-in")
			.isEqualTo(HfOAuth2Registration.LOGIN_URL);
		HttpResponse<String> back = this.onB.followRedirects(account);
		assertThat(back.uri().getPath()).as("back where they were after signing in again").isEqualTo("/account");
		assertThat(signedInAs(this.onA)).isEqualTo("ada");
	}

	@Test
	void whileHuggingFaceIsDownNobodyIsSignedOutAndTheTokenIsRefreshedOnceItIsBack() throws InterruptedException {
		signInWithATokenAboutToExpire(this.onA);
		this.huggingFace.breakEndpoint("/oauth/token", aResponse().withStatus(503));

		List<HttpResponse<String>> down = Burst.of(16, (i) -> onEither(i).getJson("/api/me"));

		assertThat(down).extracting(HttpResponse::statusCode).containsOnly(200);
		assertThat(this.huggingFace.refreshRequests()).as("at most one try per instance, then a quiet period")
			.hasSizeBetween(1, 2);
		this.huggingFace.repair().resetRequests();
		Thread.sleep(RETRY_AFTER_OUTAGE.toMillis());

		List<HttpResponse<String>> back = Burst.of(16, (i) -> onEither(i).getJson("/api/me"));

		assertThat(back).extracting(HttpResponse::statusCode).containsOnly(200);
		assertThat(this.huggingFace.refreshRequests()).as("refreshed once Hugging Face is back").hasSize(1);
	}

	private Browser onEither(int request) {
		return (request % 2 == 0) ? this.onA : this.onB;
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

}
