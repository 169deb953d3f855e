package io.github.hfoauth.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Ask a model" page: the visitor's question goes to Inference Providers with their own
 * token, and the answer, or what to do about a failure, is on the page.
 */
class AskModelTests {

	static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class SignedIn {

		@LocalServerPort
		int port;

		Browser browser;

		@DynamicPropertySource
		static void space(DynamicPropertyRegistry registry) {
			SpaceSignIn.environment(registry, huggingFace, FakeHuggingFace.DEFAULT_CLIENT_SECRET);
			registry.add("hf.api.inference-url", () -> huggingFace.baseUrl() + "/v1");
		}

		@BeforeEach
		void signIn() {
			this.browser = new Browser(this.port);
			SpaceSignIn.signIn(this.browser);
			huggingFace.resetRequests();
		}

		@AfterEach
		void repair() {
			huggingFace.repair();
		}

		@Test
		void theAnswerIsShownAndTheQuestionWentWithTheVisitorsToken() {
			huggingFace.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
					{"id":"c1","model":"HuggingFaceTB/SmolLM3-3B","choices":[{"index":0,"finish_reason":"stop",
					 "message":{"role":"assistant","content":"<b>Paris</b> is the capital."}}],
					 "usage":{"prompt_tokens":9,"completion_tokens":6}}""")));
			Document answer = ask("What is the capital of France?");
			assertThat(answer.select(".answer-text").text()).isEqualTo("<b>Paris</b> is the capital.");
			assertThat(answer.select(".answer-text b")).as("escaped, not markup").isEmpty();
			List<LoggedRequest> calls = huggingFace.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
			assertThat(calls).hasSize(1);
			assertThat(calls.get(0).getHeader("Authorization")).startsWith("Bearer hf_oauth_fake_");
			assertThat(calls.get(0).getBodyAsString()).contains("\"model\":\"HuggingFaceTB/SmolLM3-3B\"",
					"\"content\":\"What is the capital of France?\"");
		}

		@Test
		void aTokenWithoutInferenceApiSaysWhichScopeToAdd() {
			huggingFace.breakEndpoint("/v1/chat/completions", aResponse().withStatus(403));
			Document page = ask("Hello?");
			assertThat(page.select("[role=alert]").text()).contains("the app needs the scope 'inference-api'",
					"hf_oauth_scopes in the README metadata");
			assertThat(page.select(".answer")).isEmpty();
		}

		@Test
		void anExpiredSignInOffersToSignInAgain() {
			huggingFace.breakEndpoint("/v1/chat/completions", aResponse().withStatus(401));
			Document page = ask("Hello?");
			assertThat(page.select("[role=alert]").text()).contains("sign in again");
			assertThat(page.select("[role=alert] a").attr("href")).isEqualTo("/oauth2/authorization/huggingface");
		}

		private Document ask(String prompt) {
			Document form = Browser.page(this.browser.get("/ask"));
			HttpResponse<String> answer = this.browser.post("/ask",
					Map.of("_csrf", Browser.csrfToken(form), "prompt", prompt, "model", "HuggingFaceTB/SmolLM3-3B"));
			assertThat(answer.statusCode()).isEqualTo(200);
			return Browser.page(answer);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class InMockMode {

		@LocalServerPort
		int port;

		@Test
		void theMockUserIsToldThereIsNoToken() {
			Browser browser = new Browser(this.port);
			browser.followRedirects(browser.get("/oauth2/authorization/huggingface"));
			Document form = Browser.page(browser.get("/ask"));
			Document page = Browser
				.page(browser.post("/ask", Map.of("_csrf", Browser.csrfToken(form), "prompt", "Hello?")));
			assertThat(page.select("[role=alert]").text()).contains("Mock mode has no Hugging Face token",
					"hf.oauth.mock.token");
		}

	}

}
