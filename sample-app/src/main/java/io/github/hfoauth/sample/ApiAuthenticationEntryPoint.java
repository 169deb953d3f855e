package io.github.hfoauth.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.github.hfoauth.HfOAuth2Registration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated API request with 401 and a small JSON body that says where to
 * sign in, rather than redirecting it to Hugging Face.
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final JsonMapper jsonMapper;

	ApiAuthenticationEntryPoint(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Unauthorized body = new Unauthorized("unauthorized", "Sign in with Hugging Face first.",
				request.getContextPath() + HfOAuth2Registration.LOGIN_URL);
		response.getWriter().write(this.jsonMapper.writeValueAsString(body));
	}

	record Unauthorized(String error, String message, String login) {
	}

}
