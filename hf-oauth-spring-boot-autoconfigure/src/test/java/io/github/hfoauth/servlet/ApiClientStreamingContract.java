package io.github.hfoauth.servlet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfChatChunk;
import io.github.hfoauth.api.HfChatRequest;
import io.github.hfoauth.fake.StreamingRouter;
import io.github.hfoauth.fake.StreamingRouter.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Streaming a chat completion against a router that streams with a pause between pieces, the
 * same for both API clients: each piece is handed over as it arrives, failures before the first
 * piece are the usual kinds, a broken or stalled stream is {@code INTERRUPTED}, and a reader that stops
 * closes the connection. Also the billing header. Calls carry the developer's token (mock
 * mode), so no sign-in is needed: the token's way is the same as a signed-in user's.
 */
// One router per test class: a static one would be closed by the first class to finish.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiClientStreamingContract {

	static final Duration GAP = Duration.ofMillis(50);

	protected final StreamingRouter router = StreamingRouter.start();

	/** One stack's client, as the scenarios call it; each call fails with {@link HfApiException}. */
	protected interface Streaming {

		/** Streams the answer to the end, handing each piece over as it arrives. */
		void stream(HfChatRequest request, Consumer<HfChatChunk> onPiece);

		/** Reads the first pieces of an answer, then stops as a browser that went away. */
		List<HfChatChunk> readAndStop(HfChatRequest request, int pieces);

		/** Asks for the whole answer at once. */
		void ask(HfChatRequest request);

	}

	/**
	 * Runs a scenario with the client of an app started with the given properties.
	 * @param properties the app's properties ({@link #properties})
	 * @param scenario what to do with its client
	 */
	protected abstract void run(String[] properties, Consumer<Streaming> scenario);

	@AfterAll
	void stopRouter() {
		this.router.close();
	}

	@Test
	void eachPieceIsHandedOverAsItArrives() {
		this.router.answer(Script.answer(StreamingRouter.PIECES, GAP)).holdingTheLastPiece();
		withClient((hf) -> {
			List<String> pieces = new ArrayList<>();
			hf.stream(HfChatRequest.ask("HuggingFaceTB/SmolLM3-3B", "Capital of France?"), (chunk) -> {
				pieces.add(chunk.content());
				this.router.releaseTheLastPiece();
			});
			assertThat(pieces).isEqualTo(StreamingRouter.PIECES);
			// A client that held the first piece back would have it only after the last was sent.
			assertThat(this.router.lastPieceWaitedForTheClient()).as("the first piece arrived before the last was sent")
				.isTrue();
			Map<String, String> request = this.router.requests().get(0);
			assertThat(request).containsEntry("authorization", "Bearer hf_developer_token")
				.containsEntry("accept", "text/event-stream")
				.doesNotContainKey("x-hf-bill-to");
			assertThat(request.get("body")).contains("\"stream\":true");
		});
	}

	@Test
	void failuresBeforeTheFirstPieceAreTheUsualKinds() {
		withClient((hf) -> {
			this.router.answer(Script.failing(403, "{\"error\":\"forbidden\"}"));
			assertThat(failure(hf, HfChatRequest.ask("m", "hi")).getKind()).isEqualTo(HfApiException.Kind.MISSING_SCOPE);
			this.router.answer(Script.failing(404, "{\"error\":\"Model not found\"}"));
			assertThat(failure(hf, HfChatRequest.ask("m", "hi")).getKind()).isEqualTo(HfApiException.Kind.NOT_FOUND);
			this.router.answer(Script.failing(401, ""));
			assertThat(failure(hf, HfChatRequest.ask("m", "hi")).getKind()).isEqualTo(HfApiException.Kind.SIGN_IN_AGAIN);
		});
	}

	@Test
	void aStreamThatBreaksOffIsInterrupted() {
		this.router.answer(Script.answer(StreamingRouter.PIECES, Duration.ofMillis(20)).breakingAfter(2));
		withClient((hf) -> {
			List<String> pieces = new ArrayList<>();
			assertThatExceptionOfType(HfApiException.class)
				.isThrownBy(() -> hf.stream(HfChatRequest.ask("HuggingFaceTB/SmolLM3-3B", "hi"),
						(chunk) -> pieces.add(chunk.content())))
				.satisfies((ex) -> {
					assertThat(ex.getKind()).isEqualTo(HfApiException.Kind.INTERRUPTED);
					assertThat(ex.getMessage()).isEqualTo("The answer from the model 'HuggingFaceTB/SmolLM3-3B' broke "
							+ "off before it was complete. Ask again.");
				});
			assertThat(pieces).containsExactly("The ", "capital ");
		});
	}

	@Test
	void aStreamThatStallsEndsAfterTheReadTimeout() {
		withClient((hf) -> {
			this.router.answer(Script.answer(StreamingRouter.PIECES, Duration.ZERO).stallingAfter(1));
			List<String> pieces = new ArrayList<>();
			long start = System.nanoTime();
			assertThatExceptionOfType(HfApiException.class)
				.isThrownBy(() -> hf.stream(HfChatRequest.ask("m", "hi"), (chunk) -> pieces.add(chunk.content())))
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(HfApiException.Kind.INTERRUPTED));
			assertThat(pieces).containsExactly("The ");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the read timeout, not the router's stall")
				.isLessThan(Duration.ofSeconds(5));

			this.router.answer(Script.answer(StreamingRouter.PIECES, Duration.ZERO).stallingAfter(0));
			HfApiException noAnswer = failure(hf, HfChatRequest.ask("m", "hi"));
			assertThat(noAnswer.getKind()).as("no piece yet: no answer").isEqualTo(HfApiException.Kind.UNAVAILABLE);
			assertThat(noAnswer.getMessage())
				.isEqualTo("Hugging Face did not answer in time for the model 'm'. Try again in a moment.");
		}, "hf.api.read-timeout=500ms");
	}

	@Test
	void aReaderThatStopsClosesTheConnectionToTheRouter() {
		this.router.answer(Script.endless(Duration.ofMillis(30)));
		withClient((hf) -> {
			long start = System.nanoTime();
			assertThat(hf.readAndStop(HfChatRequest.ask("m", "Tell me a long story"), 3)).hasSize(3);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not waiting for the rest")
				.isLessThan(Duration.ofSeconds(3));
			assertThat(this.router.clientWentAway(Duration.ofSeconds(3))).as("the router saw the connection closed")
				.isTrue();
		});
	}

	@Test
	void callsAreBilledToTheConfiguredOrganizationUnlessTheRequestSaysOtherwise() {
		this.router.answer(Script.answer(List.of("ok"), Duration.ZERO));
		withClient((hf) -> {
			hf.stream(HfChatRequest.ask("m", "hi"), (chunk) -> {
			});
			hf.stream(HfChatRequest.ask("m", "hi").withBillTo("open-science"), (chunk) -> {
			});
			assertThat(this.router.requests()).extracting((request) -> request.get("x-hf-bill-to"))
				.containsExactly("acme", "open-science");
		}, "hf.api.bill-to=acme");
	}

	@Test
	void anOrganizationThatRefusesToPayIsBillingRefused() {
		withClient((hf) -> {
			this.router.answer(Script.failing(403, "{\"error\":\"You are not allowed to bill acme\"}"));
			HfApiException refused = failure(hf, HfChatRequest.ask("m", "hi"));
			assertThat(refused.getKind()).isEqualTo(HfApiException.Kind.BILLING_REFUSED);
			assertThat(refused.getMessage()).isEqualTo("Hugging Face refused to bill the organization 'acme' for the "
					+ "model 'm': You are not allowed to bill acme. Ask an admin of 'acme' to let you use its billing, "
					+ "or bill the call elsewhere (hf.api.bill-to, HfChatRequest.withBillTo).");
			this.router.answer(Script.failing(402, "{\"error\":\"Payment required\"}"));
			assertThat(failure(hf, HfChatRequest.ask("m", "hi")).getKind()).isEqualTo(HfApiException.Kind.BILLING_REFUSED);
			assertThatExceptionOfType(HfApiException.class).isThrownBy(() -> hf.ask(HfChatRequest.ask("m", "hi")))
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(HfApiException.Kind.BILLING_REFUSED));
		}, "hf.api.bill-to=acme");
	}

	/**
	 * The properties of every app here: the developer's token, and the router for inference.
	 * @param more further properties
	 * @return all of them
	 */
	protected final String[] properties(String... more) {
		return Stream.concat(Stream.of("hf.oauth.mock.token=hf_developer_token", "hf.api.inference-url=" + this.router.baseUrl()),
				Stream.of(more))
			.toArray(String[]::new);
	}

	private void withClient(Consumer<Streaming> scenario, String... properties) {
		run(properties(properties), scenario);
	}

	private static HfApiException failure(Streaming hf, HfChatRequest request) {
		List<HfChatChunk> pieces = new ArrayList<>();
		HfApiException failure = org.junit.jupiter.api.Assertions.assertThrows(HfApiException.class,
				() -> hf.stream(request, pieces::add));
		assertThat(pieces).isEmpty();
		return failure;
	}

}
