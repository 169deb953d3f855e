package io.github.hfoauth;

/**
 * A refresh of a session's Hugging Face token that was sent to Hugging Face, published as an
 * application event on both web stacks: the starter's metrics listen to it, and an application
 * may too. Refreshes not even tried (another request of the session is refreshing, or Hugging
 * Face failed one a moment ago) publish none.
 *
 * @param success whether Hugging Face answered with new tokens
 * @param reason {@value HfSignInEvent#SUCCESS_REASON} on success; {@code provider_unavailable}
 * when Hugging Face did not answer (the session is kept for the outage grace);
 * {@code invalid_grant}, {@code invalid_client} or {@code unauthorized_client} when it refused;
 * {@code refused} for another refusal
 */
public record HfTokenRefreshEvent(boolean success, String reason) {

}
