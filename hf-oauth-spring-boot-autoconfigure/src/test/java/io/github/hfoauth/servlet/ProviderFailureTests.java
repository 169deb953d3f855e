package io.github.hfoauth.servlet;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.fake.FakeHuggingFace.IdTokenSigning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever Hugging Face answers, or fails to answer, during a sign-in, the user ends on a page
 * that says what happened, is not signed in, and the next sign-in works.
 */
@SpringBootTest(classes = DefaultChainLoginTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "hf.oauth.connect-timeout=2s", "hf.oauth.read-timeout=2s" })
@ExtendWith(OutputCaptureExtension.class)
class ProviderFailureTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	private static final String UNVERIFIED = "The answer from Hugging Face could not be verified";

	private static final String UNREACHABLE = "Hugging Face could not be reached";

	private static final String PROVIDER_ERROR = "Hugging Face answered with an error";

	@Value("${local.server.port}")
	int port;

	private TestBrowser browser;

	@DynamicPropertySource
	static void huggingFace(DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
	}

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@BeforeEach
	void newBrowser() {
		this.browser = new TestBrowser(this.port);
	}

	@AfterEach
	void theNextSignInWorks() {
		fake.repair();
		TestBrowser next = new TestBrowser(this.port);
		assertThat(next.signIn().statusCode()).as("a normal sign-in after the failure").isEqualTo(302);
		assertThat(next.get(next.app("/hello")).statusCode()).isEqualTo(200);
	}

	// --- the ID token ------------------------------------------------------------------

	@Test
	void anIdTokenWithABadSignatureIsRefused(CapturedOutput output) {
		fake.signIdTokens(IdTokenSigning.FOREIGN_KEY_SAME_KID);
		assertFailure(401, UNVERIFIED);
		assertThat(output).containsOnlyOnce("Sign in with Hugging Face failed: invalid_id_token");
	}

	@Test
	void anIdTokenSignedWithAnUnknownKeyIsRefused() {
		fake.signIdTokens(IdTokenSigning.FOREIGN_KEY_UNKNOWN_KID);
		assertFailure(401, UNVERIFIED);
	}

	@Test
	void anIdTokenFromAnotherIssuerIsRefused() {
		fake.tamperIdToken((claims) -> claims.issuer("https://evil.example"));
		assertFailure(401, UNVERIFIED);
	}

	@Test
	void anIdTokenForAnotherClientIsRefused() {
		fake.tamperIdToken((claims) -> claims.audience("another-client"));
		assertFailure(401, UNVERIFIED);
	}

	@Test
	void anExpiredIdTokenIsRefused() {
		Instant longAgo = Instant.now().minusSeconds(7200);
		fake.tamperIdToken((claims) -> claims.issueTime(Date.from(longAgo))
			.expirationTime(Date.from(longAgo.plusSeconds(3600))));
		assertFailure(401, UNVERIFIED);
	}

	@Test
	void anIdTokenWithAnotherNonceIsRefused(CapturedOutput output) {
		fake.tamperIdToken((claims) -> claims.claim("nonce", "replayed-from-another-sign-in"));
		assertFailure(401, UNVERIFIED);
		assertThat(output).contains("Sign in with Hugging Face failed: invalid_nonce");
	}

	@Test
	void userInfoAboutAnotherUserIsRefused(CapturedOutput output) {
		fake.idTokenSubject("aaaaaaaaaaaaaaaaaaaaaaaa");
		try {
			assertFailure(401, UNVERIFIED);
			assertThat(output).contains("Sign in with Hugging Face failed: invalid_user_info_response");
		}
		finally {
			fake.idTokenSubject(FakeHuggingFace.DEFAULT_SUB);
		}
	}

	@Test
	void aRotatedSigningKeyIsFetchedAgainAndTheSignInWorks() {
		assertThat(this.browser.signIn().statusCode()).isEqualTo(302);
		int jwksFetches = fake.jwksRequests().size();
		fake.rotateKey();
		TestBrowser another = new TestBrowser(this.port);
		assertThat(another.signIn().statusCode()).isEqualTo(302);
		assertThat(another.get(another.app("/hello")).statusCode()).isEqualTo(200);
		assertThat(fake.jwksRequests()).hasSize(jwksFetches + 1);
	}

	@Test
	void theJwksIsFetchedOnceForManySignIns() {
		fake.rotateKey();
		fake.resetRequests();
		for (int i = 0; i < 3; i++) {
			assertThat(new TestBrowser(this.port).signIn().statusCode()).isEqualTo(302);
		}
		assertThat(fake.tokenRequests()).hasSize(3);
		assertThat(fake.jwksRequests()).hasSize(1);
	}

	// --- the token endpoint ----------------------------------------------------------------

	@Test
	void aTokenEndpointErrorIsABadGateway() {
		fake.breakEndpoint("/oauth/token", serverError());
		assertFailure(502, PROVIDER_ERROR);
	}

	@Test
	void aTokenEndpointAnsweringGarbageIsABadGateway() {
		fake.breakEndpoint("/oauth/token", okJson("{\"access_token\": 42, <html>"));
		assertFailure(502, PROVIDER_ERROR);
	}

	@Test
	void aSlowTokenEndpointTimesOut() {
		fake.breakEndpoint("/oauth/token", okJson("{}").withFixedDelay(5000));
		assertFailure(503, UNREACHABLE);
	}

	@Test
	void aTokenEndpointThatDropsTheConnectionIsUnreachable() {
		fake.breakEndpoint("/oauth/token",
				aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER));
		assertFailure(503, UNREACHABLE);
	}

	@Test
	void aReplayedCodeIsRefusedByHuggingFaceAndSaysSo(CapturedOutput output) {
		String toProvider = TestBrowser.location(this.browser.get(this.browser.app("/oauth2/authorization/huggingface")));
		String callback = TestBrowser.location(this.browser.get(toProvider));
		assertThat(this.browser.get(callback).statusCode()).as("the victim's sign-in").isEqualTo(302);
		String usedCode = FakeHuggingFace.queryParams(callback).get("code");
		// An attacker starts a sign-in of their own and sends the used code with their own state.
		TestBrowser attacker = new TestBrowser(this.port);
		String attackerState = FakeHuggingFace
			.queryParams(TestBrowser.location(attacker.get(attacker.app("/oauth2/authorization/huggingface"))))
			.get("state");
		HttpResponse<String> replay = attacker
			.get(attacker.app("/login/oauth2/code/huggingface?code=" + usedCode + "&state=" + attackerState));
		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(replay.body()).contains("This sign-in link was already used or has expired.", "Try again");
		assertThat(attacker.get(attacker.app("/hello")).statusCode()).isEqualTo(302);
		assertThat(output).contains("Sign in with Hugging Face failed: invalid_grant").doesNotContain(usedCode);
	}

	@Test
	void aCallbackReplayedInTheSameBrowserIsRefused() {
		String toProvider = TestBrowser.location(this.browser.get(this.browser.app("/oauth2/authorization/huggingface")));
		String callback = TestBrowser.location(this.browser.get(toProvider));
		assertThat(this.browser.get(callback).statusCode()).isEqualTo(302);
		TestBrowser stranger = new TestBrowser(this.port);
		HttpResponse<String> replay = stranger.get(callback);
		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(replay.body()).contains("Your sign-in expired or was started in another window.");
		assertThat(stranger.get(stranger.app("/hello")).statusCode()).isEqualTo(302);
	}

	// --- userinfo ---------------------------------------------------------------------------

	@Test
	void aUserInfoErrorIsABadGateway() {
		fake.breakEndpoint("/oauth/userinfo", serverError());
		assertFailure(502, PROVIDER_ERROR);
	}

	@Test
	void userInfoAnsweringGarbageIsABadGateway() {
		fake.breakEndpoint("/oauth/userinfo", aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("<html>maintenance</html>"));
		assertFailure(502, PROVIDER_ERROR);
	}

	@Test
	void userInfoRefusingTheTokenIsABadGateway() {
		fake.breakEndpoint("/oauth/userinfo", aResponse().withStatus(401)
			.withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
		assertFailure(502, PROVIDER_ERROR);
	}

	@Test
	void aSlowUserInfoTimesOut() {
		fake.breakEndpoint("/oauth/userinfo", okJson("{}").withFixedDelay(5000));
		assertFailure(503, UNREACHABLE);
	}

	// --- the JWKS (cached, so the key must change for it to be asked again) --------------

	@Test
	void aJwksErrorIsABadGateway() {
		fake.rotateKey().breakEndpoint("/oauth/jwks", serverError());
		assertFailure(502, PROVIDER_ERROR);
	}

	@Test
	void aJwksAnsweringGarbageIsABadGateway() {
		fake.rotateKey().breakEndpoint("/oauth/jwks", okJson("{\"keys\": \"none\"}"));
		assertFailure(502, PROVIDER_ERROR);
	}

	@Test
	void aSlowJwksTimesOut() {
		fake.rotateKey().breakEndpoint("/oauth/jwks", okJson("{}").withFixedDelay(5000));
		assertFailure(503, UNREACHABLE);
	}

	private void assertFailure(int status, String message) {
		HttpResponse<String> answer = this.browser.signIn();
		assertThat(answer.statusCode()).isEqualTo(status);
		assertThat(answer.body()).contains(message, "Try again").doesNotContain("Exception", "hf_oauth_fake_",
				"fake-code.", FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		assertThat(this.browser.get(this.browser.app("/hello")).statusCode()).as("not signed in").isEqualTo(302);
	}

}
