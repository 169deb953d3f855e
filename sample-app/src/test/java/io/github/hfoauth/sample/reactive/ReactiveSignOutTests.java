package io.github.hfoauth.sample.reactive;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.sample.Browser;
import io.github.hfoauth.sample.SignOutScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The WebFlux twin of the servlet sample's sign-out test: signing out in one cookie jar (the
 * Space page's frame) says whether another of the same user's (a tab of the app) is still
 * signed in, and another person's session never counts.
 */
class ReactiveSignOutTests {

	static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	static ConfigurableApplicationContext app;

	@BeforeAll
	static void startApp() {
		// Sessions in memory: the registry of signed-in sessions covers this instance.
		app = ReactiveSampleApp.start("--server.port=0",
				ReactiveSampleApp.SESSIONS_IN_MEMORY,
				"--hf.oauth.client-id=" + FakeHuggingFace.DEFAULT_CLIENT_ID,
				"--hf.oauth.client-secret=" + FakeHuggingFace.DEFAULT_CLIENT_SECRET,
				"--hf.oauth.provider-url=" + huggingFace.baseUrl());
	}

	@AfterAll
	static void stop() {
		app.close();
		huggingFace.close();
	}

	@Test
	void signOutSaysWhetherAnotherTabOfTheSameUserIsStillSignedIn() {
		Browser frame = signedIn();
		Browser tab = signedIn();
		Browser stranger = huggingFace.asANewUser(() -> signedIn());

		SignOutScenarios.assertSignOutSaysWhetherAnotherTabIsStillSignedIn(frame, tab, stranger,
				"Another tab of this app is still signed in");
	}

	private static Browser signedIn() {
		Browser browser = new Browser(((WebServerApplicationContext) app).getWebServer().getPort());
		browser.signIn();
		return browser;
	}
}
