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
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * A Space's custom domain: Hugging Face sends every sign-in back to the {@code hf.space} host
 * (the only redirect URI it accepts there), whose session is not the custom domain's. A sign-in
 * asked for on the custom domain therefore starts on the {@code hf.space} host, by a form POST
 * that carries the commitment to a secret kept in the custom domain's session; the
 * {@code hf.space} host posts the ticket back, and this filter redeems it with that secret.
 * Both POSTs come from the other host, so they carry no CSRF token: the secret in the session
 * that started the sign-in is what binds it (an attacker's ticket, or a POST into a session
 * that started nothing, signs nobody in), and a custom domain's ticket is never found by a
 * secret alone, so that starting a sign-in for someone gains nothing. It therefore runs before
 * Spring Security's CSRF filter.
 */
final class HfForwardedSignInFilter extends OncePerRequestFilter {

	private final HfSpace space;

	private final ClientRegistrationRepository registrations;

	private final HfFrameSignInFilter.Redeeming redeeming;

	/**
	 * Creates the filter.
	 * @param space the Space
	 * @param registrations where the redirect URI, and with it the {@code hf.space} host's base
	 * URL, is looked up (on a custom domain's first sign-in, not at startup)
	 * @param redeeming where the redeemed sign-in goes
	 */
	HfForwardedSignInFilter(HfSpace space, ClientRegistrationRepository registrations,
			HfFrameSignInFilter.Redeeming redeeming) {
		this.space = space;
		this.registrations = registrations;
		this.redeeming = redeeming;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		String callbackBase = ("GET".equals(request.getMethod()) && path.equals(HfOAuth2Registration.LOGIN_URL)
				&& !HfFrameSignIn.isFrame(request.getHeader("Sec-Fetch-Dest")))
						? callbackBaseFor(request.getServerName()) : null;
		if (callbackBase != null) {
			String secret = HfFrameSignIn.newSecret();
			request.getSession().setAttribute(HfFrameSignIn.FORWARD_SECRET_ATTRIBUTE, secret);
			String ownBase = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
			write(response, HttpStatus.OK, HfFrameSignIn.forwardStartPage(request.getContextPath(),
					callbackBase + HfFrameSignIn.FORWARD_START_PATH, HfFrameTickets.commitmentOf(secret), ownBase));
		}
		else if ("POST".equals(request.getMethod()) && path.equals(HfFrameSignIn.FORWARD_START_PATH)) {
			startFromCustomDomain(request, response);
		}
		else if ("POST".equals(request.getMethod()) && path.equals(HfFrameSignIn.FORWARD_PATH)) {
			redeem(request, response);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	// Only a custom domain of the Space looks the registration up; a failed lookup leaves the
	// sign-in to Spring Security, which answers it with the failure page.
	private @Nullable String callbackBaseFor(String requestHost) {
		if (requestHost.equalsIgnoreCase(this.space.getHost())) {
			return null;
		}
		try {
			ClientRegistration registration = this.registrations.findByRegistrationId(HfOAuth2Registration.REGISTRATION_ID);
			String base = (registration != null) ? HfFrameSignIn.callbackBase(registration.getRedirectUri()) : null;
			return HfFrameSignIn.startsElsewhere(requestHost, this.space, base) ? base : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	// The hf.space host: keeps the custom domain's commitment for the sign-in that follows at once.
	private void startFromCustomDomain(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String commitment = request.getParameter(HfFrameSignIn.COMMITMENT_FIELD);
		String base = request.getParameter(HfFrameSignIn.RETURN_FIELD);
		// The body only: a commitment never travels in a URL, where logs would keep it.
		if (request.getQueryString() != null || !HfFrameTickets.isCommitment(commitment)
				|| !HfFrameSignIn.isCustomDomainBase(base, this.space, request.getContextPath())
				|| !HfFrameSignIn.isPostedFrom(request.getHeader("Origin"), base)) {
			refuse(response, HttpStatus.BAD_REQUEST, request.getContextPath(),
					"This sign-in did not start on an address of this Space: start it again from the app.");
			return;
		}
		// A sign-in this session handed to a frame earlier ends first, as on any other request:
		// what follows goes into the session that is left.
		this.redeeming.settleHandOver(request, response);
		String nonce = HfFrameSignIn.newSecret();
		HttpSession session = request.getSession();
		session.setAttribute(HfFrameSignIn.POSTED_START_ATTRIBUTE, nonce);
		session.setAttribute(HfFrameSignIn.POSTED_COMMITMENT_ATTRIBUTE, commitment);
		session.setAttribute(HfFrameSignIn.POSTED_RETURN_ATTRIBUTE, base);
		// 303: the browser follows a POST's answer with a GET.
		response.setStatus(HttpStatus.SEE_OTHER.value());
		response.setHeader("Location", HfFrameSignIn.startPath(request.getContextPath(), nonce));
	}

	private void redeem(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpSession session = request.getSession(false);
		Object secret = (session != null) ? session.getAttribute(HfFrameSignIn.FORWARD_SECRET_ATTRIBUTE) : null;
		if (session != null) {
			session.removeAttribute(HfFrameSignIn.FORWARD_SECRET_ATTRIBUTE);
		}
		HfFrameSignIn.SignIn signIn = (secret instanceof String value)
				? this.redeeming.tickets().redeem(request.getParameter("ticket"), value) : null;
		String home = request.getContextPath() + "/";
		if (signIn == null) {
			refuse(response, HttpStatus.FORBIDDEN, request.getContextPath(),
					"This sign-in was not started in this browser, or it expired.");
			return;
		}
		@Nullable String location;
		try {
			location = this.redeeming.signIn(signIn, request, response);
		}
		catch (SessionAuthenticationException ex) {
			refuse(response, HttpStatus.FORBIDDEN, request.getContextPath(), HfFrameSignIn.SESSION_REFUSED);
			return;
		}
		// 303: the browser follows a POST's answer with a GET.
		response.setStatus(HttpStatus.SEE_OTHER.value());
		response.setHeader("Location", (location != null) ? location : home);
	}

	private static void refuse(HttpServletResponse response, HttpStatus status, String contextPath, String message)
			throws IOException {
		write(response, status, HfErrorAnswer.page("Sign-in failed", message, "<p><a href=\""
				+ HtmlUtils.htmlEscape(contextPath + HfOAuth2Registration.LOGIN_URL) + "\">Try again</a> &middot; <a href=\""
				+ HtmlUtils.htmlEscape(contextPath + "/") + "\">Home</a></p>"));
	}

	private static void write(HttpServletResponse response, HttpStatus status, String page) throws IOException {
		response.setStatus(status.value());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("text/html");
		response.getWriter().write(page);
	}

}
