package io.github.hfoauth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * Servlet sign-out: forgets the session in the registry of signed-in sessions, then sends the
 * visitor to the page after sign-out, saying whether another of their sessions is still signed in.
 */
final class HfSignOutHandler implements LogoutHandler, LogoutSuccessHandler {

	private static final String SIGNED_OUT_SESSION = HfSignOutHandler.class.getName() + ".SESSION";

	private final SessionRegistry sessions;

	private final String logoutSuccessUrl;

	private final RedirectStrategy redirect = new DefaultRedirectStrategy();

	HfSignOutHandler(SessionRegistry sessions, String logoutSuccessUrl) {
		this.sessions = sessions;
		this.logoutSuccessUrl = logoutSuccessUrl;
	}

	// Explicit rather than left to session events: a Spring Session store sends none. Runs
	// before Spring Security's own handlers, while the session still has its id.
	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			request.setAttribute(SIGNED_OUT_SESSION, session.getId());
			this.sessions.removeSessionInformation(session.getId());
		}
	}

	// By the principal: Spring Security's and Spring Session's registries take it as
	// registered, the starter's takes its name. The session signing out never counts.
	@Override
	public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
			@Nullable Authentication authentication) throws IOException {
		Object signedOut = request.getAttribute(SIGNED_OUT_SESSION);
		boolean elsewhere = authentication != null && this.sessions.getAllSessions(authentication.getPrincipal(), false)
			.stream()
			.anyMatch((session) -> !session.getSessionId().equals(signedOut));
		this.redirect.sendRedirect(request, response, HfSignOut.target(this.logoutSuccessUrl, elsewhere));
	}

}
