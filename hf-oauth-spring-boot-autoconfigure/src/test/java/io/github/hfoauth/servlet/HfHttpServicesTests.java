package io.github.hfoauth.servlet;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.api.HfApiAnswers;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.annotation.ClientRegistrationId;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's own {@code @HttpExchange} interfaces in the group {@code huggingface}, on
 * {@code RestClient}: called over real HTTP at the fake Hub with the signed-in user's token,
 * renewed once per session, and failing with the {@link HfApiException} kinds of
 * {@code HfApiClient}.
 */
class HfHttpServicesTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	static final String MODELS = """
			[{"id":"ada/tiny-llama","likes":3},{"id":"ada/small-bert","likes":0}]""";

	static final String MODELS_MAPPED = "[Model[id=ada/tiny-llama, likes=3], Model[id=ada/small-bert, likes=0]]";

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	static void huggingFace(DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
		registry.add("hf.api.hub-url", fake::baseUrl);
		registry.add("hf.api.read-timeout", () -> "2s");
	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class AsTheSignedInUser {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
		}

		@AfterEach
		void repair() {
			fake.repair().resetRequests();
		}

		@Test
		void theInterfaceCallsTheHubWithTheUsersToken() {
			fake.server().stubFor(get(urlEqualTo("/api/models?author=ada")).willReturn(okJson(MODELS)));
			TestBrowser browser = signedIn();
			assertThat(browser.get(browser.app("/models?author=ada")).body()).isEqualTo(MODELS_MAPPED);
			assertThat(lastRequest("/api/models?author=ada")).startsWith("Bearer hf_oauth_fake_")
				.isEqualTo(fake.userInfoRequests().get(fake.userInfoRequests().size() - 1).getHeader("Authorization"));
		}

		@Test
		void anInterfaceMarkedWithClientRegistrationIdIsCalledAsTheUserInAnyGroup() {
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			TestBrowser browser = signedIn();
			assertThat(browser.get(browser.app("/annotated")).body()).contains("\"name\":\"ada\"");
			assertThat(lastRequest("/api/whoami-v2")).startsWith("Bearer hf_oauth_fake_");
		}

		@Test
		void theAppsOtherInterfacesGetNoToken() {
			fake.server().stubFor(get(urlEqualTo("/elsewhere")).willReturn(okJson("{}")));
			TestBrowser browser = signedIn();
			assertThat(browser.get(browser.app("/elsewhere?url=" + fake.baseUrl() + "/elsewhere")).body()).isEqualTo("{}");
			assertThat(lastRequest("/elsewhere")).isNull();
		}

		@Test
		void eachFailureIsAnHfApiExceptionOfTheSameKind() {
			TestBrowser browser = signedIn();
			for (int status : HfApiAnswers.failures().keySet()) {
				fake.breakEndpoint("/api/models", HfApiAnswers.failing(status));
				String kind = HfApiAnswers.failures().get(status).split(" ")[0];
				assertThat(browser.get(browser.app("/models?author=ada")).body()).as("HTTP %s", status)
					.startsWith(kind + " " + status)
					.contains((status == 429) ? "try again in 30 seconds" : "'/api/models'");
			}
			fake.breakEndpoint("/api/models", okJson(MODELS).withFixedDelay(5000));
			assertThat(browser.get(browser.app("/models?author=ada")).body())
				.isEqualTo("UNAVAILABLE 0: Hugging Face did not answer in time for '/api/models'. Try again in a moment.");
		}

		@Test
		void aRevokedTokenMeansSignInAgainAndIsForgotten() {
			fake.breakEndpoint("/api/models",
					aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
			TestBrowser browser = signedIn();
			assertThat(browser.get(browser.app("/models?author=ada")).body()).isEqualTo(HfApiAnswers.REVOKED);
			fake.repair();
			fake.resetRequests();
			assertThat(browser.get(browser.app("/models?author=ada")).body()).as("the dead token is not sent again")
				.startsWith("SIGN_IN_AGAIN");
			assertThat(fake.server().findAll(getRequestedFor(urlPathEqualTo("/api/models")))).isEmpty();
		}

		@Test
		void theTokenNeverGoesToAnotherHost() {
			TestBrowser browser = signedIn();
			String elsewhere = fake.baseUrl().replace("127.0.0.1", "localhost");
			assertThat(browser.get(browser.app("/steal?url=" + elsewhere + "/steal")).body())
				.startsWith("REFUSED 0: The @HttpExchange group 'huggingface' sends the user's Hugging Face token only to " + fake.baseUrl());
			assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/steal")))).isEmpty();
		}

		@Test
		void nobodySignedInIsToldToSignIn() {
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.get(browser.app("/public/models")).body()).isEqualTo(HfApiAnswers.NOT_SIGNED_IN);
		}

		private TestBrowser signedIn() {
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			return browser;
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "hf.oauth.token-expiry.refresh=false", "hf.oauth.token-expiry.end-session=false" })
	class WhenTheTokenExpires {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
		}

		// Hugging Face rotates refresh tokens: a second refresh with the same one would sign
		// the user out.
		@Test
		void callsAtOnceRefreshItOnceAndAllUseTheNewToken() {
			fake.server().stubFor(get(urlEqualTo("/api/models?author=ada")).willReturn(okJson(MODELS)));
			fake.refreshTokens(true).expiresIn(1);
			try {
				TestBrowser browser = new TestBrowser(this.port);
				assertThat(browser.signIn().statusCode()).isEqualTo(302);
				String expired = fake.userInfoRequests().get(fake.userInfoRequests().size() - 1).getHeader("Authorization");
				fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).resetRequests();
				List<CompletableFuture<String>> calls = IntStream.range(0, 4)
					.mapToObj((i) -> CompletableFuture
						.supplyAsync(() -> browser.get(browser.app("/models?author=ada")).body()))
					.toList();
				assertThat(calls).allSatisfy((call) -> assertThat(call.join()).isEqualTo(MODELS_MAPPED));
				assertThat(fake.refreshRequests()).hasSize(1);
				assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/api/models?author=ada"))))
					.hasSize(4)
					.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isNotEqualTo(expired));
			}
			finally {
				fake.repair().expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).refreshTokens(false);
			}
		}

	}

	static String lastRequest(String url) {
		var requests = fake.server().findAll(getRequestedFor(urlEqualTo(url)));
		assertThat(requests).as("requests to %s", url).isNotEmpty();
		return requests.get(requests.size() - 1).getHeader("Authorization");
	}

	/** The example of the guide: the signed-in user's models. */
	@HttpExchange("/api")
	interface HubModels {

		@GetExchange("/models")
		List<Model> byAuthor(@RequestParam String author);

		@GetExchange
		String any(URI url);

	}

	record Model(String id, int likes) {
	}

	/** Chosen by its annotation rather than by its group's name. */
	@ClientRegistrationId("huggingface")
	interface AnnotatedHub {

		@GetExchange("/api/whoami-v2")
		String whoami();

	}

	/** Another API the app calls: none of the starter's business. */
	interface Elsewhere {

		@GetExchange
		String get(URI url);

	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	@ImportHttpServices(group = "huggingface", types = HubModels.class)
	@ImportHttpServices(group = "annotated", types = AnnotatedHub.class)
	@ImportHttpServices(group = "elsewhere", types = Elsewhere.class)
	static class App {

		private final HubModels models;

		private final AnnotatedHub annotated;

		private final Elsewhere elsewhere;

		App(HubModels models, AnnotatedHub annotated, Elsewhere elsewhere) {
			this.models = models;
			this.annotated = annotated;
			this.elsewhere = elsewhere;
		}

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**").permitAll()
				.anyRequest()
				.authenticated()).with(HfOAuth2LoginConfigurer.huggingFace(), Customizer.withDefaults());
			return http.build();
		}

		@GetMapping({ "/models", "/public/models" })
		String models(@RequestParam(defaultValue = "ada") String author) {
			return this.models.byAuthor(author).toString();
		}

		@GetMapping("/steal")
		String steal(@RequestParam String url) {
			return this.models.any(URI.create(url));
		}

		@GetMapping("/annotated")
		String annotated() {
			return this.annotated.whoami();
		}

		@GetMapping("/elsewhere")
		String elsewhere(@RequestParam String url) {
			return this.elsewhere.get(URI.create(url));
		}

		@ExceptionHandler(HfApiException.class)
		ResponseEntity<String> failure(HfApiException ex) {
			return ResponseEntity.ok(HfApiAnswers.describe(ex));
		}

	}

}
