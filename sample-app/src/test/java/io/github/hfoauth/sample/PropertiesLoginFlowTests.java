package io.github.hfoauth.sample;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app outside a Space with an OAuth app of its own ({@code hf.oauth.*}): Hugging Face
 * sends the browser straight back to the app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// One instance for the class, so that the fake's requests can be counted once the app has
// started and before any test signs in.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PropertiesLoginFlowTests {

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	@LocalServerPort
	private int port;

	private int requestsAtStartup = -1;

	private Browser browser;

	@DynamicPropertySource
	static void ownOAuthApp(DynamicPropertyRegistry registry) {
		registry.add("hf.oauth.client-id", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
		registry.add("hf.oauth.client-secret", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		registry.add("hf.oauth.provider-url", huggingFace::baseUrl);
	}

	@BeforeAll
	void countRequestsOnceStarted() {
		this.requestsAtStartup = huggingFace.totalRequests();
	}

	@AfterAll
	void stopHuggingFace() {
		huggingFace.close();
	}

	@BeforeEach
	void openBrowser() {
		huggingFace.resetRequests();
		this.browser = new Browser(this.port);
	}

	@Test
	void appStartsWithoutCallingHuggingFace() {
		assertThat(this.requestsAtStartup).isZero();
	}

	@Test
	void signInFromAProtectedPageReturnsToThatPage() {
		HttpResponse<String> account = this.browser.get("/account");
		assertThat(account.statusCode()).isEqualTo(302);
		assertThat(Browser.location(account)).isEqualTo(this.browser.url(HfOAuth2Registration.LOGIN_URL));

		HttpResponse<String> start = this.browser.follow(account);
		assertThat(start.statusCode()).isEqualTo(302);
		URI authorize = Browser.location(start);
		assertThat(authorize.toString()).startsWith(huggingFace.baseUrl() + "/oauth/authorize?");
		Map<String, String> authorizeParams = FakeHuggingFace.queryParams(authorize.toString());
		String redirectUri = "http://localhost:" + this.port + "/login/oauth2/code/huggingface";
		assertThat(authorizeParams).containsEntry("redirect_uri", redirectUri)
			.containsEntry("client_id", FakeHuggingFace.DEFAULT_CLIENT_ID)
			.containsEntry("scope", "openid profile");

		HttpResponse<String> approved = this.browser.follow(start);
		assertThat(approved.statusCode()).isEqualTo(302);
		assertThat(Browser.location(approved).toString()).startsWith(redirectUri + "?");

		HttpResponse<String> signedIn = this.browser.follow(approved);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(Browser.location(signedIn)).isEqualTo(this.browser.url("/account?continue"));

		HttpResponse<String> page = this.browser.follow(signedIn);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(Browser.page(page).body().text()).contains("Your account", "Ada Lovelace", "ada@example.com",
				"acme, open-science");
		assertThat(FakeHuggingFace.formParams(huggingFace.tokenRequests().get(0)))
			.containsEntry("redirect_uri", redirectUri);
	}

	@Test
	void signInFromTheHomePageReturnsHome() {
		HttpResponse<String> home = this.browser.followRedirects(this.browser.get(HfOAuth2Registration.LOGIN_URL));

		assertThat(home.uri()).isEqualTo(this.browser.url("/"));
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(Browser.page(home).body().text()).contains("Ada Lovelace", "@ada");
		assertThat(Json.parse(this.browser.getJson("/api/me").body())).containsEntry("username", "ada");
	}

}
