package io.github.hfoauth.sample.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import io.github.hfoauth.fake.FakeHuggingFace;

/**
 * The fake Hugging Face as a browser meets it: a consent page to click through, and avatars
 * served by the fake itself, so that the pages load every image without leaving the machine.
 */
final class BrowserHuggingFace {

	private static final String AVATAR = """
			<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#FFD21E"/>\
			<circle cx="23" cy="27" r="4" fill="#3A3B45"/><circle cx="41" cy="27" r="4" fill="#3A3B45"/>\
			<path d="M20 38q12 12 24 0" stroke="#3A3B45" stroke-width="4" fill="none"/></svg>""";

	private BrowserHuggingFace() {
	}

	/** Starts the fake with its consent page on, granting the given scopes to the default user. */
	static FakeHuggingFace start(String scopes) {
		FakeHuggingFace huggingFace = FakeHuggingFace.start().consentPage(true).scopes(scopes);
		huggingFace.server().stubFor(get(urlPathMatching("/avatars/.*"))
			.willReturn(aResponse().withHeader("Content-Type", "image/svg+xml").withBody(AVATAR)));
		return huggingFace.userInfo(FakeHuggingFace.DEFAULT_USERINFO.replace("https://cdn.example/avatars/",
				huggingFace.baseUrl() + "/avatars/"));
	}

}
