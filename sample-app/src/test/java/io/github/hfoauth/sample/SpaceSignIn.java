package io.github.hfoauth.sample;

import java.net.URI;
import java.net.http.HttpResponse;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of a sign-in in a Space that a hardening test does not look at: the Space's
 * environment, the browser's trip to the fake Hugging Face, and Hugging Face's proxy, which
 * ends TLS on the Space's public host and forwards the callback to the app over plain http.
 */
final class SpaceSignIn {

	static final String SPACE_HOST = "ada-demo.hf.space";

	static final String REDIRECT_URI = "https://" + SPACE_HOST + "/login/oauth2/code/huggingface";

	static final String SCOPES = "openid profile email";

	private SpaceSignIn() {
	}

	/** Sets what Hugging Face puts into the environment of a Space with {@code hf_oauth: true}. */
	static void environment(DynamicPropertyRegistry registry, FakeHuggingFace huggingFace, String clientSecret) {
		registry.add("SPACE_ID", () -> "ada/demo");
		registry.add("SPACE_HOST", () -> SPACE_HOST);
		registry.add("OAUTH_CLIENT_ID", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
		registry.add("OAUTH_CLIENT_SECRET", () -> clientSecret);
		registry.add("OAUTH_SCOPES", () -> SCOPES);
		registry.add("OPENID_PROVIDER_URL", huggingFace::baseUrl);
	}

	/**
	 * Takes the app's redirect to Hugging Face's authorize endpoint there, and returns the
	 * callback as Hugging Face's proxy forwards it to the app.
	 */
	static URI approveOnHuggingFace(Browser browser, HttpResponse<String> toAuthorize) {
		HttpResponse<String> approved = browser.follow(toAuthorize);
		assertThat(approved.statusCode()).as("Hugging Face's answer to %s", approved.uri()).isEqualTo(302);
		return viaSpaceProxy(browser, approved.headers().firstValue("Location").orElseThrow());
	}

	/** The callback on the app for Hugging Face's redirect to the Space, as its proxy forwards it. */
	static URI viaSpaceProxy(Browser browser, String spaceUrl) {
		assertThat(spaceUrl).as("where Hugging Face sends the browser back").startsWith(REDIRECT_URI + "?");
		return onApp(browser, spaceUrl);
	}

	/** The app's URL for any URL on the Space's public host, as Hugging Face's proxy forwards it. */
	static URI onApp(Browser browser, String spaceUrl) {
		assertThat(spaceUrl).startsWith("https://" + SPACE_HOST + "/");
		URI location = URI.create(spaceUrl);
		String query = (location.getRawQuery() != null) ? "?" + location.getRawQuery() : "";
		return browser.url(location.getRawPath() + query);
	}

	/** Signs in from the sign-in URL and returns the app's answer to the callback. */
	static HttpResponse<String> signIn(Browser browser) {
		HttpResponse<String> start = browser.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(start.statusCode()).as("answer to the sign-in URL").isEqualTo(302);
		HttpResponse<String> signedIn = browser.get(approveOnHuggingFace(browser, start).toString());
		assertThat(signedIn.statusCode()).as("answer to the callback: %s", signedIn.body()).isEqualTo(302);
		return signedIn;
	}

}
