package io.github.hfoauth.sample.reactive;

import java.net.http.HttpResponse;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.fake.StreamingRouter;
import io.github.hfoauth.sample.AskStreamingContract;
import io.github.hfoauth.sample.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The "Ask a model" stream of {@link ReactiveSampleApp} ({@link AskStreamingContract}), signed
 * in with properties.
 */
class ReactiveAskStreamingTests extends AskStreamingContract {

	static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	static final StreamingRouter router = StreamingRouter.start();

	static ConfigurableApplicationContext app;

	@BeforeAll
	static void startApp() {
		// Sessions in memory: these tests are about the stream, not about sharing sessions.
		app = ReactiveSampleApp.start("--server.port=0",
				ReactiveSampleApp.SESSIONS_IN_MEMORY,
				"--hf.oauth.client-id=" + FakeHuggingFace.DEFAULT_CLIENT_ID,
				"--hf.oauth.client-secret=" + FakeHuggingFace.DEFAULT_CLIENT_SECRET,
				"--hf.oauth.provider-url=" + huggingFace.baseUrl(), "--hf.api.inference-url=" + router.baseUrl());
	}

	@AfterAll
	static void stop() {
		app.close();
		router.close();
		huggingFace.close();
	}

	@Override
	protected StreamingRouter router() {
		return router;
	}

	@Override
	protected Browser browser() {
		return new Browser(((WebServerApplicationContext) app).getWebServer().getPort());
	}

	// The reduced "Ask a model" page has no sign-out form: the home page has.
	@Override
	protected HttpResponse<String> signIn(Browser browser) {
		return browser.signIn();
	}

}
