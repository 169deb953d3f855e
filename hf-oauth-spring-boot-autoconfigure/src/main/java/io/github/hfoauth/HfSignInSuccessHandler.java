package io.github.hfoauth;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Spring Security's usual answer to a servlet sign-in (back to the saved page), after
 * publishing its {@link HfSignInEvent}: for the real and the mock sign-in alike.
 */
final class HfSignInSuccessHandler implements AuthenticationSuccessHandler {

	private final SavedRequestAwareAuthenticationSuccessHandler savedPage = new SavedRequestAwareAuthenticationSuccessHandler();

	private final ApplicationEventPublisher events;

	HfSignInSuccessHandler(ApplicationEventPublisher events) {
		this.events = events;
	}

	/** The chain's request cache, as Spring Security's own login configurers set it. */
	void setRequestCache(RequestCache requestCache) {
		this.savedPage.setRequestCache(requestCache);
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		this.events.publishEvent(HfSignInEvent.succeeded(authentication));
		this.savedPage.onAuthenticationSuccess(request, response, authentication);
	}

}
