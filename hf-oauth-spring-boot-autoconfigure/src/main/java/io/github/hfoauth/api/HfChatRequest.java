package io.github.hfoauth.api;

import java.util.List;
import java.util.regex.Pattern;

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
 * @param billTo the organization billed for this call ({@code X-HF-Bill-To}), or {@code null}
 * for {@code hf.api.bill-to}, whose default is the user's own account
 */
public record HfChatRequest(String model, List<Message> messages, @Nullable Integer maxTokens,
		@Nullable Double temperature, @Nullable String billTo) {

	// Hugging Face handles: letters, digits and single separators inside, at most 96 characters.
	private static final Pattern HANDLE = Pattern.compile("(?!.*(--|\\.\\.))[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?");

	public HfChatRequest {
		Assert.hasText(model, "model must not be empty");
		Assert.notEmpty(messages, "messages must not be empty");
		messages = List.copyOf(messages);
		if (billTo != null && !isOrganizationHandle(billTo)) {
			throw new IllegalArgumentException("billTo must be an organization's handle, as in huggingface.co/<handle>");
		}
	}

	/**
	 * A request billed as {@code hf.api.bill-to} says (by default, to the user).
	 * @param model the model
	 * @param messages the conversation so far
	 * @param maxTokens the most tokens to generate, or {@code null} for the provider's default
	 * @param temperature sampling temperature, or {@code null} for the provider's default
	 */
	public HfChatRequest(String model, List<Message> messages, @Nullable Integer maxTokens,
			@Nullable Double temperature) {
		this(model, messages, maxTokens, temperature, null);
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
	 * This request, billed to an organization instead of {@code hf.api.bill-to} or the user.
	 * The user must be allowed to use the organization's billing, or the call fails with
	 * {@link HfApiException.Kind#BILLING_REFUSED}.
	 * @param organization the organization's handle, such as {@code acme}
	 * @return the request billed to it
	 * @throws IllegalArgumentException when it is not a handle
	 */
	public HfChatRequest withBillTo(String organization) {
		return new HfChatRequest(this.model, this.messages, this.maxTokens, this.temperature, organization);
	}

	/**
	 * Whether a name can be an organization's handle (letters, digits, and {@code -}, {@code _}
	 * or {@code .} between them, at most 96 characters), as {@link #billTo()} must be.
	 * @param name the name
	 * @return whether it is one
	 */
	public static boolean isOrganizationHandle(String name) {
		return HANDLE.matcher(name).matches();
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
