package io.github.hfoauth.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A chat completion request to Inference Providers (OpenAI-compatible).
 *
 * @param model the model, such as {@code HuggingFaceTB/SmolLM3-3B}, optionally with a
 * provider suffix such as {@code :fastest}
 * @param messages the conversation so far
 * @param maxTokens the most tokens to generate, or {@code null} for the provider's default
 * @param temperature sampling temperature, or {@code null} for the provider's default
 */
public record HfChatRequest(String model, List<Message> messages, @Nullable Integer maxTokens,
		@Nullable Double temperature) {

	public HfChatRequest {
		Assert.hasText(model, "model must not be empty");
		Assert.notEmpty(messages, "messages must not be empty");
		messages = List.copyOf(messages);
	}

	/**
	 * One question from the user, with the provider's defaults.
	 * @param model the model
	 * @param prompt what the user asks
	 * @return the request
	 */
	public static HfChatRequest ask(String model, String prompt) {
		return new HfChatRequest(model, List.of(new Message("user", prompt)), null, null);
	}

	/**
	 * A message of the conversation.
	 *
	 * @param role {@code system}, {@code user} or {@code assistant}
	 * @param content the text
	 */
	public record Message(String role, String content) {

	}

}
