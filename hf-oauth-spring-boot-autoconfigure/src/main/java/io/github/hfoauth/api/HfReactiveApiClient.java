package io.github.hfoauth.api;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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
			.bodyValue(HfApiProtocol.chatBody(request))).map((body) -> HfApiProtocol.chatCompletion(body, what));
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
					response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), body, scope, what));
	}

	static Throwable translate(Throwable ex, @Nullable String scope, String what) {
		if (ex instanceof OAuth2AuthorizationException oauth2) {
			return HfApiProtocol.tokenFailure(oauth2, scope, what);
		}
		if (ex instanceof WebClientRequestException) {
			return HfApiProtocol.noAnswer(scope, what, ex);
		}
		if (ex instanceof WebClientException || ex instanceof CodecException) {
			return HfApiProtocol.unreadable(scope, what, ex);
		}
		return ex;
	}

}
