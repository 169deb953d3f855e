package io.github.hfoauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Writes {@link BearerTokenFailure} for a servlet app: for a malformed header (the entry point)
 * and a token that did not authenticate (the failure handler) alike.
 */
final class BearerTokenFailureHandler implements AuthenticationFailureHandler, AuthenticationEntryPoint {

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		write(BearerTokenFailure.of(exception), response);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		write(BearerTokenFailure.of(exception), response);
	}

	private static void write(BearerTokenFailure failure, HttpServletResponse response) throws IOException {
		response.setStatus(failure.status());
		if (failure.challenge() != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, failure.challenge());
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(failure.json());
	}

}
