package io.github.hfoauth.servlet;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.hfoauth.api.HfApiAnswers;
import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfChatRequest;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calling the Hub and Inference Providers as the signed-in user, against WireMock playing
 * both: the user's own token goes out, answers are mapped, and every failure says what to do.
 */
@ExtendWith(OutputCaptureExtension.class)
class HfApiClientTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	static void huggingFace(DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
		registry.add("hf.api.hub-url", fake::baseUrl);
		registry.add("hf.api.inference-url", () -> fake.baseUrl() + "/v1");
		registry.add("hf.api.read-timeout", () -> "1s");
	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "logging.level.io.github.hfoauth=DEBUG")
	class AsTheSignedInUser {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
		}

		@AfterEach
		void repair() {
			fake.repair().expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).refreshTokens(false);
		}

		@Test
		void whoamiIsAskedWithTheUsersOwnToken(CapturedOutput output) {
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			TestBrowser browser = signedIn();
			HttpResponse<String> whoami = browser.get(browser.app("/whoami"));
			assertThat(whoami.body()).isEqualTo(HfApiAnswers.WHOAMI_MAPPED);
			String bearer = lastRequest("/api/whoami-v2").getHeader("Authorization");
			assertThat(bearer).startsWith("Bearer hf_oauth_fake_")
				.isEqualTo(fake.userInfoRequests().get(fake.userInfoRequests().size() - 1).getHeader("Authorization"));
			assertThat(output).doesNotContain(bearer.substring("Bearer ".length()));
		}

		@Test
		void aChatCompletionSendsTheOpenAiShapeAndMapsTheAnswer() {
			fake.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(HfApiAnswers.COMPLETION)));
			TestBrowser browser = signedIn();
			HttpResponse<String> answer = browser.get(browser.app("/ask?prompt=Capital%20of%20France%3F"));
			assertThat(answer.body()).isEqualTo(HfApiAnswers.COMPLETION_MAPPED);
			LoggedRequest request = lastRequest("/v1/chat/completions");
			assertThat(request.getHeader("Authorization")).startsWith("Bearer hf_oauth_fake_");
			assertThat(request.getBodyAsString()).isEqualTo(HfApiAnswers.QUESTION_SENT);
		}

		@Test
		void eachFailureSaysWhatToDo(CapturedOutput output) {
			TestBrowser browser = signedIn();
			for (Map.Entry<Integer, String> failure : HfApiAnswers.failures().entrySet()) {
				fake.breakEndpoint("/v1/chat/completions", HfApiAnswers.failing(failure.getKey()));
				assertThat(browser.get(browser.app("/ask?prompt=hi")).body()).as("HTTP %s", failure.getKey())
					.isEqualTo(failure.getValue());
			}
			assertThat(output).doesNotContain("hf_oauth_fake_");
		}

		@Test
		void aSlowModelIsUnavailableNotAHang() {
			fake.breakEndpoint("/v1/chat/completions", okJson(HfApiAnswers.COMPLETION).withFixedDelay(3000));
			TestBrowser browser = signedIn();
			assertThat(browser.get(browser.app("/ask?prompt=hi")).body()).startsWith(HfApiAnswers.TOO_SLOW);
		}

		@Test
		void aRevokedTokenMeansSignInAgainAndIsForgotten() {
			fake.breakEndpoint("/api/whoami-v2", aResponse().withStatus(401)
				.withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
			TestBrowser browser = signedIn();
			assertThat(browser.get(browser.app("/whoami")).body())
				.isEqualTo(HfApiAnswers.REVOKED);
			fake.repair();
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			fake.resetRequests();
			assertThat(browser.get(browser.app("/whoami")).body()).as("the dead token is not sent again")
				.startsWith("SIGN_IN_AGAIN");
			assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2")))).isEmpty();
		}

		@Test
		void theTokenNeverGoesToAnotherHost() {
			TestBrowser browser = signedIn();
			String elsewhere = fake.baseUrl().replace("127.0.0.1", "localhost") + "/steal";
			assertThat(browser.get(browser.app("/hub?url=" + elsewhere)).body()).startsWith(
					"REFUSED 0: HfApiClient sends the user's Hugging Face token only to " + fake.baseUrl() + ", not to");
			assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/steal")))).isEmpty();
		}

		@Test
		void nobodySignedInIsToldToSignIn() {
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.get(browser.app("/public/whoami")).body())
				.isEqualTo(HfApiAnswers.NOT_SIGNED_IN);
		}

		private TestBrowser signedIn() {
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			return browser;
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "hf.oauth.token-expiry.refresh=false", "hf.oauth.token-expiry.end-session=false",
					"hf.oauth.token-expiry.outage-retry-interval=500ms" })
	class WhenTheTokenExpires {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
		}

		@Test
		void theClientRefreshesItAndCallsWithTheNewToken() {
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			fake.refreshTokens(true).expiresIn(1);
			try {
				TestBrowser browser = new TestBrowser(this.port);
				assertThat(browser.signIn().statusCode()).isEqualTo(302);
				String expired = fake.userInfoRequests().get(fake.userInfoRequests().size() - 1).getHeader("Authorization");
				fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).resetRequests();
				assertThat(browser.get(browser.app("/whoami")).body()).startsWith("HfWhoAmI[id=62f264b9f3c90f4b6514a269");
				assertThat(fake.tokenRequests()).singleElement()
					.satisfies((request) -> assertThat(FakeHuggingFace.formParams(request))
						.containsEntry("grant_type", "refresh_token"));
				assertThat(lastRequest("/api/whoami-v2").getHeader("Authorization")).startsWith("Bearer hf_oauth_fake_")
					.isNotEqualTo(expired);
			}
			finally {
				fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).refreshTokens(false);
			}
		}

		@Test
		void whileHuggingFaceCannotRefreshItTheCallSaysTryLaterAndTheUserStaysSignedIn() {
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			fake.refreshTokens(true).expiresIn(1);
			try {
				TestBrowser browser = new TestBrowser(this.port);
				assertThat(browser.signIn().statusCode()).isEqualTo(302);
				fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).breakEndpoint("/oauth/token", aResponse().withStatus(503));
				assertThat(browser.get(browser.app("/whoami")).body()).startsWith("UNAVAILABLE 0: Hugging Face could not "
						+ "renew the sign-in for the signed-in user just now. Try again in a moment.");
				fake.repair();
				fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
				TokenExpiryTests.sleep(TokenExpiryTests.RETRY_AFTER_OUTAGE);
				fake.resetRequests();
				assertThat(browser.get(browser.app("/whoami")).body()).as("the same refresh token, once it is back")
					.isEqualTo(HfApiAnswers.WHOAMI_MAPPED);
				assertThat(fake.refreshRequests()).hasSize(1);
			}
			finally {
				fake.repair().expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).refreshTokens(false);
			}
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class InMockMode {

		@Value("${local.server.port}")
		int port;

		@Test
		void thereIsNoTokenUnlessTheDeveloperGivesTheirs() {
			TestBrowser browser = new TestBrowser(this.port);
			browser.get(browser.app("/oauth2/authorization/huggingface"));
			assertThat(browser.get(browser.app("/whoami")).body()).startsWith(HfApiAnswers.MOCK_WITHOUT_TOKEN);
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "hf.oauth.mock.token=hf_developer_token")
	class InMockModeWithTheDevelopersToken {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			registry.add("hf.api.hub-url", fake::baseUrl);
		}

		@Test
		void callsAreMadeWithThatToken() {
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			TestBrowser browser = new TestBrowser(this.port);
			browser.get(browser.app("/oauth2/authorization/huggingface"));
			assertThat(browser.get(browser.app("/whoami")).body()).startsWith("HfWhoAmI[");
			assertThat(lastRequest("/api/whoami-v2").getHeader("Authorization")).isEqualTo("Bearer hf_developer_token");
		}

	}

	static LoggedRequest lastRequest(String path) {
		List<LoggedRequest> requests = path.startsWith("/v1")
				? fake.server().findAll(postRequestedFor(urlEqualTo(path)))
				: fake.server().findAll(getRequestedFor(urlEqualTo(path)));
		assertThat(requests).as("requests to %s", path).isNotEmpty();
		return requests.get(requests.size() - 1);
	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		private final HfApiClient hf;

		App(HfApiClient hf) {
			this.hf = hf;
		}

		@org.springframework.context.annotation.Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**").permitAll()
				.anyRequest()
				.authenticated()).with(io.github.hfoauth.HfOAuth2LoginConfigurer.huggingFace(), Customizer.withDefaults());
			return http.build();
		}

		// As text, so that a test reads the whole mapped record.
		@GetMapping({ "/whoami", "/public/whoami" })
		String whoami() {
			return this.hf.whoami().toString();
		}

		@GetMapping("/ask")
		String ask(@RequestParam String prompt) {
			return this.hf.chatCompletion(new HfChatRequest("HuggingFaceTB/SmolLM3-3B",
					List.of(new HfChatRequest.Message("user", prompt)), 64, 0.2)).toString();
		}

		@GetMapping("/hub")
		String hub(@RequestParam String url) {
			return this.hf.hub().get().uri(url).retrieve().body(String.class);
		}

		@ExceptionHandler(HfApiException.class)
		ResponseEntity<String> failure(HfApiException ex) {
			return ResponseEntity.ok(HfApiAnswers.describe(ex));
		}

	}

}
