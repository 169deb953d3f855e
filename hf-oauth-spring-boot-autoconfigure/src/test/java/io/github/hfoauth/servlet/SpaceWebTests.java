package io.github.hfoauth.servlet;

import java.net.http.HttpResponse;
import java.util.List;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside a Space the app lives in an iframe on huggingface.co: it must let that page frame it,
 * keep its session cookie there, and never loop when the browser drops that cookie anyway.
 */
class SpaceWebTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	static void space(DynamicPropertyRegistry registry) {
		registry.add("SPACE_ID", () -> "ada/demo");
		registry.add("SPACE_HOST", () -> "ada-demo.hf.space,demo.example.org");
		registry.add("OAUTH_CLIENT_ID", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
		registry.add("OAUTH_CLIENT_SECRET", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		registry.add("OAUTH_SCOPES", () -> "openid profile");
		registry.add("OPENID_PROVIDER_URL", fake::baseUrl);
	}

	@Nested
	@SpringBootTest(classes = DefaultChainLoginTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class InASpace {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			space(registry);
		}

		@Test
		void theSpacePageMayFrameTheApp() {
			HttpResponse<String> page = new TestBrowser(this.port).get("http://localhost:" + this.port + "/hello");
			assertThat(page.headers().firstValue("Content-Security-Policy"))
				.contains("frame-ancestors 'self' https://huggingface.co https://ada-demo.hf.space");
			assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
		}

		@Test
		void theSessionCookieSurvivesAsAThirdPartyCookie() {
			HttpResponse<String> signIn = new TestBrowser(this.port)
				.get("http://localhost:" + this.port + "/oauth2/authorization/huggingface");
			String session = sessionCookie(signIn);
			assertThat(session).contains("Secure", "SameSite=None", "Partitioned", "HttpOnly");
		}

		@Test
		void theSignInWorksThroughTheSpaceHost() {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> signedIn = browser.signIn();
			assertThat(signedIn.statusCode()).isEqualTo(302);
			assertThat(browser.get(browser.app("/hello")).body()).startsWith("Hello ada");
		}

		@Test
		void aReplayedCallbackAtTheTopLevelEndsOnTheExpiredPageWithoutANewSignIn() {
			fake.resetRequests();
			TestBrowser frame = TestBrowser.blockingCookies(this.port);
			String authorize = TestBrowser.location(frame.get(frame.app("/oauth2/authorization/huggingface")));
			String callback = frame.onThisApp(TestBrowser.location(frame.get(authorize)));
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
			String first = TestBrowser.location(started.get(started.app("/oauth2/authorization/huggingface")));
			assertThat(FakeHuggingFace.queryParams(first).get("state")).endsWith(".1");
			TestBrowser browser = TestBrowser.frameBlockingCookies(this.port);
			HttpResponse<String> lost = browser.get(browser.onThisApp(TestBrowser.location(started.get(first))));
			String retry = TestBrowser.location(lost);
			assertThat(retry).isEqualTo(browser.app("/oauth2/authorization/huggingface?hf_attempt=2"));

			HttpResponse<String> popUpPage = browser.get(retry);
			assertThat(popUpPage.statusCode()).as("Hugging Face is never shown in the frame: no loop").isEqualTo(200);
			assertThat(popUpPage.body()).contains("data-hf-sign-in", "open the app in its own tab");
			assertThat(fake.authorizeRequests()).hasSize(1);
		}

		@Test
		void redirectsKeepTheHttpsOfTheSpaceProxy() {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(browser.app("/hello")))
				.header("Accept", "text/html")
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "ada-demo.hf.space"));
			assertThat(TestBrowser.location(page)).isEqualTo("https://ada-demo.hf.space/oauth2/authorization/huggingface");
		}

		@Test
		void aForgedForwardedHostNeverReachesTheSignInNorTheReturnAfterIt() {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(browser.app("/hello")))
				.header("Accept", "text/html")
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "evil.example"));
			assertThat(TestBrowser.location(page)).startsWith("https://").doesNotContain("evil.example");
			HttpResponse<String> signedIn = browser.signIn();
			assertThat(TestBrowser.location(signedIn)).as("the saved page").endsWith("/hello?continue")
				.doesNotContain("evil.example");
			for (String[] forged : List.of(new String[] { "Forwarded", "host=evil.example;proto=https" },
					new String[] { "X-Forwarded-Host", "evil.example, ada-demo.hf.space" },
					new String[] { "X-Forwarded-Prefix", "//evil.example" },
					new String[] { "X-Forwarded-Port", "8443" })) {
				HttpResponse<String> signIn = browser.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create(browser.app("/oauth2/authorization/huggingface")))
					.header("Accept", "text/html")
					.header(forged[0], forged[1]));
				assertThat(FakeHuggingFace.queryParams(TestBrowser.location(signIn)).get("redirect_uri"))
					.as(forged[0]).isEqualTo("https://ada-demo.hf.space/login/oauth2/code/huggingface");
				HttpResponse<String> protectedPage = browser.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create(browser.app("/elsewhere")))
					.header("Accept", "text/html")
					.header(forged[0], forged[1]));
				assertThat(protectedPage.headers().firstValue("Location").orElse("")).as(forged[0])
					.doesNotContain("evil.example", "8443");
			}
		}

		@Test
		void aForwardedHostThatIsOneOfTheSpaceHostsIsTrusted() {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(browser.app("/hello")))
				.header("Accept", "text/html")
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "demo.example.org"));
			assertThat(TestBrowser.location(page)).isEqualTo("https://demo.example.org/oauth2/authorization/huggingface");
		}

		@Test
		void aForgedAttemptNumberCannotExtendTheRetries() {
			TestBrowser browser = TestBrowser.frameBlockingCookies(this.port);
			HttpResponse<String> first = browser.get(browser.app("/login/oauth2/code/huggingface?code=x&state=anything.1"));
			assertThat(first.headers().firstValue("Location"))
				.hasValue(browser.app("/oauth2/authorization/huggingface?hf_attempt=2"));
			HttpResponse<String> exhausted = browser.get(browser.app("/login/oauth2/code/huggingface?code=x&state=anything.2"));
			assertThat(exhausted.statusCode()).isEqualTo(401);
			assertThat(exhausted.body()).contains("Open the app in its own tab");
			for (String forged : List.of("anything.0", "anything.99999999999", "anything")) {
				HttpResponse<String> answer = browser
					.get(browser.app("/login/oauth2/code/huggingface?code=x&state=" + forged));
				assertThat(answer.statusCode()).as("state '%s': no retry", forged).isEqualTo(401);
				assertThat(answer.body()).as("a foreign state is an expired sign-in, not a blocked cookie")
					.contains("Your sign-in expired or was started in another window.", "Try again")
					.doesNotContain("blocks the cookie");
			}
			HttpResponse<String> noState = browser.get(browser.app("/login/oauth2/code/huggingface?code=x&state="));
			assertThat(noState.statusCode()).isEqualTo(401);
			assertThat(noState.headers().firstValue("Location")).isEmpty();
		}

	}

	@Nested
	@SpringBootTest(classes = DefaultChainLoginTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "hf.oauth.space.frame-ancestors=", "hf.oauth.space.partitioned-cookie=false",
					"server.servlet.session.cookie.same-site=lax" })
	class InASpaceThatOptsOut {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			space(registry);
		}

		@Test
		void noFrameAncestorsKeepsFramingDenied() {
			HttpResponse<String> page = new TestBrowser(this.port).get("http://localhost:" + this.port + "/hello");
			assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(page.headers().firstValue("Content-Security-Policy")).isEmpty();
		}

		@Test
		void cookieAttributesTheAppSetsAreKept() {
			String session = sessionCookie(new TestBrowser(this.port)
				.get("http://localhost:" + this.port + "/oauth2/authorization/huggingface"));
			assertThat(session).contains("Secure", "SameSite=Lax").doesNotContain("Partitioned", "SameSite=None");
		}

	}

	@Nested
	@SpringBootTest(classes = DefaultChainLoginTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class OutsideASpace {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			registry.add("hf.oauth.client-id", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
			registry.add("hf.oauth.provider-url", fake::baseUrl);
		}

		@Test
		void springSecuritysDefaultsStay() {
			HttpResponse<String> signIn = new TestBrowser(this.port)
				.get("http://localhost:" + this.port + "/oauth2/authorization/huggingface");
			assertThat(signIn.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(signIn.headers().firstValue("Content-Security-Policy")).isEmpty();
			assertThat(sessionCookie(signIn)).doesNotContain("Secure", "SameSite", "Partitioned");
		}

		@Test
		void forwardedHeadersAreNotTrustedOutsideASpace() {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(browser.app("/hello")))
				.header("Accept", "text/html")
				.header("X-Forwarded-Host", "evil.example"));
			assertThat(TestBrowser.location(page)).isEqualTo(browser.app("/oauth2/authorization/huggingface"));
		}

		@Test
		void aLostSessionIsNotRetriedOutsideASpace() {
			TestBrowser browser = TestBrowser.blockingCookies(this.port);
			HttpResponse<String> lost = browser.get(browser.app("/login/oauth2/code/huggingface?code=x&state=s.1"));
			assertThat(lost.statusCode()).isEqualTo(401);
			assertThat(lost.body()).contains("Your sign-in expired or was started in another window.", "Try again");
		}

	}

	static String sessionCookie(HttpResponse<?> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		return cookies.stream().filter((cookie) -> cookie.startsWith("JSESSIONID=")).findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
	}

}
