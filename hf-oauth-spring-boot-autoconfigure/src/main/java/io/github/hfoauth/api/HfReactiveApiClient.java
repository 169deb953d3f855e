package io.github.hfoauth.api;

import java.net.http.HttpTimeoutException;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The WebFlux twin of {@link HfApiClient}: calls Hugging Face as the signed-in user, with
 * their access token, on {@link WebClient}, and answers with {@link Mono}s. The same
 * operations, the same {@link HfApiException}s with the same words, the same
 * {@code hf.api.*} settings; the token comes from Spring Security's reactive
 * authorized-client machinery, which renews it when it is about to expire.
 *
 * <pre class="code">
 * &#64;GetMapping("/ask")
 * Mono&lt;String&gt; ask(&#64;RequestParam String prompt) {
 *     return hf.chatCompletion(HfChatRequest.ask("HuggingFaceTB/SmolLM3-3B", prompt)).map(HfChatCompletion::content);
 * }
 * </pre>
 *
 * Subscribe within the request that needs it (return the {@code Mono} from the controller):
 * the signed-in user is read from the request's reactive security context.
 */
public final class HfReactiveApiClient {

	/** The scope Inference Providers need. */
	public static final String INFERENCE_SCOPE = HfApiProtocol.INFERENCE_SCOPE;

	// Read as events whatever the content type says, so a router's event stream is never buffered.
	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private final WebClient hub;

	private final WebClient inference;

	/**
	 * Creates the client from two {@code WebClient}s, each with its base URL and the user's
	 * token, as for {@link HfApiClient#HfApiClient}; the auto-configuration builds them.
	 * @param hub the Hub's client
	 * @param inference Inference Providers' client
	 */
	public HfReactiveApiClient(WebClient hub, WebClient inference) {
		this.hub = hub;
		this.inference = inference;
	}

	/**
	 * Who the Hub says the signed-in user is.
	 * @return the user, or an {@link HfApiException} when the call fails
	 */
	public Mono<HfWhoAmI> whoami() {
		return call(null, HfApiProtocol.SIGNED_IN_USER, this.hub.get().uri(HfApiProtocol.WHOAMI_PATH))
			.map(HfApiProtocol::whoAmI);
	}

	/**
	 * Asks a model on Inference Providers (needs scope {@value #INFERENCE_SCOPE}).
	 * @param request the model and the conversation
	 * @return the answer, or an {@link HfApiException} when the call fails
	 */
	public Mono<HfChatCompletion> chatCompletion(HfChatRequest request) {
		String what = HfApiProtocol.about(request);
		return call(INFERENCE_SCOPE, what, this.inference.post()
			.uri(HfApiProtocol.CHAT_COMPLETIONS_PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> billTo(headers, request))
			.bodyValue(HfApiProtocol.chatBody(request))).map((body) -> HfApiProtocol.chatCompletion(body, what));
	}

	/**
	 * Asks a model on Inference Providers and streams the answer as it is generated (needs
	 * scope {@value #INFERENCE_SCOPE}): each piece is emitted as it arrives, and the
	 * {@code Flux} completes when the answer is complete.
	 * <p>
	 * A failure before the first piece is the same {@link HfApiException} as
	 * {@link #chatCompletion}'s; a stream that breaks off after it started is
	 * {@link HfApiException.Kind#INTERRUPTED}. Cancelling the subscription (say, the browser
	 * went away) closes the connection to Hugging Face, so generation stops.
	 * @param request the model and the conversation
	 * @return the pieces of the answer
	 */
	public Flux<HfChatChunk> streamChatCompletion(HfChatRequest request) {
		String what = HfApiProtocol.about(request);
		return Flux.defer(() -> {
			HfChatStream stream = new HfChatStream(what);
			return this.inference.post()
				.uri(HfApiProtocol.CHAT_COMPLETIONS_PATH)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.headers((headers) -> billTo(headers, request))
				.bodyValue(HfApiProtocol.chatBody(request, true))
				.retrieve()
				.onStatus(HttpStatusCode::isError, (response) -> failure(response, INFERENCE_SCOPE, what))
				.bodyToFlux(EVENTS)
				.<HfChatChunk>handle((event, sink) -> {
					HfChatChunk chunk = stream.read((event.data() != null) ? event.data() : "");
					if (chunk != null) {
						sink.next(chunk);
					}
				})
				.concatWith(Mono.fromRunnable(stream::end))
				.onErrorMap((ex) -> !(ex instanceof HfApiException),
						(ex) -> stream.started() ? stream.broken(ex) : translate(ex, INFERENCE_SCOPE, what));
		});
	}

	/**
	 * A client for any other Hub endpoint, with the user's token and the Hub as base URL:
	 * {@code hf.hub().get().uri("/api/models?author={author}", "acme").retrieve()...}. Its
	 * errors are Spring's {@code WebClientException}s, except the refusal of another origin.
	 * @return the client
	 */
	public WebClient hub() {
		return this.hub;
	}

	private static Mono<Map<String, Object>> call(@Nullable String scope, String what,
			WebClient.RequestHeadersSpec<?> request) {
		return request.retrieve()
			.onStatus(HttpStatusCode::isError, (response) -> failure(response, scope, what))
			.bodyToMono(HfApiProtocol.JSON_OBJECT)
			.defaultIfEmpty(Map.of())
			.onErrorMap((ex) -> !(ex instanceof HfApiException), (ex) -> translate(ex, scope, what));
	}

	static Mono<HfApiException> failure(ClientResponse response, @Nullable String scope, String what) {
		return response.bodyToMono(String.class)
			.onErrorReturn("")
			.defaultIfEmpty("")
			.map((body) -> HfApiProtocol.failure(response.statusCode().value(),
					response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), body, scope, what,
					response.request().getHeaders().getFirst(HfApiProtocol.BILL_TO_HEADER)));
	}

	private static void billTo(HttpHeaders headers, HfChatRequest request) {
		if (request.billTo() != null) {
			headers.set(HfApiProtocol.BILL_TO_HEADER, request.billTo());
		}
	}

	static Throwable translate(Throwable ex, @Nullable String scope, String what) {
		if (ex instanceof OAuth2AuthorizationException oauth2) {
			return HfApiProtocol.tokenFailure(oauth2, scope, what);
		}
		// A body that stalled is wrapped as unreadable: its timeout is the cause (CancellableJdkConnector).
		if (ex instanceof WebClientRequestException
				|| NestedExceptionUtils.getMostSpecificCause(ex) instanceof HttpTimeoutException) {
			return HfApiProtocol.noAnswer(scope, what, ex);
		}
		if (ex instanceof WebClientException || ex instanceof CodecException) {
			return HfApiProtocol.unreadable(scope, what, ex);
		}
		return ex;
	}

}
