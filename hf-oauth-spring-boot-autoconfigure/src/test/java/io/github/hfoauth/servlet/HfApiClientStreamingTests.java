package io.github.hfoauth.servlet;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfChatChunk;
import io.github.hfoauth.api.HfChatCompletion;
import io.github.hfoauth.api.HfChatRequest;
import io.github.hfoauth.autoconfigure.HfApiAutoConfiguration;
import io.github.hfoauth.autoconfigure.HfOAuthAutoConfiguration;
import io.github.hfoauth.fake.StreamingRouter;
import io.github.hfoauth.fake.StreamingRouter.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HfApiClient#streamChatCompletion} against a router that streams with a pause between
 * pieces: each piece is handed over as it arrives, failures before the first piece are the
 * usual kinds, a broken stream is {@code INTERRUPTED}, and a reader that stops closes the
 * connection. Also the billing header. Calls carry the developer's token (mock mode), so no
 * sign-in is needed: the token's way is the same as a signed-in user's.
 */
class HfApiClientStreamingTests {

	static final StreamingRouter router = StreamingRouter.start();

	static final Duration GAP = Duration.ofMillis(150);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, HfApiAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class))
		.withPropertyValues("hf.oauth.mock.token=hf_developer_token", "hf.api.inference-url=" + router.baseUrl());

	@AfterAll
	static void stopRouter() {
		router.close();
	}

	@Test
	void eachPieceIsHandedOverAsItArrives() {
		router.answer(Script.answer(StreamingRouter.PIECES, GAP));
		this.contextRunner.run((context) -> {
			List<String> pieces = new ArrayList<>();
			List<Long> arrivals = new ArrayList<>();
			long start = System.nanoTime();
			HfChatCompletion answer = context.getBean(HfApiClient.class)
				.streamChatCompletion(HfChatRequest.ask("HuggingFaceTB/SmolLM3-3B", "Capital of France?"), (chunk) -> {
					pieces.add(chunk.content());
					arrivals.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
				});
			assertThat(pieces).isEqualTo(StreamingRouter.PIECES);
			assertThat(answer.content()).isEqualTo("The capital of France is Paris.");
			assertThat(answer.finishReason()).isEqualTo("stop");
			assertThat(answer.model()).isEqualTo("HuggingFaceTB/SmolLM3-3B");
			System.out.printf("%s: pieces arrived after %s ms%n", "HfApiClient", arrivals);
			// Four pauses of 150 ms lie between the first piece and the last; a held-back first piece
			// would arrive with the last (three pauses leave room for a busy machine).
			assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).as("arrivals %s", arrivals)
				.isGreaterThanOrEqualTo(3 * GAP.toMillis());
			Map<String, String> request = router.requests().get(0);
			assertThat(request).containsEntry("authorization", "Bearer hf_developer_token")
				.containsEntry("accept", "text/event-stream")
				.doesNotContainKey("x-hf-bill-to");
			assertThat(request.get("body")).contains("\"stream\":true");
		});
	}

	@Test
	void failuresBeforeTheFirstPieceAreTheUsualKinds() {
		this.contextRunner.run((context) -> {
			HfApiClient hf = context.getBean(HfApiClient.class);
			router.answer(Script.failing(403, "{\"error\":\"forbidden\"}"));
			assertThat(failure(hf, HfChatRequest.ask("m", "hi")).getKind()).isEqualTo(HfApiException.Kind.MISSING_SCOPE);
			router.answer(Script.failing(404, "{\"error\":\"Model not found\"}"));
			assertThat(failure(hf, HfChatRequest.ask("m", "hi")).getKind()).isEqualTo(HfApiException.Kind.NOT_FOUND);
			router.answer(Script.failing(401, ""));
			assertThat(failure(hf, HfChatRequest.ask("m", "hi")).getKind()).isEqualTo(HfApiException.Kind.SIGN_IN_AGAIN);
		});
	}

	@Test
	void aStreamThatBreaksOffIsInterrupted() {
		router.answer(Script.answer(StreamingRouter.PIECES, Duration.ofMillis(20)).breakingAfter(2));
		this.contextRunner.run((context) -> {
			List<String> pieces = new ArrayList<>();
			assertThatExceptionOfType(HfApiException.class)
				.isThrownBy(() -> context.getBean(HfApiClient.class)
					.streamChatCompletion(HfChatRequest.ask("HuggingFaceTB/SmolLM3-3B", "hi"),
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
	void aReaderThatStopsClosesTheConnectionToTheRouter() {
		router.answer(Script.endless(Duration.ofMillis(30)));
		this.contextRunner.run((context) -> {
			List<HfChatChunk> pieces = new ArrayList<>();
			UncheckedIOException browserGone = new UncheckedIOException(new java.io.IOException("Broken pipe"));
			long start = System.nanoTime();
			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> context.getBean(HfApiClient.class)
				.streamChatCompletion(HfChatRequest.ask("m", "Tell me a long story"), (chunk) -> {
					pieces.add(chunk);
					if (pieces.size() == 3) {
						throw browserGone;
					}
				})).isSameAs(browserGone);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not waiting for the rest")
				.isLessThan(Duration.ofSeconds(3));
			assertThat(router.clientWentAway(Duration.ofSeconds(3))).as("the router saw the connection closed").isTrue();
		});
	}

	@Test
	void callsAreBilledToTheConfiguredOrganizationUnlessTheRequestSaysOtherwise() {
		router.answer(Script.answer(List.of("ok"), Duration.ZERO));
		this.contextRunner.withPropertyValues("hf.api.bill-to=acme").run((context) -> {
			HfApiClient hf = context.getBean(HfApiClient.class);
			hf.streamChatCompletion(HfChatRequest.ask("m", "hi"), (chunk) -> {
			});
			hf.streamChatCompletion(HfChatRequest.ask("m", "hi").withBillTo("open-science"), (chunk) -> {
			});
			assertThat(router.requests()).extracting((request) -> request.get("x-hf-bill-to"))
				.containsExactly("acme", "open-science");
		});
	}

	@Test
	void anOrganizationThatRefusesToPayIsBillingRefused() {
		this.contextRunner.withPropertyValues("hf.api.bill-to=acme").run((context) -> {
			HfApiClient hf = context.getBean(HfApiClient.class);
			router.answer(Script.failing(403, "{\"error\":\"You are not allowed to bill acme\"}"));
			HfApiException refused = failure(hf, HfChatRequest.ask("m", "hi"));
			assertThat(refused.getKind()).isEqualTo(HfApiException.Kind.BILLING_REFUSED);
			assertThat(refused.getMessage()).isEqualTo("Hugging Face refused to bill the organization 'acme' for the "
					+ "model 'm': You are not allowed to bill acme. Ask an admin of 'acme' to let you use its billing, "
					+ "or bill the call elsewhere (hf.api.bill-to, HfChatRequest.withBillTo).");
			router.answer(Script.failing(402, "{\"error\":\"Payment required\"}"));
			assertThat(failure(hf, HfChatRequest.ask("m", "hi")).getKind()).isEqualTo(HfApiException.Kind.BILLING_REFUSED);
			assertThatExceptionOfType(HfApiException.class).isThrownBy(() -> hf.chatCompletion(HfChatRequest.ask("m", "hi")))
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(HfApiException.Kind.BILLING_REFUSED));
		});
	}

	private static HfApiException failure(HfApiClient hf, HfChatRequest request) {
		List<HfChatChunk> pieces = new ArrayList<>();
		HfApiException failure = org.junit.jupiter.api.Assertions.assertThrows(HfApiException.class,
				() -> hf.streamChatCompletion(request, pieces::add));
		assertThat(pieces).isEmpty();
		return failure;
	}

}
