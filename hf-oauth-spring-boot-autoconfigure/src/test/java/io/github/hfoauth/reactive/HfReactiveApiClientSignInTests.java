package io.github.hfoauth.reactive;

import java.net.http.HttpResponse;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.hfoauth.api.HfApiAnswers;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfChatCompletion;
import io.github.hfoauth.api.HfReactiveApiClient;
import io.github.hfoauth.api.HfWhoAmI;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
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
 * {@link HfReactiveApiClient} in a WebFlux app: the user signs in over real HTTP through the
 * fake Hugging Face, and controllers returning {@code Mono} call the Hub and Inference
 * Providers as that user, with the token the sign-in left in their session.
 */
@ExtendWith(OutputCaptureExtension.class)
class HfReactiveApiClientSignInTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = ReactiveApp.REACTIVE)
	class AsTheSignedInUser {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void huggingFace(DynamicPropertyRegistry registry) {
			fake.configureClient(registry);
			registry.add("hf.api.hub-url", fake::baseUrl);
			registry.add("hf.api.inference-url", () -> fake.baseUrl() + "/v1");
		}

		@AfterEach
		void repair() {
			fake.repair();
		}

		@Test
		void whoamiIsAskedWithTheTokenOfTheSignIn(CapturedOutput output) {
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			TestBrowser browser = signedIn();
			assertThat(browser.get(browser.app("/whoami")).body()).isEqualTo(HfApiAnswers.WHOAMI_MAPPED);
			String bearer = last(fake.server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2"))))
				.getHeader("Authorization");
			assertThat(bearer).startsWith("Bearer hf_oauth_fake_")
				.as("the access token the sign-in got, as userinfo saw it")
				.isEqualTo(last(fake.userInfoRequests()).getHeader("Authorization"));
			assertThat(output).doesNotContain(bearer.substring("Bearer ".length()));
		}

		@Test
		void aChatCompletionIsSentAsTheUser() {
			fake.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(HfApiAnswers.COMPLETION)));
			TestBrowser browser = signedIn();
			assertThat(browser.get(browser.app("/ask")).body()).isEqualTo(HfApiAnswers.COMPLETION_MAPPED);
			LoggedRequest sent = last(fake.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))));
			assertThat(sent.getHeader("Authorization")).startsWith("Bearer hf_oauth_fake_");
			assertThat(sent.getBodyAsString()).isEqualTo(HfApiAnswers.QUESTION_SENT);
		}

		@Test
		void aRevokedTokenMeansSignInAgainAndIsForgotten() {
			TestBrowser browser = signedIn();
			fake.breakEndpoint("/api/whoami-v2",
					aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
			assertThat(browser.get(browser.app("/whoami")).body()).isEqualTo(HfApiAnswers.REVOKED);
			fake.repair().resetRequests();
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			assertThat(browser.get(browser.app("/whoami")).body()).as("the dead token is not sent again")
				.isEqualTo(HfApiAnswers.REVOKED);
			assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2")))).isEmpty();
		}

		private TestBrowser signedIn() {
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			return browser;
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = ReactiveApp.REACTIVE)
	class InMockMode {

		@Value("${local.server.port}")
		int port;

		@Test
		void theMockUserHasNoTokenUnlessTheDeveloperGivesTheirs() {
			TestBrowser mockUser = new TestBrowser(this.port);
			mockUser.get(mockUser.app("/oauth2/authorization/huggingface"));
			for (String call : List.of("/whoami", "/ask")) {
				assertThat(mockUser.get(mockUser.app(call)).body()).as(call).startsWith(HfApiAnswers.MOCK_WITHOUT_TOKEN);
			}
		}

	}

	static <T> T last(List<T> requests) {
		assertThat(requests).isNotEmpty();
		return requests.get(requests.size() - 1);
	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		private final HfReactiveApiClient hf;

		App(HfReactiveApiClient hf) {
			this.hf = hf;
		}

		// As text, so that a test reads the whole mapped record.
		@GetMapping("/whoami")
		Mono<String> whoami() {
			return this.hf.whoami().map(HfWhoAmI::toString);
		}

		@GetMapping("/ask")
		Mono<String> ask() {
			return this.hf.chatCompletion(HfApiAnswers.QUESTION).map(HfChatCompletion::toString);
		}

		@ExceptionHandler(HfApiException.class)
		ResponseEntity<String> failure(HfApiException ex) {
			return ResponseEntity.ok(HfApiAnswers.describe(ex));
		}

	}

}
