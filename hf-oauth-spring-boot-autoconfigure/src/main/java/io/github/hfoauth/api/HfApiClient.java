package io.github.hfoauth.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls Hugging Face as the signed-in user, with their access token: the Hub
 * ({@code hf.api.hub-url}) and Inference Providers ({@code hf.api.inference-url}). The token
 * comes from Spring Security's authorized-client machinery, which renews it with the refresh
 * token when it is about to expire; it never appears in a log or an exception.
 *
 * <pre class="code">
 * &#64;GetMapping("/ask")
 * String ask(&#64;RequestParam String prompt) {
 *     return hf.chatCompletion(HfChatRequest.ask("HuggingFaceTB/SmolLM3-3B", prompt)).content();
 * }
 * </pre>
 *
 * Failures are {@link HfApiException}s whose kind says what to do: sign in again, add a
 * scope ({@code inference-api} for chat), wait, or try later.
 */
public final class HfApiClient {

	/** The scope Inference Providers need. */
	public static final String INFERENCE_SCOPE = HfApiProtocol.INFERENCE_SCOPE;

	private final RestClient hub;

	private final RestClient inference;

	/**
	 * Creates the client. The auto-configuration builds the two clients with the user's token
	 * and the timeouts of {@code hf.api.*}.
	 * @param hub a client whose base URL is the Hub and which sends the user's token
	 * @param inference a client whose base URL is Inference Providers' and which sends it too
	 */
	public HfApiClient(RestClient hub, RestClient inference) {
		this.hub = hub;
		this.inference = inference;
	}

	/**
	 * Who the Hub says the signed-in user is.
	 * @return the user
	 * @throws HfApiException when the call fails
	 */
	public HfWhoAmI whoami() {
		return HfApiProtocol
			.whoAmI(call(null, HfApiProtocol.SIGNED_IN_USER, this.hub.get().uri(HfApiProtocol.WHOAMI_PATH)));
	}

	/**
	 * Asks a model on Inference Providers (needs scope {@value #INFERENCE_SCOPE}).
	 * @param request the model and the conversation
	 * @return the answer
	 * @throws HfApiException when the call fails
	 */
	public HfChatCompletion chatCompletion(HfChatRequest request) {
		String what = HfApiProtocol.about(request);
		return HfApiProtocol.chatCompletion(call(INFERENCE_SCOPE, what, this.inference.post()
			.uri(HfApiProtocol.CHAT_COMPLETIONS_PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.body(HfApiProtocol.chatBody(request))), what);
	}

	/**
	 * A client for any other Hub endpoint, with the user's token and the Hub as base URL:
	 * {@code hf.hub().get().uri("/api/models?author={author}", "acme").retrieve()...}. Its
	 * errors are Spring's {@code RestClientException}s.
	 * @return the client
	 */
	public RestClient hub() {
		return this.hub;
	}

	private static Map<String, Object> call(@Nullable String scope, String what, RestClient.RequestHeadersSpec<?> request) {
		try {
			Map<String, Object> body = request.retrieve()
				.onStatus(HttpStatusCode::isError, (httpRequest, response) -> {
					throw HfApiProtocol.failure(response.getStatusCode().value(),
							response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), start(response), scope, what);
				})
				.body(HfApiProtocol.JSON_OBJECT);
			return (body != null) ? body : Map.of();
		}
		catch (HfApiException ex) {
			throw ex;
		}
		catch (OAuth2AuthorizationException ex) {
			throw HfApiProtocol.tokenFailure(ex, scope, what);
		}
		catch (ResourceAccessException ex) {
			throw HfApiProtocol.noAnswer(scope, what, ex);
		}
		catch (RestClientException ex) {
			throw HfApiProtocol.unreadable(scope, what, ex);
		}
	}

	static String start(ClientHttpResponse response) throws IOException {
		return new String(response.getBody().readNBytes(HfApiProtocol.REASON_BYTES), StandardCharsets.UTF_8);
	}

}
