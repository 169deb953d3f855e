package io.github.hfoauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a failed sign-in in a servlet app with the {@link HfLoginFailureAnswer}.
 */
final class HfLoginFailureHandler implements AuthenticationFailureHandler {

	private final @Nullable HfSpace space;

	private final ApplicationEventPublisher events;

	/**
	 * Creates the handler.
	 * @param space the Space the app runs in, or {@code null}
	 * @param events where the {@link HfSignInEvent} of a failure goes
	 */
	HfLoginFailureHandler(@Nullable HfSpace space, ApplicationEventPublisher events) {
		this.space = space;
		this.events = events;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		HfLoginFailureAnswer answer = HfLoginFailureAnswer.of(exception, request.getParameter("state"),
				request.getHeader("Accept"), request.getContextPath(), this.space,
				request.getHeader("Sec-Fetch-Dest"));
		if (answer.retryLocation() != null) {
			response.sendRedirect(answer.retryLocation());
			return;
		}
		this.events.publishEvent(HfSignInEvent.failed(answer.reason()));
		response.setStatus(answer.status().value());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(answer.contentType().toString());
		response.getWriter().write(answer.body());
	}

}
