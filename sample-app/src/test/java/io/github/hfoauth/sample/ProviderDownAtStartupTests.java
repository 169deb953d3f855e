package io.github.hfoauth.sample;

import java.net.http.HttpResponse;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hugging Face is unreachable when the app starts: the app still starts and serves its public
 * pages, a sign-in says plainly that Hugging Face could not be reached, and sign-in works as
 * soon as Hugging Face is back, without a restart.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProviderDownAtStartupTests {

	// Chosen now, so the app's provider URL can name it; the fake starts there only later.
	private static final int huggingFacePort = FakeHuggingFace.freePort();

	private static FakeHuggingFace huggingFace;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void unreachableProvider(DynamicPropertyRegistry registry) {
		registry.add("hf.oauth.client-id", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
		registry.add("hf.oauth.client-secret", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		registry.add("hf.oauth.provider-url", () -> "http://127.0.0.1:" + huggingFacePort);
		registry.add("hf.oauth.connect-timeout", () -> "1s");
		registry.add("hf.oauth.read-timeout", () -> "1s");
	}

	@AfterAll
	static void stopHuggingFace() {
		if (huggingFace != null) {
			huggingFace.close();
		}
	}

	@Test
	void appServesPublicPagesWhileHuggingFaceIsDownAndSignsInOnceItIsBack() {
		Browser browser = new Browser(this.port);

		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(Browser.page(home).body().text()).contains("Sign in with Hugging Face");

		HttpResponse<String> unavailable = browser.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		String text = Browser.page(unavailable).body().text();
		assertThat(text).contains("Hugging Face could not be reached", "Try again")
			.doesNotContain("Exception", "at org.", "at java.", "127.0.0.1");

		huggingFace = FakeHuggingFace.startOn(huggingFacePort);

		HttpResponse<String> signedIn = browser.followRedirects(browser.get(HfOAuth2Registration.LOGIN_URL));
		assertThat(signedIn.statusCode()).isEqualTo(200);
		assertThat(signedIn.uri()).isEqualTo(browser.url("/"));
		HttpResponse<String> me = browser.getJson("/api/me");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(Json.parse(me.body())).containsEntry("username", "ada").containsEntry("name", "Ada Lovelace");
	}

}
