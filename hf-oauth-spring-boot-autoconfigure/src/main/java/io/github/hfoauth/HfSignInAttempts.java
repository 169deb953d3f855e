package io.github.hfoauth;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Counts sign-in attempts across the round trip to Hugging Face, for browsers that drop the
 * session cookie inside the Space page's iframe (third-party cookies blocked). The pending
 * sign-in lives in the session, so such a browser comes back from Hugging Face to a session
 * that knows nothing of it; retrying blindly loops forever (gradio's "too many redirects").
 * <p>
 * The count cannot live in the lost session, so it rides in the OAuth2 {@code state}: Spring
 * Security's random state, a dot, and the attempt number. The random part still protects
 * against forgery; the number only bounds the retries.
 */
final class HfSignInAttempts implements OAuth2AuthorizationRequestResolver {

	/** The parameter of the sign-in URL that says which attempt this is. */
	static final String ATTEMPT_PARAMETER = "hf_attempt";

	/** Attempts before the user is sent to the top-level Space instead. */
	static final int MAX_ATTEMPTS = 2;

	private final DefaultOAuth2AuthorizationRequestResolver resolver;

	HfSignInAttempts(ClientRegistrationRepository registrations) {
		this.resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		return withAttempt(this.resolver.resolve(request), request);
	}

	@Override
	public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
		return withAttempt(this.resolver.resolve(request, registrationId), request);
	}

	private static @Nullable OAuth2AuthorizationRequest withAttempt(@Nullable OAuth2AuthorizationRequest authorization,
			HttpServletRequest request) {
		if (authorization == null) {
			return null;
		}
		int attempt = Math.max(1, parse(request.getParameter(ATTEMPT_PARAMETER)));
		return OAuth2AuthorizationRequest.from(authorization).state(authorization.getState() + "." + attempt).build();
	}

	/**
	 * The attempt a callback belongs to, read from its {@code state}.
	 * @param state the callback's state parameter, possibly forged or missing
	 * @return the attempt, at least 1
	 */
	static int attemptOf(@Nullable String state) {
		if (state == null) {
			return 1;
		}
		return Math.max(1, parse(state.substring(state.lastIndexOf('.') + 1)));
	}

	// Anyone can send anything here: a small positive number or nothing.
	private static int parse(@Nullable String number) {
		if (number == null || number.isEmpty() || number.length() > 2 || !number.chars().allMatch(Character::isDigit)) {
			return 0;
		}
		return Integer.parseInt(number);
	}

}
