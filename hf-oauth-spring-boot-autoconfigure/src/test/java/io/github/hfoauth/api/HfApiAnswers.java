package io.github.hfoauth.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * What the fake Hub and Inference Providers answer in the API client tests, and what the
 * servlet and the reactive client must make of it: both are held to the same words.
 */
public final class HfApiAnswers {

	/** {@code GET /api/whoami-v2} for Ada. */
	public static final String WHOAMI = """
			{"type":"user","id":"62f264b9f3c90f4b6514a269","name":"ada","fullname":"Ada Lovelace",
			 "email":"ada@example.com","isPro":true,"avatarUrl":"https://cdn.example/ada.png",
			 "orgs":[{"name":"acme","fullname":"Acme Corp"},{"name":"open-science"}],
			 "auth":{"type":"oauth"}}""";

	/** {@link #WHOAMI} as the clients map it. */
	public static final String WHOAMI_MAPPED = "HfWhoAmI[id=62f264b9f3c90f4b6514a269, name=ada, "
			+ "fullName=Ada Lovelace, email=ada@example.com, pro=true, avatarUrl=https://cdn.example/ada.png, "
			+ "organizations=[acme, open-science]]";

	/** {@code POST /v1/chat/completions}. */
	public static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","model":"HuggingFaceTB/SmolLM3-3B",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""";

	/** {@link #COMPLETION} as the clients map it. */
	public static final String COMPLETION_MAPPED = "HfChatCompletion[id=chatcmpl-1, model=HuggingFaceTB/SmolLM3-3B, "
			+ "content=Paris., finishReason=stop, promptTokens=12, completionTokens=3]";

	/** The question of the chat tests, with the sampling settings that must travel. */
	public static final HfChatRequest QUESTION = new HfChatRequest("HuggingFaceTB/SmolLM3-3B",
			List.of(new HfChatRequest.Message("user", "Capital of France?")), 64, 0.2);

	/** {@link #QUESTION} as the clients must send it. */
	public static final String QUESTION_SENT = "{\"model\":\"HuggingFaceTB/SmolLM3-3B\",\"messages\":"
			+ "[{\"role\":\"user\",\"content\":\"Capital of France?\"}],\"max_tokens\":64,\"temperature\":0.2,"
			+ "\"stream\":false}";

	/** What a revoked token gets from Hugging Face. */
	public static final String REVOKED = "SIGN_IN_AGAIN 401: Your Hugging Face sign-in has expired or was revoked: "
			+ "sign in again.";

	/** What a call gets without a Hugging Face sign-in. */
	public static final String NOT_SIGNED_IN = "SIGN_IN_AGAIN 401: Sign in with Hugging Face first.";

	/** The start of what a call gets in mock mode without the developer's token. */
	public static final String MOCK_WITHOUT_TOKEN = "NO_TOKEN 0: Mock mode has no Hugging Face token, so the app "
			+ "cannot call Hugging Face for the mock user. Set hf.oauth.mock.token";

	/** The start of what a chat gets from a model slower than the read timeout. */
	public static final String TOO_SLOW = "UNAVAILABLE 0 inference-api: Hugging Face did not answer in time for the "
			+ "model 'HuggingFaceTB/SmolLM3-3B'.";

	private HfApiAnswers() {
	}

	/**
	 * A failing chat answer.
	 * @param status the status
	 * @return the answer, with a {@code Retry-After} and OpenAI's error shape
	 */
	public static ResponseDefinitionBuilder failing(int status) {
		return aResponse().withStatus(status)
			.withHeader("Retry-After", "30")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"max_tokens is too large\"}}");
	}

	/**
	 * What the user must read for each failing chat answer of {@link #failing(int)}, as
	 * {@link #describe} writes it.
	 * @return status to description
	 */
	public static Map<Integer, String> failures() {
		Map<Integer, String> expected = new LinkedHashMap<>();
		expected.put(403, "MISSING_SCOPE 403 inference-api: Hugging Face refused the model "
				+ "'HuggingFaceTB/SmolLM3-3B': the app needs the scope 'inference-api'. Add it to hf.oauth.scopes "
				+ "(in a Space: to hf_oauth_scopes in the README metadata), then sign in again.");
		expected.put(404, "NOT_FOUND 404 inference-api: Hugging Face does not know the model "
				+ "'HuggingFaceTB/SmolLM3-3B'.");
		expected.put(429, "RATE_LIMITED 429 inference-api PT30S: Hugging Face is rate-limiting these calls: try again "
				+ "in 30 seconds.");
		expected.put(400, "REFUSED 400 inference-api: Hugging Face refused the request for the model "
				+ "'HuggingFaceTB/SmolLM3-3B': max_tokens is too large.");
		expected.put(503, "UNAVAILABLE 503 inference-api: Hugging Face failed to answer about the model "
				+ "'HuggingFaceTB/SmolLM3-3B' (HTTP 503). Try again in a moment.");
		return expected;
	}

	/**
	 * An exception in one line: kind, status, scope, wait and message.
	 * @param ex the exception
	 * @return the line
	 */
	public static String describe(HfApiException ex) {
		return ex.getKind() + " " + ex.getStatus() + ex.getRequiredScope().map((s) -> " " + s).orElse("")
				+ ex.getRetryAfter().map((d) -> " " + d).orElse("") + ": " + ex.getMessage();
	}

}
