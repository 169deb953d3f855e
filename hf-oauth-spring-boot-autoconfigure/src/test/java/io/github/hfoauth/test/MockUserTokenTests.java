package io.github.hfoauth.test;

import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.api.HfApiAnswers;
import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.hfoauth.test.HfLoginRequestPostProcessor.hfLogin;
import static org.hamcrest.Matchers.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * An app's MockMvc tests of its own code that calls Hugging Face as the user: the mock user
 * given a token ({@code @WithMockHfUser(token = ...)}, {@code hfLogin().token(...)}) has the
 * app's {@code HfApiClient} and {@code @HttpExchange} interfaces call the stub Hub with it,
 * in mock mode as with a configured client, without any provider.
 */
class MockUserTokenTests {

	static final FakeHuggingFace hub = FakeHuggingFace.start();

	@AfterAll
	static void stopHub() {
		hub.close();
	}

	static void stubHub(DynamicPropertyRegistry registry) {
		registry.add("hf.api.hub-url", hub::baseUrl);
	}

	abstract static class AppTests {

		@Autowired
		WebApplicationContext context;

		MockMvc mockMvc;

		@BeforeEach
		void mockMvc() {
			this.mockMvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
			hub.server().stubFor(WireMock.get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			hub.server().stubFor(WireMock.get(urlEqualTo("/api/models?author=alice")).willReturn(okJson("[]")));
		}

		@AfterEach
		void forget() {
			hub.resetRequests();
		}

		@Test
		@WithMockHfUser(username = "alice", token = "hf_test")
		void theAnnotatedUsersTokenReachesTheStub() throws Exception {
			this.mockMvc.perform(get("/whoami")).andExpect(content().string(HfApiAnswers.WHOAMI_MAPPED));
			this.mockMvc.perform(get("/models")).andExpect(content().string("[]"));
			assertThat(authorizations("/api/whoami-v2")).containsExactly("Bearer hf_test");
			assertThat(authorizations("/api/models?author=alice")).containsExactly("Bearer hf_test");
		}

		@Test
		void theRequestsUserHoldsItsOwnToken() throws Exception {
			this.mockMvc.perform(get("/models").with(hfLogin("alice").token("hf_alice")))
				.andExpect(content().string("[]"));
			this.mockMvc.perform(get("/whoami").with(hfLogin("bob").token("hf_bob")))
				.andExpect(content().string(HfApiAnswers.WHOAMI_MAPPED));
			assertThat(authorizations("/api/models?author=alice")).containsExactly("Bearer hf_alice");
			assertThat(authorizations("/api/whoami-v2")).containsExactly("Bearer hf_bob");
		}

		/** What a call gives when the user holds no token. */
		abstract ResultMatcher withoutToken();

		@Test
		@WithMockHfUser(username = "alice")
		void aUserWithoutATokenCallsNobody() throws Exception {
			this.mockMvc.perform(get("/whoami")).andExpect(withoutToken());
			assertThat(hub.server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2")))).isEmpty();
		}

	}

	@Nested
	@SpringBootTest(classes = App.class)
	class InMockMode extends AppTests {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			stubHub(registry);
		}

		@Override
		ResultMatcher withoutToken() {
			return content().string(startsWith(HfApiAnswers.MOCK_WITHOUT_TOKEN));
		}

	}

	// A configured client whose provider is nowhere: the test's token needs no sign-in.
	@Nested
	@SpringBootTest(classes = App.class, properties = { "hf.oauth.client-id=test-client",
			"hf.oauth.client-secret=test-secret", "hf.oauth.provider-url=http://127.0.0.1:9" })
	class WithAConfiguredClient extends AppTests {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			stubHub(registry);
		}

		// As for a real sign-in whose tokens are gone: Spring Security sends the user to sign in.
		@Override
		ResultMatcher withoutToken() {
			return redirectedUrl("/oauth2/authorization/huggingface");
		}

	}

	static List<String> authorizations(String url) {
		return hub.server().findAll(getRequestedFor(urlEqualTo(url))).stream().map((r) -> r.getHeader("Authorization")).toList();
	}

	interface HubModels {

		@GetExchange("/api/models")
		String byAuthor(@RequestParam String author);

	}

	// The app's own code: no component scan, so the other test apps of this package stay out.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	@ImportHttpServices(group = "huggingface", types = HubModels.class)
	static class App {

		private final HfApiClient hf;

		private final HubModels models;

		App(HfApiClient hf, HubModels models) {
			this.hf = hf;
			this.models = models;
		}

		@GetMapping("/whoami")
		String whoami() {
			return this.hf.whoami().toString();
		}

		@GetMapping("/models")
		String models(@AuthenticationPrincipal HfOAuth2User user) {
			return this.models.byAuthor(user.getUsername());
		}

		@ExceptionHandler(HfApiException.class)
		ResponseEntity<String> failure(HfApiException ex) {
			return ResponseEntity.ok(HfApiAnswers.describe(ex));
		}

	}

}
