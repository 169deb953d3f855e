package io.github.hfoauth.sample.reactive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.fake.StreamingRouter;
import io.github.hfoauth.fake.StreamingRouter.Script;
import io.github.hfoauth.sample.Browser;
import io.github.hfoauth.sample.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux twin of the servlet sample's streaming tests: {@code POST /ask/stream} of
 * {@link ReactiveSampleApp} hands each piece to the browser as it is generated, and a browser
 * that goes away stops the model.
 */
class ReactiveAskStreamingTests {

	static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	static final StreamingRouter router = StreamingRouter.start();

	static final Duration GAP = Duration.ofMillis(300);

	static ConfigurableApplicationContext app;

	Browser browser;

	String csrf;

	@BeforeAll
	static void startApp() {
		// Sessions in memory: these tests are about the stream, not about sharing sessions.
		app = ReactiveSampleApp.start("--server.port=0",
				"--spring.autoconfigure.exclude=org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
						+ "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
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

	@BeforeEach
	void signIn() {
		this.browser = new Browser(((WebServerApplicationContext) app).getWebServer().getPort());
		HttpResponse<String> home = this.browser.followRedirects(this.browser.get(HfOAuth2Registration.LOGIN_URL));
		assertThat(home.statusCode()).as("after signing in: %s", home.body()).isEqualTo(200);
		this.csrf = Browser.csrfToken(Browser.page(home));
	}

	@Test
	void eachPieceReachesTheBrowserAsItIsGenerated() throws IOException {
		router.answer(Script.answer(StreamingRouter.PIECES, GAP));
		long start = System.nanoTime();
		HttpResponse<InputStream> response = ask("What is the capital of France?");
		List<String> lines = new ArrayList<>();
		List<Long> arrivals = new ArrayList<>();
		try (BufferedReader reader = reader(response)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
				arrivals.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
			}
		}
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(lines.subList(0, 5)).containsExactly("{\"text\":\"The \"}", "{\"text\":\"capital \"}",
				"{\"text\":\"of France \"}", "{\"text\":\"is \"}", "{\"text\":\"Paris.\"}");
		assertThat(Json.parse(lines.get(5))).containsEntry("done", true).containsEntry("finishReason", "stop");
		long first = arrivals.get(0);
		long total = arrivals.get(arrivals.size() - 1);
		System.out.printf("Ask a model (WebFlux): first piece after %d ms, complete after %d ms%n", first, total);
		assertThat(total - first).as("arrivals %s", arrivals).isGreaterThanOrEqualTo(3 * GAP.toMillis());
		assertThat(router.requests().get(0).get("authorization")).startsWith("Bearer hf_oauth_fake_");
	}

	@Test
	void aFailureBeforeTheAnswerSaysWhatToDo() throws IOException {
		router.answer(Script.failing(401, ""));
		try (BufferedReader reader = reader(ask("Hello?"))) {
			assertThat(Json.parse(reader.readLine())).containsEntry("signInAgain", true);
			assertThat(reader.readLine()).isNull();
		}
	}

	@Test
	void aBrowserThatGoesAwayStopsTheModel() throws IOException {
		router.answer(Script.endless(Duration.ofMillis(50)));
		try (BufferedReader reader = reader(ask("Tell me a long story"))) {
			assertThat(reader.readLine()).isEqualTo("{\"text\":\"more \"}");
			assertThat(reader.readLine()).isEqualTo("{\"text\":\"more \"}");
		}
		assertThat(router.clientWentAway(Duration.ofSeconds(5))).as("the app closed its connection to the router")
			.isTrue();
	}

	private HttpResponse<InputStream> ask(String prompt) {
		return this.browser.postStreaming("/ask/stream", Map.of("prompt", prompt, "model", "HuggingFaceTB/SmolLM3-3B"),
				this.csrf);
	}

	private static BufferedReader reader(HttpResponse<InputStream> response) {
		return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
	}

}
