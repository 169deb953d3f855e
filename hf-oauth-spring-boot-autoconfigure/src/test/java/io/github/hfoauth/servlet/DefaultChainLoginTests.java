package io.github.hfoauth.servlet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain the auto-configuration defines when the application has none: every page needs a
 * sign-in, which goes to Hugging Face (or signs in the mock user) and returns to the page.
 */
@ExtendWith(OutputCaptureExtension.class)
class DefaultChainLoginTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class WithHuggingFace {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void huggingFace(DynamicPropertyRegistry registry) {
			fake.configureClient(registry);
		}

		@Test
		void aProtectedPageSendsTheUserThroughHuggingFaceAndBack() throws Exception {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.get(app("/hello"));
			assertThat(page.statusCode()).isEqualTo(302);
			String login = TestBrowser.location(page);
			assertThat(login).isEqualTo(app("/oauth2/authorization/huggingface"));

			HttpResponse<String> toHuggingFace = browser.get(login);
			assertThat(TestBrowser.location(toHuggingFace)).startsWith(fake.baseUrl() + "/oauth/authorize?");
			HttpResponse<String> back = browser.get(TestBrowser.location(toHuggingFace));
			String callback = TestBrowser.location(back);
			assertThat(callback).startsWith(app("/login/oauth2/code/huggingface?"));
			HttpResponse<String> signedIn = browser.get(callback);
			assertThat(TestBrowser.location(signedIn)).isEqualTo(app("/hello?continue"));

			HttpResponse<String> hello = browser.get(TestBrowser.location(signedIn));
			assertThat(hello.statusCode()).isEqualTo(200);
			assertThat(hello.body()).isEqualTo("Hello ada (Ada Lovelace), admin of acme");
			Map<String, String> authorize = FakeHuggingFace.queryParams(fake.authorizeRequests().get(0).getUrl());
			assertThat(authorize.get("redirect_uri")).isEqualTo(app("/login/oauth2/code/huggingface"));
		}

		@Test
		void cancellingOnHuggingFaceShowsAPageThatSaysSo() throws Exception {
			TestBrowser browser = new TestBrowser(this.port);
			String authorize = TestBrowser.location(browser.get(app("/oauth2/authorization/huggingface")));
			String state = FakeHuggingFace.queryParams(authorize).get("state");
			HttpResponse<String> cancelled = browser.get(
					app("/login/oauth2/code/huggingface?error=access_denied&state=" + state));
			assertThat(cancelled.statusCode()).isEqualTo(401);
			assertThat(cancelled.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
			assertThat(cancelled.body()).contains("You cancelled the sign-in on Hugging Face.", "Try again",
					"href=\"/oauth2/authorization/huggingface\"")
				.doesNotContain("Exception", "at org.");
			assertThat(browser.get(app("/hello")).statusCode()).as("still signed out").isEqualTo(302);
		}

		@Test
		void apiClientsGetTheFailureAsJson() throws Exception {
			TestBrowser browser = new TestBrowser(this.port);
			browser.get(app("/oauth2/authorization/huggingface"));
			HttpResponse<String> forged = browser.getJson(app("/login/oauth2/code/huggingface?code=stolen&state=forged"));
			assertThat(forged.statusCode()).isEqualTo(401);
			assertThat(forged.body()).isEqualTo(
					"{\"error\":\"authorization_request_not_found\",\"message\":\"Your sign-in expired or was started in another window.\"}");
		}

		@Test
		void errorCodesFromTheRedirectCannotBreakTheAnswer() throws Exception {
			TestBrowser browser = new TestBrowser(this.port);
			String state = FakeHuggingFace.queryParams(TestBrowser.location(browser.get(app("/oauth2/authorization/huggingface"))))
				.get("state");
			String hostile = "/login/oauth2/code/huggingface?error=%22%7D%3Cscript%3E%0Aevil&state=" + state;
			HttpResponse<String> json = browser.getJson(app(hostile));
			// Only the shape of a real error code is kept, so the code stays one JSON string.
			assertThat(json.body()).isEqualTo(
					"{\"error\":\"scriptevil\",\"message\":\"Signing in with Hugging Face did not work.\"}");
			browser.get(app("/oauth2/authorization/huggingface"));
			HttpResponse<String> html = browser.get(app(hostile));
			assertThat(html.body()).doesNotContain("<script>", "evil");
		}

		@Test
		void theStartersOwnCodesInTheCallbackAreNotTrusted(CapturedOutput output) {
			TestBrowser browser = new TestBrowser(this.port);
			String state = FakeHuggingFace.queryParams(TestBrowser.location(browser.get(app("/oauth2/authorization/huggingface"))))
				.get("state");
			HttpResponse<String> gate = browser.get(app("/login/oauth2/code/huggingface?error=hf_organization_required"
					+ "&error_description=Members+must+pay+at+evil.example&state=" + state));
			assertThat(gate.statusCode()).as("not the gate's 403").isEqualTo(401);
			assertThat(gate.body()).contains("Signing in with Hugging Face did not work.").doesNotContain("evil.example");
			state = FakeHuggingFace.queryParams(TestBrowser.location(browser.get(app("/oauth2/authorization/huggingface"))))
				.get("state");
			browser.get(app("/login/oauth2/code/huggingface?error=hf_provider_unavailable"
					+ "&error_description=down%E2%80%A8FORGED+admin+signed+in%C2%85FORGED%0D%0AFORGED&state=" + state));
			assertThat(output).contains("Sign in with Hugging Face failed: hf_provider_unavailable (not raised by this app")
				.doesNotContain("FORGED", "\u2028", "\u0085");
		}

		@Test
		void errorCodesAreLoggedShortAndInert(CapturedOutput output) {
			TestBrowser browser = new TestBrowser(this.port);
			String longCode = "x".repeat(1500);
			for (String code : List.of("%24%7Bjndi%3Aldap%3A%2F%2Fevil.example%2Fa%7D", longCode)) {
				String state = FakeHuggingFace
					.queryParams(TestBrowser.location(browser.get(app("/oauth2/authorization/huggingface"))))
					.get("state");
				browser.get(app("/login/oauth2/code/huggingface?error=" + code + "&state=" + state));
			}
			assertThat(output).doesNotContain("${jndi", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
				.contains("Sign in with Hugging Face failed: jndildapevil.examplea",
						"Sign in with Hugging Face failed: " + "x".repeat(64));
		}

		private String app(String path) {
			return "http://localhost:" + this.port + path;
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class InMockMode {

		@Value("${local.server.port}")
		int port;

		@Test
		void aProtectedPageSignsInTheMockUserAndReturns() throws Exception {
			int before = fake.totalRequests();
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.get(app("/hello"));
			assertThat(TestBrowser.location(page)).isEqualTo(app("/oauth2/authorization/huggingface"));
			HttpResponse<String> signedIn = browser.get(TestBrowser.location(page));
			assertThat(TestBrowser.location(signedIn)).isEqualTo(app("/hello?continue"));
			HttpResponse<String> hello = browser.get(TestBrowser.location(signedIn));
			assertThat(hello.body()).isEqualTo("Hello mock-user (Mock User), admin of mock-org");
			assertThat(fake.totalRequests()).isEqualTo(before);
		}

		@Test
		void aFramesPopUpPageSignsTheMockUserInPlainly() {
			MockModeScenarios.assertAFramesPopUpPageSignsTheMockUserInPlainly(this.port);
		}

		@Test
		void logoutNeedsCsrfAndReturnsHome() throws Exception {
			TestBrowser browser = new TestBrowser(this.port);
			browser.get(app("/oauth2/authorization/huggingface"));
			assertThat(browser.get(app("/hello")).statusCode()).isEqualTo(200);
			HttpResponse<String> forged = browser.post(app("/logout"));
			assertThat(forged.statusCode()).isEqualTo(403);
			assertThat(browser.get(app("/hello")).statusCode()).isEqualTo(200);
		}

		@Test
		void aVisitorFromAnotherAddressIsRefusedWithThePropertyToSet() {
			MockModeScenarios.assertAVisitorFromAnotherAddressIsRefusedWithThePropertyToSet(this.port);
		}

		@Test
		void aVisitorFromAnotherAddressClaimingToBeLocalIsRefused() {
			MockModeScenarios.assertForgedForwardedHeadersAreRefused(this.port);
		}

		private String app(String path) {
			return "http://localhost:" + this.port + path;
		}

	}

	// On a cloud platform Spring Boot has the server trust forwarded headers, which mock mode
	// refuses to start beside (MockModeForwardedHeadersTests); with the strategy none it starts,
	// and the server reports the connection's own address.
	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.cloud-platform=kubernetes", "server.forward-headers-strategy=none" })
	class InMockModeOnACloudPlatformWithForwardedHeadersOff {

		@Value("${local.server.port}")
		int port;

		@Test
		void aVisitorFromAnotherAddressClaimingToBeLocalIsRefused() {
			MockModeScenarios.assertForgedForwardedHeadersAreRefused(this.port);
		}

		@Test
		void aLocalVisitorStillSignsIn() {
			MockModeScenarios.assertALocalVisitorSignsIn(this.port, "JSESSIONID");
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "hf.oauth.mock.allow-remote=true")
	class InMockModeAllowingRemoteRequests {

		@Value("${local.server.port}")
		int port;

		@Test
		void aVisitorFromAnotherAddressSignsInAsTheMockUser() {
			MockModeScenarios.assertAVisitorFromAnotherAddressSignsIn(this.port, "JSESSIONID");
		}

	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@GetMapping("/hello")
		String hello(@AuthenticationPrincipal HfOAuth2User user) {
			String acmeOrMock = user.getOrganizations().get(0).getUsername();
			return "Hello " + user.getUsername() + " (" + user.getDisplayName() + "), "
					+ user.roleIn(acmeOrMock).orElseThrow().value() + " of " + acmeOrMock;
		}

	}


}
