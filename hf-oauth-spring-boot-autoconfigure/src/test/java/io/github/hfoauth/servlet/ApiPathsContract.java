package io.github.hfoauth.servlet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apiPaths("/api/**")} over real HTTP, the same for both web stacks: a signed-out API
 * request gets a JSON 401 whatever it accepts, pages keep the sign-in, and the API request is
 * never where a sign-in returns to. The apps answer
 * {@code GET /api/me} with the handle and {@code GET /account} with the display name.
 */
public abstract class ApiPathsContract {

	@Value("${local.server.port}")
	protected int port;

	/**
	 * Where a sign-in returns to after the browser asked for {@code /account}.
	 * @param browser the browser that asked
	 * @return the absolute URL
	 */
	protected abstract String savedAccountPage(TestBrowser browser);

	@Test
	void aSignedOutApiRequestGetsJson401EvenFromABrowser() {
		TestBrowser browser = new TestBrowser(this.port);
		for (HttpResponse<String> answer : new HttpResponse[] { browser.get(browser.app("/api/me")),
				browser.getJson(browser.app("/api/me")), browser.send(HttpRequest.newBuilder(URI.create(browser.app("/api/me")))) }) {
			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/json"));
			assertThat(answer.body()).isEqualTo("{\"error\":\"unauthorized\",\"message\":\"Sign in with Hugging Face first.\","
					+ "\"login\":\"/oauth2/authorization/huggingface\"}");
		}
	}

	@Test
	void pagesKeepTheSignInAndReturnToThePage() {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(location(browser, browser.get(browser.app("/account"))))
			.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
		assertThat(location(browser, browser.signIn())).isEqualTo(savedAccountPage(browser));
	}

	@Test
	void aSignInAfterA401ApiRequestLandsHomeNotOnTheApi() {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(browser.get(browser.app("/api/me")).statusCode()).isEqualTo(401);
		assertThat(location(browser, browser.signIn())).isEqualTo(browser.app("/"));
		assertThat(browser.getJson(browser.app("/api/me")).body()).isEqualTo("ada");
	}

	@Test
	void anEarlierPageStaysTheTargetAfterA401ApiRequest() {
		TestBrowser browser = new TestBrowser(this.port);
		browser.get(browser.app("/account"));
		assertThat(browser.get(browser.app("/api/me")).statusCode()).isEqualTo(401);
		assertThat(location(browser, browser.signIn())).isEqualTo(savedAccountPage(browser));
	}

	// WebFlux redirects within the app with a path, where Spring MVC writes an absolute URL.
	protected static String location(TestBrowser browser, HttpResponse<?> response) {
		String location = TestBrowser.location(response);
		return location.startsWith("/") ? browser.app(location) : location;
	}

}
