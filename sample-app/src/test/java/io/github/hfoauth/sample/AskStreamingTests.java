package io.github.hfoauth.sample;

import java.net.http.HttpResponse;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.fake.StreamingRouter;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The servlet sample's "Ask a model" stream ({@link AskStreamingContract}), signed in as in a
 * Space.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AskStreamingTests extends AskStreamingContract {

	static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	static final StreamingRouter router = StreamingRouter.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		SpaceSignIn.environment(registry, huggingFace, FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		registry.add("hf.api.inference-url", router::baseUrl);
	}

	@AfterAll
	static void stop() {
		router.close();
		huggingFace.close();
	}

	@Override
	protected StreamingRouter router() {
		return router;
	}

	@Override
	protected Browser browser() {
		return new Browser(this.port);
	}

	@Override
	protected HttpResponse<String> signIn(Browser browser) {
		SpaceSignIn.signIn(browser);
		return browser.get("/ask");
	}

}
