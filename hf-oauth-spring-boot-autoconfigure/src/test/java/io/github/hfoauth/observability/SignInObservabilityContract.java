package io.github.hfoauth.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.BearerTokenScenarios;
import io.github.hfoauth.servlet.TestBrowser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of sign-ins, the same for both web stacks, over real HTTP against the
 * fake Hugging Face: the counters and their tags for a success and each kind of failure, the
 * refresh counter, the audit events, and the calls to Hugging Face as
 * {@code http.client.requests}, a bearer token's {@code whoami-v2} included. Each stack's test class runs both halves as {@code @Nested}
 * classes that start the {@link App} and supply the fake.
 */
final class SignInObservabilityContract {

	private SignInObservabilityContract() {
	}

	/** A client registered for the fake Hugging Face, sign-in limited to {@code acme}. */
	abstract static class WithHuggingFace {

		static void huggingFace(DynamicPropertyRegistry registry, FakeHuggingFace fake) {
			fake.configureClient(registry);
			registry.add("hf.oauth.allowed-organizations", () -> "acme");
			registry.add("hf.oauth.bearer.enabled", () -> "true");
			registry.add("hf.api.hub-url", fake::baseUrl);
		}

		@Value("${local.server.port}")
		int port;

		@Autowired
		MeterRegistry registry;

		@Autowired
		AuditEventRepository audit;

		abstract FakeHuggingFace fake();

		@AfterEach
		void restoreTheFake() {
			fake().repair()
				.userInfo(FakeHuggingFace.DEFAULT_USERINFO)
				.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN)
				.refreshTokens(false);
		}

		@Test
		void aSignInCountsAsASuccessAndIsAudited() {
			SignInMetrics metrics = new SignInMetrics(this.registry);
			double before = metrics.signIns("success", "none", "properties");
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			assertThat(metrics.signIns("success", "none", "properties")).isEqualTo(before + 1);
			assertThat(this.audit.find(FakeHuggingFace.DEFAULT_SUB, null, "HF_SIGN_IN_SUCCESS"))
				.isNotEmpty()
				.allSatisfy((event) -> assertThat(event.getData()).containsEntry("reason", "none")
					.containsEntry("mode", "properties"));
		}

		@Test
		void eachKindOfFailureCountsWithItsReason() {
			assertFailure("access_denied", (browser) -> browser
				.get(browser.app("/login/oauth2/code/huggingface?error=access_denied&state=" + state(browser))));
			assertFailure("expired",
					(browser) -> browser.get(browser.app("/login/oauth2/code/huggingface?code=stolen&state=forged")));
			fake().breakEndpoint("/oauth/token", WireMock.aResponse().withStatus(500));
			assertFailure("provider_error", TestBrowser::signIn);
			fake().breakEndpoint("/oauth/token", WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
			assertFailure("provider_unavailable", TestBrowser::signIn);
			fake().repair().tamperIdToken((claims) -> claims.issuer("https://evil.example"));
			assertFailure("invalid_id_token", TestBrowser::signIn);
			fake().repair().userInfo(FakeHuggingFace.NO_ORGANIZATION_USERINFO);
			assertFailure("organization_required", TestBrowser::signIn);
			List<AuditEvent> failures = this.audit.find(null, null, "HF_SIGN_IN_FAILURE");
			assertThat(failures).extracting((event) -> event.getData().get("reason"))
				.contains("access_denied", "expired", "provider_error", "provider_unavailable", "invalid_id_token",
						"organization_required");
			assertThat(failures).allSatisfy((event) -> assertThat(event.getPrincipal()).isEqualTo("anonymousUser"));
		}

		@Test
		void noTagCarriesWhatACallbackMadeUp() {
			SignInMetrics metrics = new SignInMetrics(this.registry);
			double before = metrics.signIns("failure", "other", "properties");
			TestBrowser browser = new TestBrowser(this.port);
			String state = state(browser);
			browser.get(browser.app("/login/oauth2/code/huggingface?error=marker_Lovelace&state=" + state));
			browser.get(browser.app("/login/oauth2/code/huggingface?error=hf_provider_unavailable"
					+ "&error_description=marker&state=" + state));
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			assertThat(metrics.signIns("failure", "other", "properties")).isEqualTo(before + 1);
			metrics.assertOnlyKnownTagValues("marker", "Lovelace", FakeHuggingFace.DEFAULT_SUB);
		}

		@Test
		void refreshesCountWithTheirOutcome() {
			SignInMetrics metrics = new SignInMetrics(this.registry);
			double refreshed = metrics.refreshes("success", "none");
			double refused = metrics.refreshes("failure", "invalid_grant");
			fake().refreshTokens(true).expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			fake().expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN);
			assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);
			assertThat(metrics.refreshes("success", "none")).isEqualTo(refreshed + 1);

			fake().expiresIn(1);
			TestBrowser second = new TestBrowser(this.port);
			assertThat(second.signIn().statusCode()).isEqualTo(302);
			fake().revokeRefreshTokens();
			second.get(second.app("/hello"));
			assertThat(metrics.refreshes("failure", "invalid_grant")).isEqualTo(refused + 1);
		}

		@Test
		void theCallsToHuggingFaceAreObserved() {
			fake().resetRequests();
			assertThat(new TestBrowser(this.port).signIn().statusCode()).isEqualTo(302);
			// WebClient stops a call's observation on its own thread, possibly after the app has answered.
			await().untilAsserted(() -> {
				long calls = this.registry.find("http.client.requests")
					.tag("client.name", "127.0.0.1")
					.timers()
					.stream()
					.mapToLong((timer) -> timer.count())
					.sum();
				assertThat(calls).as("the token and userinfo calls at least").isGreaterThanOrEqualTo(2);
				assertThat(this.registry.find("http.client.requests").tag("uri", "/oauth/token").timers())
					.as("the token call").isNotEmpty();
			});
		}

		@Test
		void aBearerTokensCallToTheHubIsObserved() throws Exception {
			String token = "hf_observed_" + UUID.randomUUID().toString().replace("-", "");
			fake().server()
				.stubFor(WireMock.get(WireMock.urlEqualTo("/api/whoami-v2"))
					.withHeader("Authorization", WireMock.equalTo("Bearer " + token))
					.willReturn(WireMock.okJson(BearerTokenScenarios.ADA)));
			HttpResponse<String> me = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/me"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(me.statusCode()).isEqualTo(200);
			assertThat(me.body()).isEqualTo("Hello ada");
			await().untilAsserted(() -> assertThat(this.registry.find("http.client.requests")
				.tag("client.name", "127.0.0.1")
				.tag("uri", "/api/whoami-v2")
				.timers()).as("the whoami-v2 call").isNotEmpty());
			assertThat(this.registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
				.noneMatch((tag) -> tag.getValue().contains(token)));
		}

		private void assertFailure(String reason, java.util.function.Function<TestBrowser, HttpResponse<String>> attempt) {
			SignInMetrics metrics = new SignInMetrics(this.registry);
			double before = metrics.signIns("failure", reason, "properties");
			double successes = metrics.total("hf.oauth.sign-ins") - metrics.signIns("failure", reason, "properties");
			HttpResponse<String> answer = attempt.apply(new TestBrowser(this.port));
			assertThat(answer.statusCode()).as(reason).isGreaterThanOrEqualTo(400);
			assertThat(metrics.signIns("failure", reason, "properties")).as(reason).isEqualTo(before + 1);
			assertThat(metrics.total("hf.oauth.sign-ins") - metrics.signIns("failure", reason, "properties"))
				.as("no other count moved").isEqualTo(successes);
		}

		private static String state(TestBrowser browser) {
			return FakeHuggingFace
				.queryParams(TestBrowser.location(browser.get(browser.app("/oauth2/authorization/huggingface"))))
				.get("state");
		}

	}

	/** No client registered: mock mode. */
	abstract static class InMockMode {

		@Value("${local.server.port}")
		int port;

		@Autowired
		MeterRegistry registry;

		@Test
		void aMockSignInCountsInMockMode() {
			SignInMetrics metrics = new SignInMetrics(this.registry);
			double before = metrics.signIns("success", "none", "mock");
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.get(browser.app("/oauth2/authorization/huggingface")).statusCode()).isEqualTo(302);
			assertThat(browser.get(browser.app("/hello")).body()).isEqualTo("Hello mock-user");
			assertThat(metrics.signIns("success", "none", "mock")).isEqualTo(before + 1);
			metrics.assertOnlyKnownTagValues("mock-user");
		}

	}

	// No component scan: the other test apps must not join in. WebFlux serves the plain String too.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@GetMapping({ "/hello", "/api/me" })
		String hello(@AuthenticationPrincipal HfOAuth2User user) {
			return "Hello " + user.getUsername();
		}

		@Bean
		AuditEventRepository auditEventRepository() {
			return new InMemoryAuditEventRepository();
		}

		// What Spring Boot's observation auto-configuration does with a meter registry.
		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

}
