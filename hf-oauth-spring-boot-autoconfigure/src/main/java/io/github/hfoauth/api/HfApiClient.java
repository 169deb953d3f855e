package io.github.hfoauth.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
			.headers((headers) -> billTo(headers, request))
			.body(HfApiProtocol.chatBody(request))), what);
	}

	/**
	 * Asks a model on Inference Providers and hands over the answer as it is generated (needs
	 * scope {@value #INFERENCE_SCOPE}). Blocks until the answer is complete, calling
	 * {@code onChunk} on this thread for each piece as it arrives; nothing is buffered.
	 * <p>
	 * A failure before the first piece is the same {@link HfApiException} as
	 * {@link #chatCompletion}'s; a stream that breaks off after it started is
	 * {@link HfApiException.Kind#INTERRUPTED}. When {@code onChunk} throws (say, the browser
	 * went away), the connection to Hugging Face is closed at once, so generation stops, and
	 * the exception is thrown on unchanged.
	 * @param request the model and the conversation
	 * @param onChunk receives each piece of the answer
	 * @return the whole answer, once complete
	 * @throws HfApiException when the call fails
	 */
	public HfChatCompletion streamChatCompletion(HfChatRequest request, Consumer<HfChatChunk> onChunk) {
		String what = HfApiProtocol.about(request);
		HfChatStream stream = new HfChatStream(what);
		try {
			HfChatCompletion answer = this.inference.post()
				.uri(HfApiProtocol.CHAT_COMPLETIONS_PATH)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.headers((headers) -> billTo(headers, request))
				.body(HfApiProtocol.chatBody(request, true))
				.exchange((httpRequest, response) -> {
					if (response.getStatusCode().isError()) {
						throw HfApiProtocol.failure(response.getStatusCode().value(),
								response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), start(response),
								INFERENCE_SCOPE, what, httpRequest.getHeaders().getFirst(HfApiProtocol.BILL_TO_HEADER));
					}
					InputStream body = response.getBody();
					try {
						return read(body, stream, onChunk);
					}
					finally {
						// Before Spring closes the response, which first reads the rest of it: an
						// unfinished stream would keep the model generating for nobody.
						body.close();
					}
				});
			return Objects.requireNonNull(answer);
		}
		catch (HfApiException ex) {
			throw ex;
		}
		catch (OAuth2AuthorizationException ex) {
			throw HfApiProtocol.tokenFailure(ex, INFERENCE_SCOPE, what);
		}
		catch (ResourceAccessException ex) {
			throw stream.started() ? stream.broken(ex) : HfApiProtocol.noAnswer(INFERENCE_SCOPE, what, ex);
		}
		catch (RestClientException ex) {
			throw HfApiProtocol.unreadable(INFERENCE_SCOPE, what, ex);
		}
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
							response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), start(response), scope, what,
							httpRequest.getHeaders().getFirst(HfApiProtocol.BILL_TO_HEADER));
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

	// Server-sent events: "data:" lines, an empty line ends an event; comments (":") keep alive.
	private static HfChatCompletion read(InputStream body, HfChatStream stream, Consumer<HfChatChunk> onChunk) {
		BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
		StringBuilder data = new StringBuilder();
		while (true) {
			String line;
			try {
				line = lines.readLine();
			}
			catch (IOException ex) {
				throw stream.started() ? stream.broken(ex) : HfApiProtocol.noAnswer(INFERENCE_SCOPE, stream.what(), ex);
			}
			if (line == null || line.isEmpty()) {
				HfChatChunk chunk = stream.read(data.toString());
				data.setLength(0);
				if (chunk != null) {
					onChunk.accept(chunk);
				}
				if (line == null) {
					return stream.end();
				}
			}
			else if (line.startsWith("data:")) {
				data.append((data.length() > 0) ? "\n" : "").append(line, 5, line.length());
			}
		}
	}

	private static void billTo(HttpHeaders headers, HfChatRequest request) {
		if (request.billTo() != null) {
			headers.set(HfApiProtocol.BILL_TO_HEADER, request.billTo());
		}
	}

	static String start(ClientHttpResponse response) throws IOException {
		return new String(response.getBody().readNBytes(HfApiProtocol.REASON_BYTES), StandardCharsets.UTF_8);
	}

}
