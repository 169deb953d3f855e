package io.github.hfoauth.api;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A call to Hugging Face as the signed-in user failed. {@link #getKind()} says what the app
 * should do about it, and {@link #getMessage()} says it in words fit to show the user: it
 * names the fix (sign in again, the scope to add) and never carries a token.
 */
public final class HfApiException extends RuntimeException {

	/** What went wrong, and so what to do. */
	public enum Kind {

		/** The token expired or was revoked, or nobody is signed in: sign in again. */
		SIGN_IN_AGAIN,

		/** There is no Hugging Face token to call with: the mock user has none. */
		NO_TOKEN,

		/** The token lacks a scope: add it (see {@link HfApiException#getRequiredScope()}). */
		MISSING_SCOPE,

		/** Hugging Face does not know the model or resource. */
		NOT_FOUND,

		/** Too many requests: try again later (see {@link HfApiException#getRetryAfter()}). */
		RATE_LIMITED,

		/** Hugging Face refused the request as it was written (HTTP 400 or 422). */
		REFUSED,

		/** Hugging Face failed or did not answer in time. */
		UNAVAILABLE,

		/**
		 * The organization named by {@code hf.api.bill-to} or {@link HfChatRequest#billTo()}
		 * may not be billed by this user, or the account has no credit left (HTTP 402).
		 */
		BILLING_REFUSED,

		/**
		 * A streamed answer broke off after it had started: what arrived is incomplete. Ask
		 * again.
		 */
		INTERRUPTED

	}

	private final Kind kind;

	private final int status;

	private final @Nullable String requiredScope;

	private final @Nullable Duration retryAfter;

	HfApiException(Kind kind, int status, String message, @Nullable String requiredScope,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.status = status;
		this.requiredScope = requiredScope;
		this.retryAfter = retryAfter;
	}

	/**
	 * What went wrong.
	 * @return the kind of failure
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Hugging Face's HTTP status.
	 * @return the status, or 0 when Hugging Face did not answer (or was not asked)
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * The scope the call needs, for {@link Kind#MISSING_SCOPE}.
	 * @return the scope, such as {@code inference-api}
	 */
	public Optional<String> getRequiredScope() {
		return Optional.ofNullable(this.requiredScope);
	}

	/**
	 * How long to wait, for {@link Kind#RATE_LIMITED} when Hugging Face said.
	 * @return the wait
	 */
	public Optional<Duration> getRetryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
