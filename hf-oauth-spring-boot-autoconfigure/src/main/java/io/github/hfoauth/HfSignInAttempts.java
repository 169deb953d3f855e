package io.github.hfoauth;

import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * What Hugging Face sign-ins add to Spring Security's authorization request, for the servlet
 * and the WebFlux resolver alike:
 * <ul>
 * <li>{@code orgIds}: the organizations the consent screen asks the user to grant
 * ({@code hf.oauth.org-ids});</li>
 * <li>the attempt number, in the {@code state}. Browsers that block third-party cookies drop
 * the session inside the Space page's iframe, and with it the pending sign-in; retrying
 * blindly then loops forever (gradio's "too many redirects"). The count cannot live in the
 * lost session, so it rides in the state: Spring Security's random state, a dot, and the
 * number. The random part still protects against forgery; the number only bounds the
 * retries.</li>
 * </ul>
 * Free of servlet and reactive types, so that either web stack can load it without the other.
 */
final class HfSignInAttempts {

	/** The parameter of the sign-in URL that says which attempt this is. */
	static final String ATTEMPT_PARAMETER = "hf_attempt";

	/** Attempts before the user is sent to the top-level Space instead. */
	static final int MAX_ATTEMPTS = 2;

	private HfSignInAttempts() {
	}

	/**
	 * Adds {@code orgIds} to the authorization request, if there are any.
	 * @param orgIds organization subs; empty for none
	 * @return the customizer for Spring Security's resolver
	 */
	static Consumer<OAuth2AuthorizationRequest.Builder> withOrgIds(List<String> orgIds) {
		String joined = String.join(",", orgIds);
		return (request) -> {
			if (!joined.isEmpty()) {
				request.additionalParameters((parameters) -> parameters.put("orgIds", joined));
			}
		};
	}

	/**
	 * Writes the attempt number into the state.
	 * @param authorization Spring Security's authorization request
	 * @param attemptParameter the sign-in URL's {@value #ATTEMPT_PARAMETER} parameter, or
	 * {@code null} for the first attempt
	 * @return the request with the attempt in its state
	 */
	static OAuth2AuthorizationRequest withAttempt(OAuth2AuthorizationRequest authorization,
			@Nullable String attemptParameter) {
		int attempt = Math.max(1, parse(attemptParameter));
		return OAuth2AuthorizationRequest.from(authorization).state(authorization.getState() + "." + attempt).build();
	}

	/**
	 * The attempt a callback belongs to, read from its {@code state}.
	 * @param state the callback's state parameter, possibly forged or missing
	 * @return the attempt, or 0 when the state carries none (then nothing is retried)
	 */
	static int attemptOf(@Nullable String state) {
		int dot = (state != null) ? state.lastIndexOf('.') : -1;
		return (dot < 0) ? 0 : parse(state.substring(dot + 1));
	}

	// Anyone can send anything here: a small positive number or nothing.
	private static int parse(@Nullable String number) {
		if (number == null || number.isEmpty() || number.length() > 2 || !number.chars().allMatch(Character::isDigit)) {
			return 0;
		}
		return Integer.parseInt(number);
	}

}
