package io.github.hfoauth;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * A sign-in with Hugging Face that ended, published as an application event on both web stacks,
 * for the real and the mock sign-in: the starter's metrics and audit events listen to it, and an
 * application may too ({@code @EventListener}). A sign-in retried inside a Space (its session
 * was lost in the iframe) ends only with its last attempt.
 *
 * @param success whether the user is now signed in
 * @param reason {@value #SUCCESS_REASON} on success, else one word of a fixed set naming why
 * it failed ({@code access_denied}, {@code expired}, {@code provider_unavailable},
 * {@code invalid_id_token}, {@code organization_required}, ... and {@code other}): never
 * anything a request can choose, so it is fit for a metric's tag
 * @param authentication the signed-in user's authentication, or {@code null} after a failure
 */
public record HfSignInEvent(boolean success, String reason, @Nullable Authentication authentication) {

	/** The {@link #reason()} of a successful sign-in. */
	public static final String SUCCESS_REASON = "none";

	static HfSignInEvent succeeded(Authentication authentication) {
		return new HfSignInEvent(true, SUCCESS_REASON, authentication);
	}

	static HfSignInEvent failed(String reason) {
		return new HfSignInEvent(false, reason, null);
	}

}
