package io.github.hfoauth.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
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
	public static final String INFERENCE_SCOPE = "inference-api";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

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
		Map<String, Object> body = call(null, "the signed-in user",
				() -> this.hub.get().uri("/api/whoami-v2").retrieve().onStatus(HttpStatusCode::isError, (request,
						response) -> { throw failure(response, null, "the signed-in user"); }).body(JSON_OBJECT));
		List<String> organizations = new ArrayList<>();
		if (body.get("orgs") instanceof List<?> orgs) {
			for (Object org : orgs) {
				if (org instanceof Map<?, ?> entry && entry.get("name") instanceof String name) {
					organizations.add(name);
				}
			}
		}
		return new HfWhoAmI(text(body, "id"), text(body, "name"), text(body, "fullname"), text(body, "email"),
				Boolean.TRUE.equals(body.get("isPro")), text(body, "avatarUrl"), List.copyOf(organizations));
	}

	/**
	 * Asks a model on Inference Providers (needs scope {@value #INFERENCE_SCOPE}).
	 * @param request the model and the conversation
	 * @return the answer
	 * @throws HfApiException when the call fails
	 */
	public HfChatCompletion chatCompletion(HfChatRequest request) {
		String what = "the model '" + request.model() + "'";
		Map<String, Object> body = call(INFERENCE_SCOPE, what, () -> this.inference.post()
			.uri("/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(requestBody(request))
			.retrieve()
			.onStatus(HttpStatusCode::isError, (httpRequest, response) -> {
				throw failure(response, INFERENCE_SCOPE, what);
			})
			.body(JSON_OBJECT));
		Map<?, ?> choice = (body.get("choices") instanceof List<?> choices && !choices.isEmpty()
				&& choices.get(0) instanceof Map<?, ?> first) ? first : Map.of();
		Map<?, ?> message = (choice.get("message") instanceof Map<?, ?> m) ? m : Map.of();
		Map<?, ?> usage = (body.get("usage") instanceof Map<?, ?> u) ? u : Map.of();
		if (!(message.get("content") instanceof String content)) {
			throw new HfApiException(HfApiException.Kind.UNAVAILABLE, 0,
					"Hugging Face answered without a message from " + what + ".", null, null, null);
		}
		return new HfChatCompletion(text(body, "id"), text(body, "model"), content,
				(choice.get("finish_reason") instanceof String reason) ? reason : null, count(usage, "prompt_tokens"),
				count(usage, "completion_tokens"));
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

	private static Map<String, Object> requestBody(HfChatRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("model", request.model());
		List<Map<String, String>> messages = new ArrayList<>();
		for (HfChatRequest.Message message : request.messages()) {
			Map<String, String> entry = new LinkedHashMap<>();
			entry.put("role", message.role());
			entry.put("content", message.content());
			messages.add(entry);
		}
		body.put("messages", messages);
		if (request.maxTokens() != null) {
			body.put("max_tokens", request.maxTokens());
		}
		if (request.temperature() != null) {
			body.put("temperature", request.temperature());
		}
		body.put("stream", false);
		return body;
	}

	private static Map<String, Object> call(@Nullable String scope, String what, Supplier<Map<String, Object>> call) {
		try {
			Map<String, Object> body = call.get();
			return (body != null) ? body : Map.of();
		}
		catch (HfApiException ex) {
			throw ex;
		}
		catch (OAuth2AuthorizationException ex) {
			// No authorized client, or the refresh token was refused: only a new sign-in helps.
			throw signInAgain(ex);
		}
		catch (ResourceAccessException ex) {
			throw new HfApiException(HfApiException.Kind.UNAVAILABLE, 0,
					"Hugging Face did not answer in time for " + what + ". Try again in a moment.", scope, null, ex);
		}
		catch (RestClientException ex) {
			throw new HfApiException(HfApiException.Kind.UNAVAILABLE, 0,
					"Hugging Face sent an answer about " + what + " that could not be read.", scope, null, ex);
		}
	}

	static HfApiException signInAgain(@Nullable Throwable cause) {
		return new HfApiException(HfApiException.Kind.SIGN_IN_AGAIN, 401,
				"Your Hugging Face sign-in has expired or was revoked: sign in again.", null, null, cause);
	}

	private static HfApiException failure(ClientHttpResponse response, @Nullable String scope, String what)
			throws IOException {
		int status = response.getStatusCode().value();
		return switch (status) {
			case 401 -> signInAgain(null);
			case 403 -> new HfApiException(HfApiException.Kind.MISSING_SCOPE, status,
					(scope != null) ? "Hugging Face refused " + what + ": the app needs the scope '" + scope
							+ "'. Add it to hf.oauth.scopes (in a Space: to hf_oauth_scopes in the README metadata), "
							+ "then sign in again." : "Hugging Face refused access to " + what + ".",
					scope, null, null);
			case 404 -> new HfApiException(HfApiException.Kind.NOT_FOUND, status,
					"Hugging Face does not know " + what + ".", scope, null, null);
			case 429 -> {
				Duration retryAfter = retryAfter(response.getHeaders().getFirst("Retry-After"));
				yield new HfApiException(HfApiException.Kind.RATE_LIMITED, status,
						"Hugging Face is rate-limiting these calls" + ((retryAfter != null)
								? ": try again in " + retryAfter.toSeconds() + " seconds." : ". Try again later."),
						scope, retryAfter, null);
			}
			case 400, 422 -> new HfApiException(HfApiException.Kind.REFUSED, status,
					"Hugging Face refused the request for " + what + reason(response) + ".", scope, null, null);
			default -> new HfApiException(HfApiException.Kind.UNAVAILABLE, status,
					"Hugging Face failed to answer about " + what + " (HTTP " + status + "). Try again in a moment.",
					scope, null, null);
		};
	}

	// Hugging Face explains a refusal in "error" (a string, or OpenAI's {"message": ...}):
	// worth showing, cut short and on one line.
	private static String reason(ClientHttpResponse response) throws IOException {
		String body = new String(response.getBody().readNBytes(2048), StandardCharsets.UTF_8);
		java.util.regex.Matcher message = java.util.regex.Pattern
			.compile("\"(?:message|error)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,200})").matcher(body);
		return message.find() ? ": " + message.group(1).replaceAll("\\p{Cntrl}|\\\\[nrt]", " ") : "";
	}

	private static @Nullable Duration retryAfter(@Nullable String header) {
		if (header == null || !header.trim().matches("\\d{1,6}")) {
			return null;
		}
		return Duration.ofSeconds(Long.parseLong(header.trim()));
	}

	private static @Nullable String text(Map<?, ?> map, String key) {
		return (map.get(key) instanceof String text && !text.isBlank()) ? text : null;
	}

	private static int count(Map<?, ?> map, String key) {
		return (map.get(key) instanceof Number number) ? number.intValue() : 0;
	}

}
