package io.github.hfoauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * The servlet side of {@link HfFrameSignIn}: serves the script, the frame's sign-in page and
 * the blocked-cookie page, keeps the frame's commitment in the pop-up's session, and redeems
 * tickets into the frame's session. It runs after Spring Security's CSRF filter, so that the
 * redeeming POST needs the frame session's token.
 */
final class HfFrameSignInFilter extends OncePerRequestFilter {

	private final @Nullable HfSpace space;

	private final @Nullable Redeeming redeeming;

	/**
	 * Creates the filter.
	 * @param space the Space, for the link to its own tab, or {@code null}
	 * @param redeeming where redeemed tickets go, or {@code null} to serve only the script
	 * (mock mode, where there is nothing to hand over)
	 */
	HfFrameSignInFilter(@Nullable HfSpace space, @Nullable Redeeming redeeming) {
		this.space = space;
		this.redeeming = redeeming;
	}

	/**
	 * Where a redeemed ticket's sign-in goes: the frame's session, as a sign-in there would.
	 * @param tickets the tickets the success handler issues
	 * @param sessions the chain's session authentication strategy, as its sign-in filters
	 * use it: a new session id, a new CSRF token, and the session management the app
	 * configured (a session registry, a limit of sessions per user)
	 * @param securityContexts the chain's holder strategy
	 * @param contexts the chain's security context repository
	 * @param authorizedClients the repository of the users' Hugging Face tokens
	 * @param requestCache the page the frame asked for before signing in
	 */
	record Redeeming(HfFrameTickets<HfFrameSignIn.SignIn> tickets, SessionAuthenticationStrategy sessions,
			SecurityContextHolderStrategy securityContexts, SecurityContextRepository contexts,
			OAuth2AuthorizedClientRepository authorizedClients, RequestCache requestCache) {

		/**
		 * Signs this request's session in with a redeemed sign-in, as Spring Security's sign-in
		 * filters do: first the chain's session strategy (session fixation protection, the
		 * CSRF token replaced, the app's session limits), then the security context.
		 * @param signIn the redeemed sign-in
		 * @param request the request
		 * @param response the response
		 * @return the page the session asked for before signing in, as a path, or {@code null}
		 * @throws SessionAuthenticationException when the app's session management refuses
		 * another session (such as {@code maxSessionsPreventsLogin})
		 */
		@Nullable String signIn(HfFrameSignIn.SignIn signIn, HttpServletRequest request, HttpServletResponse response) {
			Authentication authentication = signIn.authentication();
			this.sessions.onAuthentication(authentication, request, response);
			SecurityContext context = this.securityContexts.createEmptyContext();
			context.setAuthentication(authentication);
			this.securityContexts.setContext(context);
			this.contexts.saveContext(context, request, response);
			this.authorizedClients.saveAuthorizedClient(signIn.client(), authentication, request, response);
			request.getSession().removeAttribute(HfFrameSignIn.HANDED_OVER_ATTRIBUTE);
			SavedRequest saved = this.requestCache.getRequest(request, response);
			this.requestCache.removeRequest(request, response);
			// The app's own URL, but a path a browser may read as another host: checked.
			return (saved != null) ? SameOriginPath.of(saved.getRedirectUrl()) : null;
		}

		/**
		 * Settles a pop-up session that issued a ticket: signed out once a frame redeemed it,
		 * so that one rotating refresh token lives in one session whether or not the pop-up's
		 * script ran; its tokens back once no frame can (the ticket expired) or the pop-up
		 * navigates on (its frame refused the ticket, or it has no opener), leaving it the
		 * app's own tab, signed in. Its page's scripts and images leave a waiting ticket be.
		 * @param request the request
		 * @param response the response
		 */
		void settleHandOver(HttpServletRequest request, HttpServletResponse response) {
			HttpSession session = request.getSession(false);
			if (session == null || !(session.getAttribute(HfFrameSignIn.HANDED_OVER_ATTRIBUTE) instanceof String ticket)
					|| (this.tickets.isWaiting(ticket) && !"document".equals(request.getHeader("Sec-Fetch-Dest")))) {
				return;
			}
			session.removeAttribute(HfFrameSignIn.HANDED_OVER_ATTRIBUTE);
			HfFrameSignIn.SignIn signIn = this.tickets.reclaim(ticket);
			if (signIn != null) {
				this.authorizedClients.saveAuthorizedClient(signIn.client(), signIn.authentication(), request, response);
				return;
			}
			// Before the token expiry filter: nothing of the moved sign-in is left to refresh. Ended
			// as a sign-out ends it, so that no session registry counts it as signed in.
			session.invalidate();
			this.securityContexts.clearContext();
		}

	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		boolean get = "GET".equals(request.getMethod());
		String contextPath = request.getContextPath();
		if (this.redeeming != null && !path.equals(HfFrameSignIn.REDEEM_PATH)) {
			this.redeeming.settleHandOver(request, response);
		}
		if (get && path.equals(HfFrameSignIn.SCRIPT_PATH)) {
			response.setContentType("text/javascript;charset=UTF-8");
			response.setHeader("Cache-Control", "no-cache");
			response.getOutputStream().write(HfFrameSignIn.script());
		}
		else if (get && path.equals(HfFrameSignIn.POP_UP_PATH)) {
			// The page talks to its opener: an opener policy of the app's must not cut them apart.
			response.setHeader(HfFrameSignIn.OPENER_POLICY, HfFrameSignIn.OPENER_KEPT);
			write(response, HttpStatus.OK, "text/html", HfFrameSignIn.popUpPage(contextPath));
		}
		else if (this.redeeming == null) {
			chain.doFilter(request, response);
		}
		else if ("POST".equals(request.getMethod()) && path.equals(HfFrameSignIn.POP_UP_PATH)) {
			keepPostedCommitment(request, response);
		}
		else if (get && path.equals(HfFrameSignIn.REDEEM_PATH)) {
			CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			// Asked before a session is made for this answer: the next answer tells whether the
			// frame sent its cookie back (a CSRF token kept in a cookie makes no session itself).
			boolean session = request.isRequestedSessionIdValid();
			request.getSession();
			// Reading the token saves it in the frame's session: the one the POST then needs.
			write(response, HttpStatus.OK, "application/json",
					HfFrameSignIn.csrfJson((csrf != null) ? csrf.getHeaderName() : "X-CSRF-TOKEN",
							(csrf != null) ? csrf.getToken() : null, session));
		}
		else if ("POST".equals(request.getMethod()) && path.equals(HfFrameSignIn.REDEEM_PATH)) {
			redeem(this.redeeming, request, response);
		}
		else if (get && path.equals(HfFrameSignIn.BLOCKED_PATH)) {
			write(response, HttpStatus.OK, "text/html", HfFrameSignIn.blockedPage(contextPath, this.space));
		}
		else if (get && path.equals(HfOAuth2Registration.LOGIN_URL)
				&& HfFrameSignIn.isFrame(request.getHeader("Sec-Fetch-Dest"))) {
			// Never Hugging Face's pages in the frame: a button that opens them in a pop-up.
			write(response, HttpStatus.OK, "text/html", HfFrameSignIn.framePage(contextPath, this.space));
		}
		else {
			if (get && path.equals(HfOAuth2Registration.LOGIN_URL)) {
				rememberCommitment(request);
			}
			chain.doFilter(request, response);
		}
	}

	// The pop-up's page posts the frame's commitment (it came by postMessage, never in a URL),
	// and goes on to the sign-in this answer names, which alone takes it.
	private static void keepPostedCommitment(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (refusedAsForeign(request, response)) {
			return;
		}
		String commitment = request.getParameter(HfFrameSignIn.COMMITMENT_FIELD);
		// The body only: a commitment never travels in a URL, where logs would keep it.
		if (request.getQueryString() != null || !HfFrameTickets.isCommitment(commitment)) {
			write(response, HttpStatus.BAD_REQUEST, "application/json", HfErrorAnswer.json("invalid_request",
					"Post the commitment in the body, a SHA-256 in base64url: 43 characters, and nothing in the URL."));
			return;
		}
		String nonce = HfFrameSignIn.newSecret();
		HttpSession session = request.getSession();
		session.setAttribute(HfFrameSignIn.POSTED_START_ATTRIBUTE, nonce);
		session.setAttribute(HfFrameSignIn.POSTED_COMMITMENT_ATTRIBUTE, commitment);
		session.removeAttribute(HfFrameSignIn.POSTED_RETURN_ATTRIBUTE);
		write(response, HttpStatus.OK, "application/json",
				HfFrameSignIn.locationJson(HfFrameSignIn.startPath(request.getContextPath(), nonce)));
	}

	// A sibling site (Sec-Fetch-Site: same-site) can plant a cookie-kept CSRF token: only the app's own pages post here.
	private static boolean refusedAsForeign(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (HfFrameSignIn.fromOwnPages(request.getHeader("Sec-Fetch-Site"))) {
			return false;
		}
		write(response, HttpStatus.FORBIDDEN, "application/json", HfErrorAnswer.json("cross_origin",
				"Only this app's own pages may post here."));
		return true;
	}

	// A sign-in takes the commitment posted for it (the pop-up's, or a custom domain's with the
	// base URL to hand it back to): its nonce is in the sign-in URL. Any other sign-in is a
	// plain one: it drops the commitment of an earlier, abandoned sign-in, and leaves a posted
	// one to the sign-in it was posted for (which a favicon's sign-in may come just before).
	private static void rememberCommitment(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return;
		}
		HfFrameSignIn.Start start = HfFrameSignIn.start(session.getAttribute(HfFrameSignIn.POSTED_START_ATTRIBUTE),
				session.getAttribute(HfFrameSignIn.POSTED_COMMITMENT_ATTRIBUTE),
				session.getAttribute(HfFrameSignIn.POSTED_RETURN_ATTRIBUTE),
				request.getParameter(HfFrameSignIn.START_PARAMETER));
		session.removeAttribute(HfFrameSignIn.COMMITMENT_ATTRIBUTE);
		session.removeAttribute(HfFrameSignIn.RETURN_ATTRIBUTE);
		if (start == null) {
			return;
		}
		session.removeAttribute(HfFrameSignIn.POSTED_START_ATTRIBUTE);
		session.removeAttribute(HfFrameSignIn.POSTED_COMMITMENT_ATTRIBUTE);
		session.removeAttribute(HfFrameSignIn.POSTED_RETURN_ATTRIBUTE);
		session.setAttribute(HfFrameSignIn.COMMITMENT_ATTRIBUTE, start.commitment());
		if (start.returnBase() != null) {
			session.setAttribute(HfFrameSignIn.RETURN_ATTRIBUTE, start.returnBase());
		}
	}

	private static void redeem(Redeeming redeeming, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (refusedAsForeign(request, response)) {
			return;
		}
		String ticket = request.getParameter("ticket");
		// Without a ticket: a frame whose pop-up lost its opener asks for the one bound to its secret.
		HfFrameSignIn.SignIn signIn = (ticket != null) ? redeeming.tickets().redeem(ticket, request.getParameter("secret"))
				: redeeming.tickets().redeemBySecret(request.getParameter("secret"));
		if (signIn == null && ticket == null) {
			write(response, HttpStatus.ACCEPTED, "application/json", HfFrameSignIn.pendingJson());
			return;
		}
		if (signIn == null) {
			write(response, HttpStatus.FORBIDDEN, "application/json", HfErrorAnswer.json("invalid_ticket",
					"This sign-in ticket is unknown, used, expired or meant for another window. Sign in again."));
			return;
		}
		String location;
		try {
			location = redeeming.signIn(signIn, request, response);
		}
		catch (SessionAuthenticationException ex) {
			write(response, HttpStatus.FORBIDDEN, "application/json",
					HfErrorAnswer.json("session_refused", HfFrameSignIn.SESSION_REFUSED));
			return;
		}
		write(response, HttpStatus.OK, "application/json", HfFrameSignIn.locationJson(location));
	}

	private static void write(HttpServletResponse response, HttpStatus status, String contentType, String body)
			throws IOException {
		response.setStatus(status.value());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(contentType);
		response.getWriter().write(body);
	}

}
