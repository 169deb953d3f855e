package io.github.hfoauth;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Publishes the {@link HfSignInEvent} of a servlet sign-in, real or mock, then answers as the
 * handler it wraps does.
 */
final class HfSignInSuccessHandler implements AuthenticationSuccessHandler {

	private final ApplicationEventPublisher events;

	private final AuthenticationSuccessHandler answer;

	HfSignInSuccessHandler(ApplicationEventPublisher events, AuthenticationSuccessHandler answer) {
		this.events = events;
		this.answer = answer;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		this.events.publishEvent(HfSignInEvent.succeeded(authentication));
		this.answer.onAuthenticationSuccess(request, response, authentication);
	}

}
