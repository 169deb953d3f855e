package io.github.hfoauth.sample;

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

import io.github.hfoauth.fake.StreamingRouter;
import io.github.hfoauth.fake.StreamingRouter.Script;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Ask a model" page's stream ({@code POST /ask/stream}), as its script reads it, the same
 * for the servlet sample and its WebFlux twin, against a router that streams with a pause
 * between pieces: each piece reaches the browser as it is generated, a failure says what to
 * do, and a browser that goes away stops the model.
 */
public abstract class AskStreamingContract {

	static final Duration GAP = Duration.ofMillis(50);

	private Browser browser;

	private String csrf;

	/**
	 * The router the app streams from ({@code hf.api.inference-url}).
	 * @return the router
	 */
	protected abstract StreamingRouter router();

	/**
	 * A new browser on the app.
	 * @return the browser
	 */
	protected abstract Browser browser();

	/**
	 * Signs the browser in.
	 * @param browser the browser
	 * @return a page with the sign-out form, whose CSRF token the stream's request sends
	 */
	protected abstract HttpResponse<String> signIn(Browser browser);

	@BeforeEach
	void signIn() {
		this.browser = browser();
		this.csrf = Browser.csrfToken(Browser.page(signIn(this.browser)));
	}

	@Test
	void eachPieceReachesTheBrowserAsItIsGenerated() throws IOException {
		router().answer(Script.answer(StreamingRouter.PIECES, GAP)).holdingTheLastPiece();
		HttpResponse<InputStream> response = ask("What is the capital of France?");
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = reader(response)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
				router().releaseTheLastPiece();
			}
		}
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/x-ndjson"));
		assertThat(lines.subList(0, 5)).containsExactly("{\"text\":\"The \"}", "{\"text\":\"capital \"}",
				"{\"text\":\"of France \"}", "{\"text\":\"is \"}", "{\"text\":\"Paris.\"}");
		assertThat(Json.parse(lines.get(5))).containsEntry("done", true)
			.containsEntry("model", "HuggingFaceTB/SmolLM3-3B")
			.containsEntry("finishReason", "stop");
		assertThat(lines).hasSize(6);
		// A page held back by the app or its server would reach the browser only after the last
		// piece was sent.
		assertThat(router().lastPieceWaitedForTheClient()).as("the first piece reached the browser before the last "
				+ "was sent").isTrue();
		assertThat(router().requests().get(0).get("authorization")).startsWith("Bearer hf_oauth_fake_");
	}

	@Test
	void aFailureBeforeTheAnswerSaysWhatToDo() throws IOException {
		router().answer(Script.failing(403, "{\"error\":\"forbidden\"}"));
		try (BufferedReader reader = reader(ask("Hello?"))) {
			assertThat(Json.parse(reader.readLine())).containsEntry("signInAgain", false)
				.hasEntrySatisfying("problem", (problem) -> assertThat((String) problem)
					.contains("the app needs the scope 'inference-api'"));
			assertThat(reader.readLine()).isNull();
		}
		router().answer(Script.failing(401, ""));
		try (BufferedReader reader = reader(ask("Hello?"))) {
			assertThat(Json.parse(reader.readLine())).containsEntry("signInAgain", true);
			assertThat(reader.readLine()).isNull();
		}
	}

	@Test
	void aBrowserThatGoesAwayStopsTheModel() throws IOException {
		router().answer(Script.endless(Duration.ofMillis(50)));
		try (BufferedReader reader = reader(ask("Tell me a long story"))) {
			assertThat(reader.readLine()).isEqualTo("{\"text\":\"more \"}");
			assertThat(reader.readLine()).isEqualTo("{\"text\":\"more \"}");
		}
		assertThat(router().clientWentAway(Duration.ofSeconds(5))).as("the app closed its connection to the router")
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
