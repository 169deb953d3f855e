package io.github.hfoauth.api;

import org.jspecify.annotations.Nullable;

/**
 * The answer of a chat completion.
 *
 * @param id the completion's id
 * @param model the model that answered
 * @param content the first choice's text
 * @param finishReason why generation stopped, such as {@code stop} or {@code length}
 * @param promptTokens tokens read, or 0 if not reported
 * @param completionTokens tokens generated, or 0 if not reported
 */
public record HfChatCompletion(@Nullable String id, @Nullable String model, String content,
		@Nullable String finishReason, int promptTokens, int completionTokens) {

}
