package io.github.hfoauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After a sign-in that a frame started in a pop-up (its commitment is in the session), answers
 * with the hand-over page that carries the frame's ticket; after any other, or when too many
 * tickets wait already, answers as the handler it wraps does (the app's own, or Spring
 * Security's back to the saved page).
 */
final class HfFrameSignInSuccessHandler implements AuthenticationSuccessHandler {

	private final HfFrameTickets<HfFrameSignIn.SignIn> tickets;

	private final OAuth2AuthorizedClientRepository authorizedClients;

	private final AuthenticationSuccessHandler otherwise;

	HfFrameSignInSuccessHandler(HfFrameTickets<HfFrameSignIn.SignIn> tickets,
			OAuth2AuthorizedClientRepository authorizedClients, AuthenticationSuccessHandler otherwise) {
		this.tickets = tickets;
		this.authorizedClients = authorizedClients;
		this.otherwise = otherwise;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		HttpSession session = request.getSession(false);
		Object commitment = (session != null) ? session.getAttribute(HfFrameSignIn.COMMITMENT_ATTRIBUTE) : null;
		OAuth2AuthorizedClient client = (commitment != null) ? this.authorizedClients
			.loadAuthorizedClient(HfOAuth2Registration.REGISTRATION_ID, authentication, request) : null;
		if (client == null) {
			this.otherwise.onAuthenticationSuccess(request, response, authentication);
			return;
		}
		session.removeAttribute(HfFrameSignIn.COMMITMENT_ATTRIBUTE);
		String owner = HfFrameTickets.ownerOf(session.getAttribute(HfFrameSignIn.TICKET_OWNER_ATTRIBUTE));
		session.setAttribute(HfFrameSignIn.TICKET_OWNER_ATTRIBUTE, owner);
		boolean forward = session.getAttribute(HfFrameSignIn.RETURN_ATTRIBUTE) != null;
		String ticket = this.tickets.issue(owner, (String) commitment, new HfFrameSignIn.SignIn(authentication, client),
				!forward);
		if (ticket == null) {
			// Too many waiting: a plain sign-in, this window stays the app's own tab, signed in.
			session.removeAttribute(HfFrameSignIn.RETURN_ATTRIBUTE);
			this.otherwise.onAuthenticationSuccess(request, response, authentication);
			return;
		}
		if (session.getAttribute(HfFrameSignIn.RETURN_ATTRIBUTE) instanceof String base) {
			// A custom domain's sign-in: it moves there, nothing stays signed in on this host.
			session.invalidate();
			write(response, HfFrameSignIn.forwardPage(request.getContextPath(), base + HfFrameSignIn.FORWARD_PATH,
					ticket));
			return;
		}
		// The tokens travel with the ticket. Hugging Face's refresh tokens rotate: two sessions
		// holding one end each other, so this one keeps none unless no frame redeems the ticket.
		this.authorizedClients.removeAuthorizedClient(HfOAuth2Registration.REGISTRATION_ID, authentication, request,
				response);
		session.setAttribute(HfFrameSignIn.HANDED_OVER_ATTRIBUTE, ticket);
		// The page posts to its opener: an opener policy of the app's must not cut them apart.
		response.setHeader(HfFrameSignIn.OPENER_POLICY, HfFrameSignIn.OPENER_KEPT);
		write(response, HfFrameSignIn.handOverPage(request.getContextPath(), ticket));
	}

	private static void write(HttpServletResponse response, String page) throws IOException {
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("text/html");
		response.getWriter().write(page);
	}

}
