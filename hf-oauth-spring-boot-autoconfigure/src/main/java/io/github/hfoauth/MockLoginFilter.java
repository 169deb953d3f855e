package io.github.hfoauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Signs in the mock user when the sign-in URL is requested. Extends Spring Security's
 * processing filter so that session fixation protection, the security context repository
 * and the return to the saved request work as for a real sign-in.
 */
final class MockLoginFilter extends AbstractAuthenticationProcessingFilter {

	MockLoginFilter(RequestMatcher loginRequest) {
		super(loginRequest);
	}

	@Override
	public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
		return getAuthenticationManager().authenticate(new MockLoginRequest());
	}

}
