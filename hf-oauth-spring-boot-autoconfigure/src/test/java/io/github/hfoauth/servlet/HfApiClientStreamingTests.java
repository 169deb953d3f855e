package io.github.hfoauth.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfChatChunk;
import io.github.hfoauth.api.HfChatCompletion;
import io.github.hfoauth.api.HfChatRequest;
import io.github.hfoauth.autoconfigure.HfApiAutoConfiguration;
import io.github.hfoauth.autoconfigure.HfOAuthAutoConfiguration;
import io.github.hfoauth.fake.StreamingRouter;
import io.github.hfoauth.fake.StreamingRouter.Script;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HfApiClient#streamChatCompletion} ({@link ApiClientStreamingContract}), which also
 * returns the whole answer at the end.
 */
class HfApiClientStreamingTests extends ApiClientStreamingContract {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, HfApiAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));

	@Override
	protected void run(String[] properties, Consumer<Streaming> scenario) {
		this.contextRunner.withPropertyValues(properties)
			.run((context) -> scenario.accept(new ServletStreaming(context.getBean(HfApiClient.class))));
	}

	@Test
	void theStreamEndsInTheWholeAnswer() {
		this.router.answer(Script.answer(StreamingRouter.PIECES, Duration.ZERO));
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			HfChatCompletion answer = context.getBean(HfApiClient.class)
				.streamChatCompletion(HfChatRequest.ask("HuggingFaceTB/SmolLM3-3B", "Capital of France?"), (chunk) -> {
				});
			assertThat(answer.content()).isEqualTo("The capital of France is Paris.");
			assertThat(answer.finishReason()).isEqualTo("stop");
			assertThat(answer.model()).isEqualTo("HuggingFaceTB/SmolLM3-3B");
		});
	}

	private record ServletStreaming(HfApiClient hf) implements Streaming {

		@Override
		public void stream(HfChatRequest request, Consumer<HfChatChunk> onPiece) {
			this.hf.streamChatCompletion(request, onPiece);
		}

		// The browser went away: the next write to it fails, inside the reader.
		@Override
		public List<HfChatChunk> readAndStop(HfChatRequest request, int count) {
			List<HfChatChunk> pieces = new ArrayList<>();
			UncheckedIOException browserGone = new UncheckedIOException(new IOException("Broken pipe"));
			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> this.hf.streamChatCompletion(request,
					(chunk) -> {
						pieces.add(chunk);
						if (pieces.size() == count) {
							throw browserGone;
						}
					})).isSameAs(browserGone);
			return pieces;
		}

		@Override
		public void ask(HfChatRequest request) {
			this.hf.chatCompletion(request);
		}

	}

}
