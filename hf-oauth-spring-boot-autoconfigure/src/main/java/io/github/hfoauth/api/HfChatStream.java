package io.github.hfoauth.api;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonParserFactory;

/**
 * Reads one streamed chat completion (OpenAI's server-sent events) for both clients: each
 * event's data becomes an {@link HfChatChunk}, {@code [DONE]} ends it, and an error event or
 * an end without {@code [DONE]} is {@link HfApiException.Kind#INTERRUPTED}. The servlet and
 * the reactive client only cut the response into events.
 */
final class HfChatStream {

	private static final String DONE = "[DONE]";

	private final String what;

	// One per stream: the factory looks up which JSON library is present on every call.
	private final JsonParser json = JsonParserFactory.getJsonParser();

	private final StringBuilder content = new StringBuilder();

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable String finishReason;

	private int promptTokens;

	private int completionTokens;

	private boolean started;

	private boolean done;

	HfChatStream(String what) {
		this.what = what;
	}

	/**
	 * Reads one event's data.
	 * @param data the event's data, without the {@code data:} prefix
	 * @return the piece of the answer, or {@code null} for an event that carries none
	 * @throws HfApiException when Hugging Face reports an error in the stream, or the event
	 * cannot be read
	 */
	@Nullable HfChatChunk read(String data) {
		String event = data.trim();
		if (event.isEmpty() || this.done) {
			return null;
		}
		if (DONE.equals(event)) {
			this.done = true;
			return null;
		}
		Map<String, Object> body;
		try {
			body = this.json.parseMap(event);
		}
		catch (RuntimeException ex) {
			throw broken(ex);
		}
		if (body.containsKey("error")) {
			throw HfApiProtocol.interrupted(this.what, HfApiProtocol.reason(event), null);
		}
		this.started = true;
		this.id = (this.id != null) ? this.id : text(body, "id");
		this.model = (this.model != null) ? this.model : text(body, "model");
		if (body.get("usage") instanceof Map<?, ?> usage) {
			this.promptTokens = count(usage, "prompt_tokens", this.promptTokens);
			this.completionTokens = count(usage, "completion_tokens", this.completionTokens);
		}
		Map<?, ?> choice = (body.get("choices") instanceof List<?> choices && !choices.isEmpty()
				&& choices.get(0) instanceof Map<?, ?> first) ? first : Map.of();
		Map<?, ?> delta = (choice.get("delta") instanceof Map<?, ?> d) ? d : Map.of();
		String text = (delta.get("content") instanceof String piece) ? piece : "";
		String reason = (choice.get("finish_reason") instanceof String r) ? r : null;
		if (text.isEmpty() && reason == null) {
			return null;
		}
		this.content.append(text);
		this.finishReason = (reason != null) ? reason : this.finishReason;
		return new HfChatChunk(text, reason);
	}

	/**
	 * The whole answer, once the response has ended.
	 * @return the answer
	 * @throws HfApiException when the stream ended before {@code [DONE]}
	 */
	HfChatCompletion end() {
		if (!this.done) {
			throw broken(null);
		}
		return new HfChatCompletion(this.id, this.model, this.content.toString(), this.finishReason,
				this.promptTokens, this.completionTokens);
	}

	/**
	 * Whether a piece of the answer has arrived: before, a failure is one of a call that did
	 * not start; after, the answer broke off.
	 * @return whether it started
	 */
	boolean started() {
		return this.started;
	}

	String what() {
		return this.what;
	}

	HfApiException broken(@Nullable Throwable cause) {
		return HfApiProtocol.interrupted(this.what, "", cause);
	}

	private static @Nullable String text(Map<?, ?> map, String key) {
		return (map.get(key) instanceof String text && !text.isBlank()) ? text : null;
	}

	private static int count(Map<?, ?> map, String key, int otherwise) {
		return (map.get(key) instanceof Number number) ? number.intValue() : otherwise;
	}

}
