package io.github.hfoauth;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
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
	 * @param securityContexts the chain's holder strategy
	 * @param contexts the chain's security context repository
	 * @param authorizedClients the repository of the users' Hugging Face tokens
	 * @param requestCache the page the frame asked for before signing in
	 * @param sessions the registry of signed-in sessions, if sign-out tells of the others
	 */
	record Redeeming(HfFrameTickets<HfFrameSignIn.SignIn> tickets, SecurityContextHolderStrategy securityContexts,
			SecurityContextRepository contexts, OAuth2AuthorizedClientRepository authorizedClients,
			RequestCache requestCache, @Nullable SessionRegistry sessions) {

		/**
		 * Signs this request's session in with a redeemed sign-in, under a new session id
		 * (session fixation protection).
		 * @param signIn the redeemed sign-in
		 * @param request the request
		 * @param response the response
		 * @return the page the session asked for before signing in, as a path, or {@code null}
		 */
		@Nullable String signIn(HfFrameSignIn.SignIn signIn, HttpServletRequest request, HttpServletResponse response) {
			request.getSession();
			request.changeSessionId();
			SecurityContext context = this.securityContexts.createEmptyContext();
			context.setAuthentication(signIn.authentication());
			this.securityContexts.setContext(context);
			this.contexts.saveContext(context, request, response);
			if (this.sessions != null) {
				this.sessions.registerNewSession(request.getSession().getId(), signIn.authentication().getPrincipal());
			}
			this.authorizedClients.saveAuthorizedClient(signIn.client(), signIn.authentication(), request, response);
			SavedRequest saved = this.requestCache.getRequest(request, response);
			this.requestCache.removeRequest(request, response);
			return (saved != null) ? samePath(saved.getRedirectUrl()) : null;
		}

	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		boolean get = "GET".equals(request.getMethod());
		String contextPath = request.getContextPath();
		if (get && path.equals(HfFrameSignIn.SCRIPT_PATH)) {
			response.setContentType("text/javascript;charset=UTF-8");
			response.setHeader("Cache-Control", "no-cache");
			response.getOutputStream().write(HfFrameSignIn.script());
		}
		else if (this.redeeming == null) {
			chain.doFilter(request, response);
		}
		else if (get && path.equals(HfFrameSignIn.REDEEM_PATH)) {
			CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			// Reading the token saves it in the frame's session: the one the POST then needs.
			write(response, HttpStatus.OK, "application/json",
					HfFrameSignIn.csrfJson((csrf != null) ? csrf.getHeaderName() : "X-CSRF-TOKEN",
							(csrf != null) ? csrf.getToken() : null));
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
				rememberCommitment(request, this.space);
			}
			chain.doFilter(request, response);
		}
	}

	// A sign-in started without a commitment is a plain one: forget an earlier, abandoned one.
	// A custom domain's sign-in also names where to hand it back: only a Space host qualifies.
	private static void rememberCommitment(HttpServletRequest request, @Nullable HfSpace space) {
		String commitment = request.getParameter(HfFrameSignIn.COMMITMENT_PARAMETER);
		boolean valid = HfFrameTickets.isCommitment(commitment);
		HttpSession session = request.getSession(valid);
		if (session == null) {
			return;
		}
		session.removeAttribute(HfFrameSignIn.COMMITMENT_ATTRIBUTE);
		session.removeAttribute(HfFrameSignIn.RETURN_ATTRIBUTE);
		if (valid) {
			session.setAttribute(HfFrameSignIn.COMMITMENT_ATTRIBUTE, commitment);
			String base = request.getParameter(HfFrameSignIn.RETURN_PARAMETER);
			if (space != null && HfFrameSignIn.isSpaceBase(base, space, request.getContextPath())) {
				session.setAttribute(HfFrameSignIn.RETURN_ATTRIBUTE, base);
			}
		}
	}

	private static void redeem(Redeeming redeeming, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		HfFrameSignIn.SignIn signIn = redeeming.tickets().redeem(request.getParameter("ticket"),
				request.getParameter("secret"));
		if (signIn == null) {
			write(response, HttpStatus.FORBIDDEN, "application/json", HfErrorAnswer.json("invalid_ticket",
					"This sign-in ticket is unknown, used, expired or meant for another window. Sign in again."));
			return;
		}
		write(response, HttpStatus.OK, "application/json",
				HfFrameSignIn.redeemedJson(redeeming.signIn(signIn, request, response)));
	}

	// The page the frame asked for before signing in, as a path on this app.
	private static @Nullable String samePath(String url) {
		URI uri = URI.create(url);
		return (uri.getRawPath() != null) ? uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")
				: null;
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
