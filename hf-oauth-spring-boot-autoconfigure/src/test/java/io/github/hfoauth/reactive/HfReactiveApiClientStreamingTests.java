package io.github.hfoauth.reactive;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.hfoauth.api.HfChatChunk;
import io.github.hfoauth.api.HfChatRequest;
import io.github.hfoauth.api.HfReactiveApiClient;
import io.github.hfoauth.autoconfigure.HfReactiveApiAutoConfiguration;
import io.github.hfoauth.servlet.ApiClientStreamingContract;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

/**
 * {@link HfReactiveApiClient#streamChatCompletion} ({@link ApiClientStreamingContract}): a reader
 * that stops is a subscriber that cancels.
 */
class HfReactiveApiClientStreamingTests extends ApiClientStreamingContract {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfReactiveApiAutoConfiguration.class))
		.withUserConfiguration(ReactiveLoginBeans.SignedIn.class, ReactiveLoginBeans.MockMode.class);

	@Override
	protected void run(String[] properties, Consumer<Streaming> scenario) {
		this.contextRunner.withPropertyValues(properties)
			.run((context) -> scenario.accept(new ReactiveStreaming(context.getBean(HfReactiveApiClient.class))));
	}

	private record ReactiveStreaming(HfReactiveApiClient hf) implements Streaming {

		@Override
		public void stream(HfChatRequest request, Consumer<HfChatChunk> onPiece) {
			this.hf.streamChatCompletion(request).doOnNext(onPiece).blockLast(Duration.ofSeconds(10));
		}

		@Override
		public List<HfChatChunk> readAndStop(HfChatRequest request, int pieces) {
			return this.hf.streamChatCompletion(request).take(pieces).collectList().block(Duration.ofSeconds(5));
		}

		@Override
		public void ask(HfChatRequest request) {
			this.hf.chatCompletion(request).block(Duration.ofSeconds(10));
		}

	}

}
