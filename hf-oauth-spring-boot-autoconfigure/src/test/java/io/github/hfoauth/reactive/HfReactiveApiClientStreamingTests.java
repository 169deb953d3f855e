package io.github.hfoauth.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfChatChunk;
import io.github.hfoauth.api.HfChatRequest;
import io.github.hfoauth.api.HfReactiveApiClient;
import io.github.hfoauth.autoconfigure.HfReactiveApiAutoConfiguration;
import io.github.hfoauth.fake.StreamingRouter;
import io.github.hfoauth.fake.StreamingRouter.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The WebFlux twin of the servlet streaming tests: {@link HfReactiveApiClient#streamChatCompletion}
 * emits each piece as it arrives, fails before the first piece with the usual kinds, breaks off
 * as {@code INTERRUPTED}, and closes the connection to the router when cancelled. Also the
 * billing header.
 */
class HfReactiveApiClientStreamingTests {

	static final StreamingRouter router = StreamingRouter.start();

	static final Duration GAP = Duration.ofMillis(150);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfReactiveApiAutoConfiguration.class))
		.withUserConfiguration(ReactiveLoginBeans.SignedIn.class, ReactiveLoginBeans.MockMode.class)
		.withPropertyValues("hf.oauth.mock.token=hf_developer_token", "hf.api.inference-url=" + router.baseUrl());

	@AfterAll
	static void stopRouter() {
		router.close();
	}

	@Test
	void eachPieceIsEmittedAsItArrives() {
		router.answer(Script.answer(StreamingRouter.PIECES, GAP));
		this.contextRunner.run((context) -> {
			List<Long> arrivals = new ArrayList<>();
			long start = System.nanoTime();
			List<String> pieces = context.getBean(HfReactiveApiClient.class)
				.streamChatCompletion(HfChatRequest.ask("HuggingFaceTB/SmolLM3-3B", "Capital of France?"))
				.doOnNext((chunk) -> arrivals.add(Duration.ofNanos(System.nanoTime() - start).toMillis()))
				.map(HfChatChunk::content)
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(pieces).isEqualTo(StreamingRouter.PIECES);
			System.out.printf("%s: pieces arrived after %s ms%n", "HfReactiveApiClient", arrivals);
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
			HfReactiveApiClient hf = context.getBean(HfReactiveApiClient.class);
			router.answer(Script.failing(403, "{\"error\":\"forbidden\"}"));
			assertThat(failure(hf.streamChatCompletion(HfChatRequest.ask("m", "hi"))).getKind())
				.isEqualTo(HfApiException.Kind.MISSING_SCOPE);
			router.answer(Script.failing(404, "{\"error\":\"Model not found\"}"));
			assertThat(failure(hf.streamChatCompletion(HfChatRequest.ask("m", "hi"))).getKind())
				.isEqualTo(HfApiException.Kind.NOT_FOUND);
			router.answer(Script.failing(401, ""));
			assertThat(failure(hf.streamChatCompletion(HfChatRequest.ask("m", "hi"))).getKind())
				.isEqualTo(HfApiException.Kind.SIGN_IN_AGAIN);
		});
	}

	@Test
	void aStreamThatBreaksOffIsInterrupted() {
		router.answer(Script.answer(StreamingRouter.PIECES, Duration.ofMillis(20)).breakingAfter(2));
		this.contextRunner.run((context) -> {
			List<String> pieces = new ArrayList<>();
			HfApiException broken = failure(context.getBean(HfReactiveApiClient.class)
				.streamChatCompletion(HfChatRequest.ask("HuggingFaceTB/SmolLM3-3B", "hi"))
				.doOnNext((chunk) -> pieces.add(chunk.content())));
			assertThat(broken.getKind()).isEqualTo(HfApiException.Kind.INTERRUPTED);
			assertThat(broken.getMessage()).isEqualTo("The answer from the model 'HuggingFaceTB/SmolLM3-3B' broke "
					+ "off before it was complete. Ask again.");
			assertThat(pieces).containsExactly("The ", "capital ");
		});
	}

	@Test
	void cancellingClosesTheConnectionToTheRouter() {
		router.answer(Script.endless(Duration.ofMillis(30)));
		this.contextRunner.run((context) -> {
			List<HfChatChunk> pieces = context.getBean(HfReactiveApiClient.class)
				.streamChatCompletion(HfChatRequest.ask("m", "Tell me a long story"))
				.take(3)
				.collectList()
				.block(Duration.ofSeconds(5));
			assertThat(pieces).hasSize(3);
			assertThat(router.clientWentAway(Duration.ofSeconds(3))).as("the router saw the connection closed").isTrue();
		});
	}

	@Test
	void callsAreBilledToTheConfiguredOrganizationUnlessTheRequestSaysOtherwise() {
		router.answer(Script.answer(List.of("ok"), Duration.ZERO));
		this.contextRunner.withPropertyValues("hf.api.bill-to=acme").run((context) -> {
			HfReactiveApiClient hf = context.getBean(HfReactiveApiClient.class);
			hf.streamChatCompletion(HfChatRequest.ask("m", "hi")).blockLast(Duration.ofSeconds(5));
			hf.streamChatCompletion(HfChatRequest.ask("m", "hi").withBillTo("open-science"))
				.blockLast(Duration.ofSeconds(5));
			assertThat(router.requests()).extracting((request) -> request.get("x-hf-bill-to"))
				.containsExactly("acme", "open-science");
		});
	}

	@Test
	void anOrganizationThatRefusesToPayIsBillingRefused() {
		this.contextRunner.withPropertyValues("hf.api.bill-to=acme").run((context) -> {
			HfReactiveApiClient hf = context.getBean(HfReactiveApiClient.class);
			router.answer(Script.failing(403, "{\"error\":\"You are not allowed to bill acme\"}"));
			HfApiException refused = failure(hf.streamChatCompletion(HfChatRequest.ask("m", "hi")));
			assertThat(refused.getKind()).isEqualTo(HfApiException.Kind.BILLING_REFUSED);
			assertThat(refused.getMessage()).isEqualTo("Hugging Face refused to bill the organization 'acme' for the "
					+ "model 'm': You are not allowed to bill acme. Ask an admin of 'acme' to let you use its billing, "
					+ "or bill the call elsewhere (hf.api.bill-to, HfChatRequest.withBillTo).");
			router.answer(Script.failing(402, "{\"error\":\"Payment required\"}"));
			assertThat(failure(hf.chatCompletion(HfChatRequest.ask("m", "hi")).flux()).getKind())
				.isEqualTo(HfApiException.Kind.BILLING_REFUSED);
		});
	}

	private static HfApiException failure(Flux<?> call) {
		List<Object> pieces = new ArrayList<>();
		Throwable failure = null;
		try {
			call.doOnNext(pieces::add).blockLast(Duration.ofSeconds(10));
		}
		catch (HfApiException ex) {
			failure = ex;
		}
		assertThat(failure).isInstanceOf(HfApiException.class);
		return (HfApiException) failure;
	}

}
