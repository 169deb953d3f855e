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
 * {@code orgIds} ({@code hf.oauth.org-ids}), and the attempt number in the {@code state}, which
 * bounds the retries of a sign-in whose session the browser dropped inside the Space page's
 * iframe (gradio's "too many redirects" loop). The auto-configuration declares it as a bean; an
 * application's own {@link OAuth2AuthorizationRequestResolver} bean replaces it (and then a lost
 * session is not retried). {@link HfServerAuthorizationRequestResolver} is its twin for WebFlux.
 */
public final class HfAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	private final DefaultOAuth2AuthorizationRequestResolver resolver;

	/**
	 * Creates the resolver.
	 * @param registrations the client registrations
	 * @param orgIds organization subs to send as {@code orgIds}; empty for none
	 */
	public HfAuthorizationRequestResolver(ClientRegistrationRepository registrations, List<String> orgIds) {
		this.resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		this.resolver.setAuthorizationRequestCustomizer(HfSignInAttempts.withOrgIds(orgIds));
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
		return (authorization != null)
				? HfSignInAttempts.withAttempt(authorization, request.getParameter(HfSignInAttempts.ATTEMPT_PARAMETER))
				: null;
	}

}
