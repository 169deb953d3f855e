package io.github.hfoauth.api;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.hfoauth.HfOAuth2Registration;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.annotation.ClientRegistrationId;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * What {@link HfApiClient} and {@link HfReactiveApiClient} say to Hugging Face and how they
 * read its answers, apart from the HTTP client each uses: the paths, the request body, the
 * mapping of answers, and every {@link HfApiException} with its words. One place, so the
 * servlet and the reactive client cannot drift apart.
 */
final class HfApiProtocol {

	static final String INFERENCE_SCOPE = "inference-api";

	static final String WHOAMI_PATH = "/api/whoami-v2";

	static final String CHAT_COMPLETIONS_PATH = "/chat/completions";

	/** Names the organization billed for an inference call (huggingface_hub's {@code bill_to}). */
	static final String BILL_TO_HEADER = "X-HF-Bill-To";

	/** How both clients read Hugging Face's answers, before mapping them here. */
	static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	/** What {@link #whoAmI} asks about, as the failures name it. */
	static final String SIGNED_IN_USER = "the signed-in user";

	// Hugging Face explains a refusal in "error" (a string, or OpenAI's {"message": ...}).
	private static final Pattern REASON = Pattern.compile("\"(?:message|error)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,200})");

	/** How much of an error body is worth reading for its reason. */
	static final int REASON_BYTES = 2048;

	private HfApiProtocol() {
	}

	static String about(HfChatRequest request) {
		return "the model '" + request.model() + "'";
	}

	static Map<String, Object> chatBody(HfChatRequest request) {
		return chatBody(request, false);
	}

	static Map<String, Object> chatBody(HfChatRequest request, boolean stream) {
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
		body.put("stream", stream);
		return body;
	}

	static HfWhoAmI whoAmI(Map<String, Object> body) {
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

	static HfChatCompletion chatCompletion(Map<String, Object> body, String what) {
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
	 * The failure an error status means.
	 * @param status Hugging Face's HTTP status
	 * @param retryAfter its {@code Retry-After} header
	 * @param body the start of its body (up to {@link #REASON_BYTES}), for a refusal's reason
	 * @param scope the scope the call needs, if any
	 * @param what what the call was about, such as {@code the model 'x'}
	 * @return the exception to throw
	 */
	static HfApiException failure(int status, @Nullable String retryAfter, String body, @Nullable String scope,
			String what) {
		return failure(status, retryAfter, body, scope, what, null);
	}

	/**
	 * The failure an error status means, for a call billed to an organization.
	 * @param status Hugging Face's HTTP status
	 * @param retryAfter its {@code Retry-After} header
	 * @param body the start of its body (up to {@link #REASON_BYTES}), for a refusal's reason
	 * @param scope the scope the call needs, if any
	 * @param what what the call was about, such as {@code the model 'x'}
	 * @param billTo the {@link #BILL_TO_HEADER} the call carried, if any
	 * @return the exception to throw
	 */
	static HfApiException failure(int status, @Nullable String retryAfter, String body, @Nullable String scope,
			String what, @Nullable String billTo) {
		if (status == 402 || (status == 403 && billTo != null && aboutBilling(body, billTo))) {
			return billingRefused(status, body, scope, what, billTo);
		}
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
				Duration wait = retryAfter(retryAfter);
				yield new HfApiException(HfApiException.Kind.RATE_LIMITED, status,
						"Hugging Face is rate-limiting these calls"
								+ ((wait != null) ? ": try again in " + wait.toSeconds() + " seconds." : ". Try again later."),
						scope, wait, null);
			}
			case 400, 422 -> new HfApiException(HfApiException.Kind.REFUSED, status,
					"Hugging Face refused the request for " + what + reason(body) + ".", scope, null, null);
			default -> new HfApiException(HfApiException.Kind.UNAVAILABLE, status,
					"Hugging Face failed to answer about " + what + " (HTTP " + status + "). Try again in a moment.",
					scope, null, null);
		};
	}

	// A 403 to a billed call may be the organization refusing, not a missing scope.
	private static boolean aboutBilling(String body, String billTo) {
		String lower = body.toLowerCase(Locale.ROOT);
		return lower.contains("bill") || lower.contains(billTo.toLowerCase(Locale.ROOT));
	}

	private static HfApiException billingRefused(int status, String body, @Nullable String scope, String what,
			@Nullable String billTo) {
		String message = (billTo != null)
				? "Hugging Face refused to bill the organization '" + billTo + "' for " + what + reason(body)
						+ ". Ask an admin of '" + billTo
						+ "' to let you use its billing, or bill the call elsewhere (hf.api.bill-to, HfChatRequest.withBillTo)."
				: "Hugging Face refused to bill your account for " + what + reason(body)
						+ ". Your included inference credits may be used up: add credits or a payment method, "
						+ "or bill an organization (hf.api.bill-to).";
		return new HfApiException(HfApiException.Kind.BILLING_REFUSED, status, message, scope, null, null);
	}

	/**
	 * A streamed answer that broke off after it started.
	 * @param what what the call was about
	 * @param reason Hugging Face's words, if it said why (already prefixed with ": "), else empty
	 * @param cause the read failure, if any
	 * @return the exception to throw
	 */
	static HfApiException interrupted(String what, String reason, @Nullable Throwable cause) {
		return new HfApiException(HfApiException.Kind.INTERRUPTED, 0, "The answer from " + what
				+ " broke off before it was complete" + reason + ". Ask again.", INFERENCE_SCOPE, null, cause);
	}

	/** No authorized client, or the refresh token was refused: only a new sign-in helps. */
	/**
	 * The failure of getting the user's token: sign in again, unless Hugging Face could not
	 * be asked to refresh it now ({@code temporarily_unavailable}, from the starter's
	 * authorized-client manager): then try later, signed in as before.
	 */
	static HfApiException tokenFailure(OAuth2AuthorizationException ex, @Nullable String scope, String what) {
		if (OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE.equals(ex.getError().getErrorCode())) {
			return new HfApiException(HfApiException.Kind.UNAVAILABLE, 0, "Hugging Face could not renew the sign-in for "
					+ what + " just now. Try again in a moment.", scope, null, ex);
		}
		return signInAgain(ex);
	}

	static HfApiException signInAgain(@Nullable Throwable cause) {
		return new HfApiException(HfApiException.Kind.SIGN_IN_AGAIN, 401,
				"Your Hugging Face sign-in has expired or was revoked: sign in again.", null, null, cause);
	}

	static boolean isHuggingFaceSignIn(@Nullable Authentication authentication) {
		return authentication instanceof OAuth2AuthenticationToken signIn
				&& HfOAuth2Registration.REGISTRATION_ID.equals(signIn.getAuthorizedClientRegistrationId());
	}

	/**
	 * The access token a sign-in carries itself, as its credentials: a test's mock user given
	 * a token ({@code @WithMockHfUser(token = ...)}). A sign-in through Hugging Face carries
	 * none; its tokens stay with the authorized-client machinery.
	 * @param authentication the current authentication
	 * @return the token, or {@code null}
	 */
	static @Nullable OAuth2AccessToken heldToken(@Nullable Authentication authentication) {
		return (isHuggingFaceSignIn(authentication) && authentication != null
				&& authentication.getCredentials() instanceof OAuth2AccessToken token) ? token : null;
	}

	/**
	 * Whether an {@code @HttpExchange} group calls the Hub as the signed-in user: the group
	 * named {@code huggingface}, or one whose interfaces all carry
	 * {@code @ClientRegistrationId("huggingface")}.
	 */
	static boolean isHuggingFace(HttpServiceGroup group) {
		if (HfOAuth2Registration.REGISTRATION_ID.equals(group.name())) {
			return true;
		}
		return !group.httpServiceTypes().isEmpty() && group.httpServiceTypes().stream().allMatch((type) -> {
			ClientRegistrationId id = AnnotatedElementUtils.findMergedAnnotation(type, ClientRegistrationId.class);
			return id != null && HfOAuth2Registration.REGISTRATION_ID.equals(id.registrationId());
		});
	}

	/** A declarative client, as a refusal names it. */
	static String aboutGroup(HttpServiceGroup group) {
		return "The @HttpExchange group '" + group.name() + "'";
	}

	/** What a declarative client's failures name: the Hub path it called. */
	static String aboutPath(URI uri) {
		return "'" + uri.getRawPath() + "'";
	}

	static HfApiException notSignedIn() {
		return new HfApiException(HfApiException.Kind.SIGN_IN_AGAIN, 401, "Sign in with Hugging Face first.", null,
				null, null);
	}

	/** Connect or read timeout, or the connection failed. */
	static HfApiException noAnswer(@Nullable String scope, String what, Throwable cause) {
		return new HfApiException(HfApiException.Kind.UNAVAILABLE, 0,
				"Hugging Face did not answer in time for " + what + ". Try again in a moment.", scope, null, cause);
	}

	static HfApiException unreadable(@Nullable String scope, String what, Throwable cause) {
		return new HfApiException(HfApiException.Kind.UNAVAILABLE, 0,
				"Hugging Face sent an answer about " + what + " that could not be read.", scope, null, cause);
	}

	static HfApiException noToken(String reason) {
		return new HfApiException(HfApiException.Kind.NO_TOKEN, 0, reason, null, null, null);
	}

	/**
	 * Refuses a request for another origin than the base URL's, before any token is added: an
	 * absolute URI given to {@code hub()} would otherwise override the base URL.
	 * @param client the client's name, as the developer knows it
	 * @param base the configured base URL
	 * @param target where the request would go
	 * @return the refusal, or {@code null} when the target keeps the base's scheme, host and port
	 */
	static @Nullable HfApiException otherOrigin(String client, URI base, URI target) {
		if (base.getScheme().equalsIgnoreCase(target.getScheme()) && base.getHost().equalsIgnoreCase(target.getHost())
				&& base.getPort() == target.getPort()) {
			return null;
		}
		return new HfApiException(HfApiException.Kind.REFUSED, 0,
				client + " sends the user's Hugging Face token only to " + base.getScheme() + "://"
						+ base.getAuthority() + ", not to " + target.getScheme() + "://" + target.getAuthority() + ".",
				null, null, null);
	}

	/** The reason in an error body or event, worth showing, cut short and on one line: ": ..." or empty. */
	static String reason(String body) {
		Matcher message = REASON.matcher((body.length() > REASON_BYTES) ? body.substring(0, REASON_BYTES) : body);
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
