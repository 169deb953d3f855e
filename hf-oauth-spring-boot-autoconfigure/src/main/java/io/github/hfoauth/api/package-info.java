/**
 * Calling Hugging Face as the signed-in user: the Hub and Inference Providers with the user's
 * own token, on {@code RestClient} for servlet apps and {@code WebClient} for WebFlux apps.
 * <p>
 * Code map:
 * <ul>
 * <li>{@link HfApiClient}, {@link HfReactiveApiClient}: the operations; {@code HfApiProtocol}
 * holds what both say and read, so that they cannot drift apart, and {@code HfChatStream} reads
 * a streamed answer for both.</li>
 * <li>{@link HfApiAuthentication}, {@link HfReactiveApiAuthentication}: where the token comes
 * from (the user's, the developer's in mock mode, none), and never to another host.</li>
 * <li>{@link HfHttpServiceGroupConfigurer}, {@link HfReactiveHttpServiceGroupConfigurer}: the
 * app's own {@code @HttpExchange} interfaces of the group {@code huggingface}, set up as the
 * clients above (base URL, token, origin check, failures).</li>
 * <li>{@link HfApiException}: a failed call, in words fit to show the user.</li>
 * <li>{@link HfChatRequest}, {@link HfChatCompletion}, {@link HfChatChunk}, {@link HfWhoAmI}:
 * requests and answers.</li>
 * </ul>
 */
@NullMarked
package io.github.hfoauth.api;

import org.jspecify.annotations.NullMarked;
