package io.github.hfoauth.servlet;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
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
			registry.add("hf.oauth.client-id", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
			registry.add("hf.oauth.client-secret", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
			registry.add("hf.oauth.provider-url", fake::baseUrl);
		}

		@Test
		void aProtectedPageSendsTheUserThroughHuggingFaceAndBack() throws Exception {
			HttpClient browser = browser();
			HttpResponse<String> page = get(browser, app("/hello"));
			assertThat(page.statusCode()).isEqualTo(302);
			String login = location(page);
			assertThat(login).isEqualTo(app("/oauth2/authorization/huggingface"));

			HttpResponse<String> toHuggingFace = get(browser, login);
			assertThat(location(toHuggingFace)).startsWith(fake.baseUrl() + "/oauth/authorize?");
			HttpResponse<String> back = get(browser, location(toHuggingFace));
			String callback = location(back);
			assertThat(callback).startsWith(app("/login/oauth2/code/huggingface?"));
			HttpResponse<String> signedIn = get(browser, callback);
			assertThat(location(signedIn)).isEqualTo(app("/hello?continue"));

			HttpResponse<String> hello = get(browser, location(signedIn));
			assertThat(hello.statusCode()).isEqualTo(200);
			assertThat(hello.body()).isEqualTo("Hello ada (Ada Lovelace), admin of acme");
			Map<String, String> authorize = FakeHuggingFace.queryParams(fake.authorizeRequests().get(0).getUrl());
			assertThat(authorize.get("redirect_uri")).isEqualTo(app("/login/oauth2/code/huggingface"));
		}

		@Test
		void cancellingOnHuggingFaceShowsAPageThatSaysSo() throws Exception {
			HttpClient browser = browser();
			String authorize = location(get(browser, app("/oauth2/authorization/huggingface")));
			String state = FakeHuggingFace.queryParams(authorize).get("state");
			HttpResponse<String> cancelled = get(browser,
					app("/login/oauth2/code/huggingface?error=access_denied&state=" + state));
			assertThat(cancelled.statusCode()).isEqualTo(401);
			assertThat(cancelled.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
			assertThat(cancelled.body()).contains("You cancelled the sign-in on Hugging Face.", "Try again",
					"href=\"/oauth2/authorization/huggingface\"")
				.doesNotContain("Exception", "at org.");
			assertThat(get(browser, app("/hello")).statusCode()).as("still signed out").isEqualTo(302);
		}

		@Test
		void apiClientsGetTheFailureAsJson() throws Exception {
			HttpClient browser = browser();
			get(browser, app("/oauth2/authorization/huggingface"));
			HttpResponse<String> forged = browser.send(HttpRequest
				.newBuilder(URI.create(app("/login/oauth2/code/huggingface?code=stolen&state=forged")))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(forged.statusCode()).isEqualTo(401);
			assertThat(forged.body()).isEqualTo(
					"{\"error\":\"authorization_request_not_found\",\"message\":\"Your sign-in expired or was started in another window.\"}");
		}

		@Test
		void errorCodesFromTheRedirectCannotBreakTheAnswer() throws Exception {
			HttpClient browser = browser();
			String state = FakeHuggingFace.queryParams(location(get(browser, app("/oauth2/authorization/huggingface"))))
				.get("state");
			String hostile = "/login/oauth2/code/huggingface?error=%22%7D%3Cscript%3E%0Aevil&state=" + state;
			HttpResponse<String> json = browser.send(HttpRequest.newBuilder(URI.create(app(hostile)))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
			// Quote and newline are dropped, so the code stays one JSON string.
			assertThat(json.body()).isEqualTo(
					"{\"error\":\"}<script>evil\",\"message\":\"Signing in with Hugging Face did not work.\"}");
			get(browser, app("/oauth2/authorization/huggingface"));
			HttpResponse<String> html = get(browser, app(hostile));
			assertThat(html.body()).doesNotContain("<script>", "evil");
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
			HttpClient browser = browser();
			HttpResponse<String> page = get(browser, app("/hello"));
			assertThat(location(page)).isEqualTo(app("/oauth2/authorization/huggingface"));
			HttpResponse<String> signedIn = get(browser, location(page));
			assertThat(location(signedIn)).isEqualTo(app("/hello?continue"));
			HttpResponse<String> hello = get(browser, location(signedIn));
			assertThat(hello.body()).isEqualTo("Hello mock-user (Mock User), admin of mock-org");
			assertThat(fake.totalRequests()).isEqualTo(before);
		}

		@Test
		void logoutNeedsCsrfAndReturnsHome() throws Exception {
			HttpClient browser = browser();
			get(browser, app("/oauth2/authorization/huggingface"));
			assertThat(get(browser, app("/hello")).statusCode()).isEqualTo(200);
			HttpResponse<String> forged = browser.send(
					HttpRequest.newBuilder(URI.create(app("/logout"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(forged.statusCode()).isEqualTo(403);
			assertThat(get(browser, app("/hello")).statusCode()).isEqualTo(200);
		}

		private String app(String path) {
			return "http://localhost:" + this.port + path;
		}

	}

	static HttpClient browser() {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	static HttpResponse<String> get(HttpClient browser, String url) throws IOException, InterruptedException {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static String location(HttpResponse<?> response) {
		assertThat(response.statusCode()).as("a redirect from %s", response.uri()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

	@SpringBootApplication
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
