package io.github.hfoauth.api;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a streamed chat completion, as the model generates it.
 *
 * @param content the text added by this piece (may be empty)
 * @param finishReason why generation stopped, on the last piece: {@code stop} or
 * {@code length}; otherwise {@code null}
 */
public record HfChatChunk(String content, @Nullable String finishReason) {

}
