package io.github.hfoauth;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Spring Security's authorization request, with what Hugging Face sign-ins add to it:
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
 * The auto-configuration declares it as a bean; an application's own
 * {@link OAuth2AuthorizationRequestResolver} bean replaces it (and then a lost session is
 * not retried).
 */
public final class HfAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	/** The parameter of the sign-in URL that says which attempt this is. */
	static final String ATTEMPT_PARAMETER = "hf_attempt";

	/** Attempts before the user is sent to the top-level Space instead. */
	static final int MAX_ATTEMPTS = 2;

	private final DefaultOAuth2AuthorizationRequestResolver resolver;

	/**
	 * Creates the resolver.
	 * @param registrations the client registrations
	 * @param orgIds organization subs to send as {@code orgIds}; empty for none
	 */
	public HfAuthorizationRequestResolver(ClientRegistrationRepository registrations, List<String> orgIds) {
		this.resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		if (!orgIds.isEmpty()) {
			String joined = String.join(",", orgIds);
			this.resolver.setAuthorizationRequestCustomizer(
					(request) -> request.additionalParameters((parameters) -> parameters.put("orgIds", joined)));
		}
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
