package io.github.hfoauth.reactive;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.MockModeScenarios;
import io.github.hfoauth.servlet.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with Hugging Face in a WebFlux app, over real HTTP against the fake Hugging Face:
 * the same flow, principal, failure pages and logout as in a servlet app.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveLoginTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = ReactiveApp.REACTIVE)
	class WithHuggingFace {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void huggingFace(DynamicPropertyRegistry registry) {
			fake.configureClient(registry);
		}

		@AfterEach
		void restoreTheFake() {
			fake.repair().expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).refreshTokens(false);
		}

		@Test
		void aProtectedPageSendsTheUserThroughHuggingFaceAndBack() {
			fake.resetRequests();
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.get(browser.app("/hello"));
			String login = location(browser, page);
			assertThat(login).isEqualTo(browser.app("/oauth2/authorization/huggingface"));

			HttpResponse<String> toHuggingFace = browser.get(login);
			String authorize = location(browser, toHuggingFace);
			assertThat(authorize).startsWith(fake.baseUrl() + "/oauth/authorize?");
			Map<String, String> parameters = FakeHuggingFace.queryParams(authorize);
			assertThat(parameters).containsEntry("response_type", "code")
				.containsEntry("client_id", FakeHuggingFace.DEFAULT_CLIENT_ID)
				.containsEntry("scope", "openid profile")
				.containsEntry("redirect_uri", browser.app("/login/oauth2/code/huggingface"))
				.containsEntry("code_challenge_method", "S256")
				.containsKeys("nonce", "code_challenge");
			assertThat(parameters.get("state")).as("the attempt rides in the state").endsWith(".1");
			String sessionBefore = sessionId(toHuggingFace);

			String callback = location(browser, browser.get(authorize));
			assertThat(callback).startsWith(browser.app("/login/oauth2/code/huggingface?"));
			HttpResponse<String> signedIn = browser.get(callback);
			assertThat(location(browser, signedIn)).as("back to the page asked for").startsWith(browser.app("/hello"));
			assertThat(sessionId(signedIn)).as("a new session id at sign-in").isNotEmpty().isNotEqualTo(sessionBefore);
			assertThat(FakeHuggingFace.formParams(fake.tokenRequests().get(0))).containsKey("code_verifier");

			HttpResponse<String> hello = browser.get(location(browser, signedIn));
			assertThat(hello.statusCode()).isEqualTo(200);
			assertThat(hello.body()).isEqualTo("Hello ada (Ada Lovelace), admin of acme");
		}

		@Test
		void onceWarmASignInCostsOneTokenAndOneUserinfoCall() {
			assertThat(new TestBrowser(this.port).signIn().statusCode()).isEqualTo(302);
			fake.resetRequests();
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);
			assertThat(fake.discoveryRequests()).as("discovery is cached").isEmpty();
			assertThat(fake.jwksRequests()).as("the JWKS is cached").isEmpty();
			assertThat(fake.tokenRequests()).hasSize(1);
			assertThat(fake.userInfoRequests()).hasSize(1);
		}

		@Test
		void cancellingOnHuggingFaceShowsAPageThatSaysSo() {
			TestBrowser browser = new TestBrowser(this.port);
			String state = FakeHuggingFace
				.queryParams(location(browser, browser.get(browser.app("/oauth2/authorization/huggingface"))))
				.get("state");
			HttpResponse<String> cancelled = browser
				.get(browser.app("/login/oauth2/code/huggingface?error=access_denied&state=" + state));
			assertThat(cancelled.statusCode()).isEqualTo(401);
			assertThat(cancelled.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(cancelled.body()).contains("You cancelled the sign-in on Hugging Face.", "Try again",
					"href=\"/oauth2/authorization/huggingface\"")
				.doesNotContain("Exception", "at org.");
			assertThat(browser.get(browser.app("/hello")).statusCode()).as("still signed out").isEqualTo(302);
		}

		@Test
		void apiClientsGetTheFailureAsJson() {
			TestBrowser browser = new TestBrowser(this.port);
			browser.get(browser.app("/oauth2/authorization/huggingface"));
			HttpResponse<String> forged = browser
				.getJson(browser.app("/login/oauth2/code/huggingface?code=stolen&state=forged"));
			assertThat(forged.statusCode()).isEqualTo(401);
			assertThat(forged.body()).isEqualTo(
					"{\"error\":\"authorization_request_not_found\",\"message\":\"Your sign-in expired or was started in another window.\"}");
		}

		@Test
		void aTokenEndpointThatFailsIsABadGatewayPageNotAStackTrace() {
			fake.breakEndpoint("/oauth/token", WireMock.aResponse().withStatus(500).withBody("<html>oops</html>"));
			HttpResponse<String> failed = new TestBrowser(this.port).signIn();
			assertThat(failed.statusCode()).isEqualTo(502);
			assertThat(failed.body()).contains("Hugging Face answered with an error.").doesNotContain("Exception");
		}

		@Test
		void aTokenEndpointThatDropsTheConnectionIsServiceUnavailable() {
			fake.breakEndpoint("/oauth/token",
					WireMock.aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER));
			HttpResponse<String> failed = new TestBrowser(this.port).signIn();
			assertThat(failed.statusCode()).isEqualTo(503);
			assertThat(failed.body()).contains("Hugging Face could not be reached.").doesNotContain("Exception");
		}

		@Test
		void theStartersOwnCodesInTheCallbackAreNotTrusted(CapturedOutput output) {
			TestBrowser browser = new TestBrowser(this.port);
			String state = FakeHuggingFace
				.queryParams(location(browser, browser.get(browser.app("/oauth2/authorization/huggingface"))))
				.get("state");
			HttpResponse<String> gate = browser.get(browser.app("/login/oauth2/code/huggingface?error=hf_organization_required"
					+ "&error_description=Members+must+pay+at+evil.example&state=" + state));
			assertThat(gate.statusCode()).as("not the gate's 403").isEqualTo(401);
			assertThat(gate.body()).contains("Signing in with Hugging Face did not work.").doesNotContain("evil.example");
			state = FakeHuggingFace
				.queryParams(location(browser, browser.get(browser.app("/oauth2/authorization/huggingface"))))
				.get("state");
			browser.get(browser.app("/login/oauth2/code/huggingface?error=hf_provider_unavailable"
					+ "&error_description=down%E2%80%A8FORGED+admin+signed+in%C2%85FORGED%0D%0AFORGED&state=" + state));
			assertThat(output).contains("Sign in with Hugging Face failed: hf_provider_unavailable (not raised by this app")
				.doesNotContain("FORGED", "\u2028", "\u0085");
		}

		@Test
		void logoutNeedsTheCsrfTokenAndReturnsHome() {
			TestBrowser browser = new TestBrowser(this.port);
			// A user of their own: another test's session of the same user would count as another
			// tab at sign-out ("?signed-in-elsewhere").
			assertThat(fake.asANewUser(browser::signIn).statusCode()).isEqualTo(302);
			assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);

			assertThat(browser.post(browser.app("/logout")).statusCode()).as("no CSRF token").isEqualTo(403);
			assertThat(browser.get(browser.app("/hello")).statusCode()).as("still signed in").isEqualTo(200);

			String token = browser.get(browser.app("/csrf")).body();
			HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(URI.create(browser.app("/logout")))
				.header("X-CSRF-TOKEN", token)
				.POST(HttpRequest.BodyPublishers.noBody()));
			assertThat(location(browser, logout)).isEqualTo(browser.app("/"));
			assertThat(location(browser, browser.get(browser.app("/hello")))).as("signed out")
				.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
		}

		@Test
		void anExpiredTokenWithoutRefreshSendsTheUserToSignInAgain() {
			fake.expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			HttpResponse<String> expired = browser.get(browser.app("/hello"));
			assertThat(location(browser, expired)).isEqualTo(browser.app("/oauth2/authorization/huggingface"));
		}

		@Test
		void anExpiredTokenIsRefreshedAndTheUserStaysSignedIn() {
			fake.refreshTokens(true).expiresIn(1);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).resetRequests();
			HttpResponse<String> page = browser.get(browser.app("/hello"));
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(fake.tokenRequests()).singleElement()
				.satisfies((request) -> assertThat(FakeHuggingFace.formParams(request))
					.containsEntry("grant_type", "refresh_token"));
			assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);
			assertThat(fake.tokenRequests()).as("refreshed once, not on every request").hasSize(1);
		}

	}

	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { ReactiveApp.REACTIVE, "hf.oauth.client-id=fake-client-id",
					"hf.oauth.provider-url=http://127.0.0.1:9", "hf.oauth.connect-timeout=1s" })
	class WhenHuggingFaceIsUnreachable {

		@Value("${local.server.port}")
		int port;

		@Test
		void theAppStartsAndASignInSaysHuggingFaceCannotBeReached() {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.get(browser.app("/oauth2/authorization/huggingface"));
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.body()).contains("Hugging Face could not be reached.").doesNotContain("Exception");
			// A new connection: Tomcat closes the one that carried a 503, and with WebFlux on
			// Tomcat the JDK client may not have seen that before reusing it.
			TestBrowser apiClient = new TestBrowser(this.port);
			assertThat(apiClient.getJson(apiClient.app("/oauth2/authorization/huggingface")).body())
				.startsWith("{\"error\":\"hf_provider_unavailable\"");
		}

	}

	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = ReactiveApp.REACTIVE)
	class InMockMode {

		@Value("${local.server.port}")
		int port;

		@Test
		void aProtectedPageSignsInTheMockUserAndReturns() {
			int before = fake.totalRequests();
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.get(browser.app("/hello"));
			assertThat(location(browser, page)).isEqualTo(browser.app("/oauth2/authorization/huggingface"));
			HttpResponse<String> signedIn = browser.get(location(browser, page));
			assertThat(location(browser, signedIn)).startsWith(browser.app("/hello"));
			HttpResponse<String> hello = browser.get(location(browser, signedIn));
			assertThat(hello.body()).isEqualTo("Hello mock-user (Mock User), admin of mock-org");
			assertThat(fake.totalRequests()).isEqualTo(before);
		}

		// The mock user's sessions are registered as a real sign-in's: a sign-out names the other tab.
		@Test
		void signingOutSaysAnotherTabOfTheMockUserIsStillSignedIn() {
			TestBrowser tab = new TestBrowser(this.port);
			TestBrowser other = new TestBrowser(this.port);
			for (TestBrowser browser : new TestBrowser[] { tab, other }) {
				HttpResponse<String> page = browser.get(browser.app("/hello"));
				browser.get(location(browser, browser.get(location(browser, page))));
				assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);
			}
			String token = tab.get(tab.app("/csrf")).body();
			HttpResponse<String> logout = tab.send(HttpRequest.newBuilder(URI.create(tab.app("/logout")))
				.header("X-CSRF-TOKEN", token)
				.POST(HttpRequest.BodyPublishers.noBody()));
			assertThat(location(tab, logout)).endsWith("/?signed-in-elsewhere");
		}

		@Test
		void aFramesPopUpPageSignsTheMockUserInPlainly() {
			MockModeScenarios.assertAFramesPopUpPageSignsTheMockUserInPlainly(this.port);
		}

		@Test
		void aVisitorFromAnotherAddressIsRefusedWithThePropertyToSet() {
			MockModeScenarios.assertAVisitorFromAnotherAddressIsRefusedWithThePropertyToSet(this.port);
		}

		@Test
		void aVisitorFromAnotherAddressClaimingToBeLocalIsRefused() {
			MockModeScenarios.assertForgedForwardedHeadersAreRefused(this.port);
		}

	}

	// On a cloud platform Spring Boot has the server trust forwarded headers, which mock mode
	// refuses to start beside (MockModeForwardedHeadersTests); with the strategy none it starts,
	// and the server reports the connection's own address.
	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { ReactiveApp.REACTIVE, "spring.main.cloud-platform=kubernetes", "server.forward-headers-strategy=none" })
	class InMockModeOnACloudPlatformWithForwardedHeadersOff {

		@Value("${local.server.port}")
		int port;

		@Test
		void aVisitorFromAnotherAddressClaimingToBeLocalIsRefused() {
			MockModeScenarios.assertForgedForwardedHeadersAreRefused(this.port);
		}

		@Test
		void aLocalVisitorStillSignsIn() {
			MockModeScenarios.assertALocalVisitorSignsIn(this.port, "SESSION");
		}

	}

	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { ReactiveApp.REACTIVE, "hf.oauth.mock.allow-remote=true" })
	class InMockModeAllowingRemoteRequests {

		@Value("${local.server.port}")
		int port;

		@Test
		void aVisitorFromAnotherAddressSignsInAsTheMockUser() {
			MockModeScenarios.assertAVisitorFromAnotherAddressSignsIn(this.port, "SESSION");
		}

	}

	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = ReactiveApp.REACTIVE)
	class InASpace {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void space(DynamicPropertyRegistry registry) {
			registry.add("SPACE_ID", () -> "ada/demo");
			registry.add("SPACE_HOST", () -> "ada-demo.hf.space");
			registry.add("OAUTH_CLIENT_ID", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
			registry.add("OAUTH_CLIENT_SECRET", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
			registry.add("OAUTH_SCOPES", () -> "openid profile");
			registry.add("OPENID_PROVIDER_URL", fake::baseUrl);
		}

		@Test
		void theSpacePageMayFrameTheApp() {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.get(browser.app("/hello"));
			assertThat(page.headers().firstValue("Content-Security-Policy"))
				.contains("frame-ancestors 'self' https://huggingface.co https://ada-demo.hf.space");
			assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
		}

		@Test
		void theSessionCookieSurvivesAsAThirdPartyCookieAndTheSignInWorks() {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> signIn = browser.get(browser.app("/oauth2/authorization/huggingface"));
			assertThat(signIn.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("SESSION="))
				.singleElement()
				// Attribute names are case-insensitive: Reactor Netty writes HTTPOnly.
				.satisfies((cookie) -> assertThat(cookie.toLowerCase(Locale.ROOT)).contains("secure", "samesite=none",
						"partitioned", "httponly"));
			Map<String, String> authorize = FakeHuggingFace.queryParams(location(browser, signIn));
			assertThat(authorize).containsEntry("redirect_uri", "https://ada-demo.hf.space/login/oauth2/code/huggingface");
			HttpResponse<String> back = browser.get(browser.onThisApp(location(browser, browser.get(location(browser, signIn)))));
			assertThat(back.statusCode()).isEqualTo(302);
			assertThat(browser.get(browser.app("/hello")).body()).startsWith("Hello ada");
		}

		@Test
		void theAppSeesTheHttpsAddressOfTheSpaceProxy() {
			TestBrowser browser = new TestBrowser(this.port);
			browser.get(browser.onThisApp(location(browser,
					browser.get(location(browser, browser.get(browser.app("/oauth2/authorization/huggingface")))))));
			HttpResponse<String> uri = browser.send(HttpRequest.newBuilder(URI.create(browser.app("/uri")))
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "ada-demo.hf.space"));
			assertThat(uri.body()).isEqualTo("https://ada-demo.hf.space/uri");
		}

		@Test
		void aForgedForwardedHostNeverReachesTheApp() {
			TestBrowser browser = new TestBrowser(this.port);
			browser.get(browser.onThisApp(location(browser,
					browser.get(location(browser, browser.get(browser.app("/oauth2/authorization/huggingface")))))));
			for (String[] forged : List.of(new String[] { "X-Forwarded-Host", "evil.example" },
					new String[] { "Forwarded", "host=evil.example;proto=https" },
					new String[] { "X-Forwarded-Host", "evil.example, ada-demo.hf.space" },
					new String[] { "X-Forwarded-Prefix", "/evil" }, new String[] { "X-Forwarded-Port", "8443" })) {
				HttpResponse<String> uri = browser.send(HttpRequest.newBuilder(URI.create(browser.app("/uri")))
					.header("X-Forwarded-Proto", "https")
					.header(forged[0], forged[1]));
				assertThat(uri.body()).as(forged[0]).startsWith("https://localhost").doesNotContain("evil", "8443");
			}
		}

		@Test
		void aReplayedCallbackAtTheTopLevelEndsOnTheExpiredPageWithoutANewSignIn() {
			fake.resetRequests();
			TestBrowser frame = TestBrowser.blockingCookies(this.port);
			String authorize = location(frame, frame.get(frame.app("/oauth2/authorization/huggingface")));
			String callback = frame.onThisApp(location(frame, frame.get(authorize)));
			// The link sent to someone else, who opens it in a tab: no session, state ".1".
			HttpResponse<String> replayed = new TestBrowser(this.port).get(callback);
			assertThat(replayed.statusCode()).as("no redirect into a new sign-in").isEqualTo(401);
			assertThat(replayed.headers().firstValue("Location")).isEmpty();
			assertThat(replayed.body()).contains("Your sign-in expired or was started in another window.", "Try again")
				.doesNotContain("blocks the cookie");
			assertThat(fake.authorizeRequests()).as("only the frame's own visit").hasSize(1);
		}

		@Test
		void aFrameThatComesBackWithoutItsSessionIsRetriedOnceOnThePopUpPage() {
			fake.resetRequests();
			// A sign-in that reached Hugging Face from the frame anyway (the starter's own link
			// answers a frame with the pop-up page): it comes back without its session.
			TestBrowser started = TestBrowser.blockingCookies(this.port);
			String first = location(started, started.get(started.app("/oauth2/authorization/huggingface")));
			assertThat(FakeHuggingFace.queryParams(first).get("state")).endsWith(".1");
			TestBrowser browser = TestBrowser.frameBlockingCookies(this.port);
			HttpResponse<String> lost = browser.get(browser.onThisApp(location(started, started.get(first))));
			String retry = location(browser, lost);
			assertThat(retry).isEqualTo(browser.app("/oauth2/authorization/huggingface?hf_attempt=2"));

			HttpResponse<String> popUpPage = browser.get(retry);
			assertThat(popUpPage.statusCode()).as("Hugging Face is never shown in the frame: no loop").isEqualTo(200);
			assertThat(popUpPage.body()).contains("data-hf-sign-in", "open the app in its own tab");
			assertThat(fake.authorizeRequests()).hasSize(1);
		}

	}

	// WebFlux redirects within the app with a path, where Spring MVC writes an absolute URL.
	static String location(TestBrowser browser, HttpResponse<?> response) {
		String location = TestBrowser.location(response);
		return location.startsWith("/") ? browser.app(location) : location;
	}

	static String sessionId(HttpResponse<?> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("SESSION="))
			.map((cookie) -> cookie.substring("SESSION=".length(), cookie.indexOf(';')))
			.findFirst()
			.orElse("");
	}


}
