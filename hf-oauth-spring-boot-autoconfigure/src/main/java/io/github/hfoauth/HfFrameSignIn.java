package io.github.hfoauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.web.util.HtmlUtils;

/**
 * Signing in from the Space page's frame, decided once for servlet and reactive apps: the
 * paths, and the two small pages. Hugging Face's pages never run inside the frame (they may
 * refuse to be framed, and its cookies are not sent there): the starter's script
 * ({@value #SCRIPT_PATH}) opens the sign-in in a pop-up, which ends on the hand-over page;
 * that page gives the frame a single-use {@link HfFrameTickets ticket}, which the frame
 * redeems with a CSRF-protected POST to {@value #REDEEM_PATH}.
 */
final class HfFrameSignIn {

	/** The script apps include; it marks nothing by itself, links opt in with {@code data-hf-sign-in}. */
	static final String SCRIPT_PATH = "/hf-oauth/sign-in.js";

	/** GET: the frame session's CSRF token, as JSON; POST: redeems a ticket. */
	static final String REDEEM_PATH = "/hf-oauth/frame-sign-in";

	/** The page a frame shows when it keeps no cookie, so that the ticket could not sign it in. */
	static final String BLOCKED_PATH = REDEEM_PATH + "/blocked";

	/**
	 * GET: the page the frame opens as its pop-up; POST: that page's script gives the pop-up's
	 * session the frame's commitment, which it received from the frame by {@code postMessage},
	 * never in a URL, and with the pop-up session's CSRF token.
	 */
	static final String POP_UP_PATH = REDEEM_PATH + "/pop-up";

	/**
	 * POST, cross-site from a custom domain to the {@code hf.space} host: starts the custom
	 * domain's sign-in there, with its commitment and the custom domain's base URL in the body,
	 * never in a URL.
	 */
	static final String FORWARD_START_PATH = REDEEM_PATH + "/from-custom-domain";

	/** The form field that carries a commitment, in the pop-up's POST and a custom domain's. */
	static final String COMMITMENT_FIELD = "commitment";

	/** The form field that names the custom domain's base URL to hand the sign-in back to. */
	static final String RETURN_FIELD = "return";

	/**
	 * The sign-in URL's parameter that names the commitment posted for this very sign-in: a
	 * nonce, worthless anywhere else, so that a later plain sign-in in the same session never
	 * takes a commitment posted for another.
	 */
	static final String START_PARAMETER = "hf_start";

	/** POST, cross-site from the {@code hf.space} host: a sign-in handed back to the custom domain. */
	static final String FORWARD_PATH = REDEEM_PATH + "/forwarded";

	/** Where the {@code hf.space} host's session keeps the custom domain's base URL during the sign-in. */
	static final String RETURN_ATTRIBUTE = HfFrameSignIn.class.getName() + ".return";

	/** Where the custom domain's session keeps the secret of a sign-in it sent to the {@code hf.space} host. */
	static final String FORWARD_SECRET_ATTRIBUTE = HfFrameSignIn.class.getName() + ".forwardSecret";

	/**
	 * Where the pop-up's session keeps the ticket it issued. The session's Hugging Face tokens
	 * travel with the ticket: its next request takes them back if no frame redeemed it, and is
	 * signed out if one did.
	 */
	static final String HANDED_OVER_ATTRIBUTE = HfFrameSignIn.class.getName() + ".handedOver";

	/** Where a session keeps the commitment posted to it (pop-up or custom domain), until its sign-in starts. */
	static final String POSTED_COMMITMENT_ATTRIBUTE = HfFrameSignIn.class.getName() + ".postedCommitment";

	/** Where the {@code hf.space} host's session keeps the custom domain posted to it, until its sign-in starts. */
	static final String POSTED_RETURN_ATTRIBUTE = HfFrameSignIn.class.getName() + ".postedReturn";

	/** Where a session keeps the nonce of the sign-in the posted commitment is for. */
	static final String POSTED_START_ATTRIBUTE = HfFrameSignIn.class.getName() + ".postedStart";

	/** Where the pop-up's session keeps the commitment during the sign-in. */
	static final String COMMITMENT_ATTRIBUTE = HfFrameSignIn.class.getName() + ".commitment";

	/** Where the pop-up's session keeps the key its waiting ticket is held under (one per session). */
	static final String TICKET_OWNER_ATTRIBUTE = HfFrameSignIn.class.getName() + ".ticketOwner";

	/** The header that decides whether a window keeps its opener. */
	static final String OPENER_POLICY = "Cross-Origin-Opener-Policy";

	/** What the pop-up's pages send: they talk to the frame that opened them (the browsers' default). */
	static final String OPENER_KEPT = "unsafe-none";

	/** What a redeem answers when the app's session management refuses another session for the user. */
	static final String SESSION_REFUSED = "This app allows no more sessions for this account: sign out elsewhere, then "
			+ "sign in again.";

	private static final String BODY = "<body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;"
			+ "padding:0 1rem\">";

	private static final SecureRandom random = new SecureRandom();

	private static final Pattern NOT_JSON_SAFE = Pattern.compile("[\"\\\\\\p{Cntrl}<>]");

	private static final byte[] script = read("sign-in.js");

	private HfFrameSignIn() {
	}

	/**
	 * What a sign-in starts with, decided once for both stacks: the commitment posted to its
	 * session for exactly this sign-in (its nonce in the sign-in URL), and for a custom domain
	 * the base URL to hand it back to. Nothing else in a URL counts.
	 * @param postedStart the session's {@value #START_PARAMETER} nonce, if any
	 * @param postedCommitment the commitment posted with it
	 * @param postedReturn the custom domain posted with it, if any
	 * @param start the sign-in URL's {@value #START_PARAMETER}, or {@code null}
	 * @return the start, or {@code null} for a plain sign-in
	 */
	static @Nullable Start start(@Nullable Object postedStart, @Nullable Object postedCommitment,
			@Nullable Object postedReturn, @Nullable String start) {
		if (!(postedStart instanceof String nonce) || !(postedCommitment instanceof String commitment) || start == null
				|| !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.US_ASCII),
						start.getBytes(StandardCharsets.US_ASCII))) {
			return null;
		}
		return new Start(commitment, (postedReturn instanceof String base) ? base : null);
	}

	/**
	 * The sign-in URL that takes a posted commitment.
	 * @param contextPath the application's context path
	 * @param nonce the nonce kept with the commitment
	 * @return the path
	 */
	static String startPath(String contextPath, String nonce) {
		return contextPath + HfOAuth2Registration.LOGIN_URL + "?" + START_PARAMETER + "=" + nonce;
	}

	/**
	 * Whether a POST of the starter's own script came from the app's own pages, as the browser
	 * says ({@code Sec-Fetch-Site}); a client that sends no such header is left to the CSRF
	 * check. Refuses sibling sites, which can plant a cookie-kept CSRF token.
	 * @param fetchSite the {@code Sec-Fetch-Site} header, or {@code null}
	 * @return {@code false} for any value but {@code same-origin}
	 */
	static boolean fromOwnPages(@Nullable String fetchSite) {
		return fetchSite == null || "same-origin".equals(fetchSite);
	}

	/**
	 * Whether a custom domain's start came from a page of that custom domain, as the browser
	 * says ({@code Origin}): another site's form would start a sign-in in the visitor's
	 * {@code hf.space} session, replacing one in progress there. A browser that sends no origin,
	 * or {@code null} (some privacy settings), is left to the other checks.
	 * @param origin the {@code Origin} header, or {@code null}
	 * @param base the custom domain's base URL the form names, already checked
	 * ({@link #isCustomDomainBase})
	 * @return {@code false} for another origin
	 */
	static boolean isPostedFrom(@Nullable String origin, String base) {
		if (origin == null || "null".equals(origin)) {
			return true;
		}
		URI uri = URI.create(base);
		String own = uri.getScheme() + "://" + uri.getRawAuthority();
		return own.equalsIgnoreCase(origin);
	}

	/**
	 * Whether a request is the navigation of a frame, as browsers mark it.
	 * @param fetchDest the {@code Sec-Fetch-Dest} header, or {@code null}
	 * @return {@code true} for {@code iframe}
	 */
	static boolean isFrame(@Nullable String fetchDest) {
		return "iframe".equalsIgnoreCase(fetchDest);
	}

	/** The script's bytes. */
	static byte[] script() {
		return script.clone();
	}

	/**
	 * What the frame shows instead of Hugging Face's authorize page: one button that opens the
	 * sign-in in a pop-up (a pop-up needs the visitor's click), and the app's own tab as the
	 * way out.
	 * @param contextPath the application's context path
	 * @param space the Space, for the link to its own tab, or {@code null}
	 * @return the page
	 */
	static String framePage(String contextPath, @Nullable HfSpace space) {
		String loginUrl = HtmlUtils.htmlEscape(contextPath + HfOAuth2Registration.LOGIN_URL);
		String ownTab = (space != null && space.getUrl() != null)
				? "<p>Or <a href=\"" + HtmlUtils.htmlEscape(space.getUrl())
						+ "\" target=\"_blank\" rel=\"noopener\">open the app in its own tab</a>.</p>"
				: "";
		return head("Sign in with Hugging Face", contextPath)
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<meta name=\"hf-oauth-home\" content=\"" + HtmlUtils.htmlEscape(contextPath + "/") + "\">"
				+ "</head>"
				+ BODY
				+ "<h1>Sign in with Hugging Face</h1><p>Hugging Face opens in a small window; this page signs in "
				+ "when you are done there.</p><p><a class=\"hf-signin\" data-hf-sign-in href=\"" + loginUrl
				+ "\" target=\"_blank\">Sign in with Hugging Face</a></p>" + ownTab + "</body></html>";
	}

	/**
	 * What the frame opens as its pop-up, before any sign-in: its script asks the frame that
	 * opened it for the commitment, posts it to this session, then starts the sign-in. Without
	 * a frame to answer (opened by hand, or the frame is gone), it starts a plain sign-in.
	 * @param contextPath the application's context path
	 * @return the page
	 */
	static String popUpPage(String contextPath) {
		return head("Sign in with Hugging Face", contextPath)
				+ "<meta name=\"hf-oauth-pop-up\" content=\""
				+ HtmlUtils.htmlEscape(contextPath + HfOAuth2Registration.LOGIN_URL) + "\">"
				+ "</head>"
				+ BODY
				+ "<h1>Sign in with Hugging Face</h1><p>On to Hugging Face&hellip;</p><noscript><p><a href=\""
				+ HtmlUtils.htmlEscape(contextPath + HfOAuth2Registration.LOGIN_URL)
				+ "\">Continue</a></p></noscript></body></html>";
	}

	/**
	 * What the pop-up shows once signed in: the script hands the ticket to the frame that
	 * opened it, then closes this window (its session gave its tokens to the ticket and is
	 * signed out on its next request). The ticket is in the page, never in a URL that history
	 * or logs keep.
	 * @param contextPath the application's context path
	 * @param ticket the ticket
	 * @return the page
	 */
	static String handOverPage(String contextPath, String ticket) {
		return head("Signed in", contextPath)
				+ "<meta name=\"hf-oauth-ticket\" content=\"" + HtmlUtils.htmlEscape(ticket) + "\">"
				+ "<meta name=\"hf-oauth-home\" content=\"" + HtmlUtils.htmlEscape(contextPath + "/") + "\">"
				+ "</head>"
				+ BODY
				+ "<h1>Signed in</h1><p>Back to the app&hellip;</p><p data-hf-no-opener hidden>You can close this "
				+ "window: the app on the Space page signs in by itself. Or <a href=\"" + HtmlUtils.htmlEscape(contextPath + "/")
				+ "\">continue here</a>.</p></body></html>";
	}

	/**
	 * What a frame that keeps no cookie shows: the sign-in finished in the pop-up, which stays
	 * open as the app's own tab, signed in.
	 * @param contextPath the application's context path
	 * @param space the Space, for the link to its own tab, or {@code null}
	 * @return the page
	 */
	static String blockedPage(String contextPath, @Nullable HfSpace space) {
		String url = (space != null && space.getUrl() != null) ? space.getUrl() : contextPath + "/";
		return HfErrorAnswer.page("Sign-in failed", HfLoginFailure.COOKIE_BLOCKED.message(),
				"<p>You are signed in in the window that opened for the sign-in. <a href=\"" + HtmlUtils.htmlEscape(url)
						+ "\" target=\"_blank\" rel=\"noopener\">Open the app in its own tab</a> to use it there.</p>");
	}

	/**
	 * What a custom domain answers to a sign-in asked for there: a form that starts it on the
	 * {@code hf.space} host, with the commitment and this domain's base URL in the body (never
	 * in a URL, where access logs would keep the commitment), sent by the script at once, or
	 * by the visitor's click without scripts.
	 * @param contextPath the application's context path (for the script)
	 * @param action the {@code hf.space} host's {@value #FORWARD_START_PATH} URL
	 * @param commitment the commitment to the secret the custom domain's session keeps
	 * @param returnBase the custom domain's base URL
	 * @return the page
	 */
	static String forwardStartPage(String contextPath, String action, String commitment, String returnBase) {
		return postingPage(contextPath, action, "Sign in with Hugging Face", "Continue to Hugging Face",
				"<input type=\"hidden\" name=\"" + COMMITMENT_FIELD + "\" value=\"" + HtmlUtils.htmlEscape(commitment)
						+ "\"><input type=\"hidden\" name=\"" + RETURN_FIELD + "\" value=\""
						+ HtmlUtils.htmlEscape(returnBase) + "\">");
	}

	/**
	 * What the {@code hf.space} host answers after a sign-in a custom domain started: a form
	 * that posts the ticket back to the custom domain (in the body, never in a URL), sent by the
	 * script at once, or by the visitor's click without scripts.
	 * @param contextPath the application's context path (for the script)
	 * @param action the custom domain's {@value #FORWARD_PATH} URL
	 * @param ticket the ticket
	 * @return the page
	 */
	static String forwardPage(String contextPath, String action, String ticket) {
		return postingPage(contextPath, action, "Signed in", "Continue to the app",
				"<input type=\"hidden\" name=\"ticket\" value=\"" + HtmlUtils.htmlEscape(ticket) + "\">");
	}

	// The start of each of the starter's pages, with the script (deferred: it runs once the page
	// is read). The icon is none: a browser asks every page's /favicon.ico, and an app that
	// protects it would send that request to sign in, in the middle of the pop-up's own.
	private static String head(String title, String contextPath) {
		return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>"
				+ title + "</title><script src=\"" + HtmlUtils.htmlEscape(contextPath + SCRIPT_PATH) + "\" defer></script>";
	}

	// A form the script posts at once (data-hf-forward); its button, for a browser without scripts.
	private static String postingPage(String contextPath, String action, String heading, String button,
			String fields) {
		return head(heading, contextPath)
				+ "</head>"
				+ BODY
				+ "<form method=\"post\" data-hf-forward action=\"" + HtmlUtils.htmlEscape(action) + "\">" + fields
				+ "<h1>" + heading + "</h1><p><button type=\"submit\">" + button + "</button></p></form></body></html>";
	}

	/**
	 * The base URL of the {@code hf.space} host, where sign-ins come back: the redirect URI
	 * without its callback path.
	 * @param redirectUri the registration's redirect URI
	 * @return the base URL, or {@code null} when the redirect URI is a template or has no
	 * callback path
	 */
	static @Nullable String callbackBase(String redirectUri) {
		String callback = "/login/oauth2/code/" + HfOAuth2Registration.REGISTRATION_ID;
		if (redirectUri.contains("{") || !redirectUri.endsWith(callback)) {
			return null;
		}
		return redirectUri.substring(0, redirectUri.length() - callback.length());
	}

	/**
	 * Whether a base URL is one of the Space's custom domains (a {@code SPACE_HOST} entry other
	 * than the first, the {@code hf.space} host): only those may receive a sign-in handed back.
	 * A Space is served over https only, so the ticket never travels in plain http; the one
	 * exception is a loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}),
	 * which browsers too treat as a secure origin over http, and which only a local run (the
	 * tests, no TLS there) lists in {@code SPACE_HOST}.
	 * @param base the custom domain's base URL, from a form field (anyone can write it)
	 * @param space the Space
	 * @param contextPath the application's context path, which the base must end with
	 * @return {@code true} for {@code https://<a custom domain>[:port]<context path>}, or
	 * {@code http://} for a loopback one
	 */
	static boolean isCustomDomainBase(@Nullable String base, HfSpace space, String contextPath) {
		if (base == null) {
			return false;
		}
		try {
			URI uri = new URI(base);
			return uri.getHost() != null
					&& ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && isLoopback(uri.getHost())))
					&& uri.getRawUserInfo() == null && space.getHosts().stream().anyMatch(uri.getHost()::equalsIgnoreCase)
					&& !uri.getHost().equalsIgnoreCase(space.getHost())
					&& contextPath.equals((uri.getRawPath() != null) ? uri.getRawPath() : "") && uri.getRawQuery() == null
					&& uri.getRawFragment() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	// By name only, never resolved: what resolves to a loopback address here is up to DNS.
	private static boolean isLoopback(String host) {
		return "localhost".equalsIgnoreCase(host) || "[::1]".equals(host)
				|| host.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");
	}

	/**
	 * Whether a sign-in asked for on this host must start on the {@code hf.space} host instead:
	 * the request came to a custom domain of the Space.
	 * @param requestHost the host the browser asked for
	 * @param space the Space, or {@code null}
	 * @param callbackBase where sign-ins come back, or {@code null}
	 * @return {@code true} on a custom domain listed in {@code SPACE_HOST}
	 */
	static boolean startsElsewhere(String requestHost, @Nullable HfSpace space, @Nullable String callbackBase) {
		if (space == null || callbackBase == null) {
			return false;
		}
		String callbackHost = URI.create(callbackBase).getHost();
		return callbackHost != null && !callbackHost.equalsIgnoreCase(requestHost)
				&& space.getHosts().stream().anyMatch(requestHost::equalsIgnoreCase);
	}

	/**
	 * A new secret, for a sign-in a custom domain sends to the {@code hf.space} host.
	 * @return 256 random bits, base64url
	 */
	static String newSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The answer to the frame's GET of {@value #REDEEM_PATH}: its session's CSRF token, and
	 * whether the request came with a session. The script asks twice after a failed redeem:
	 * a second answer without a session means the frame keeps no cookie.
	 * @param csrfHeader the header name
	 * @param csrfToken the token, or {@code null} without CSRF protection
	 * @param session whether the request carried the cookie of a live session
	 * @return the JSON
	 */
	static String csrfJson(String csrfHeader, @Nullable String csrfToken, boolean session) {
		return "{\"header\":\"" + jsonSafe(csrfHeader) + "\",\"token\":"
				+ ((csrfToken != null) ? "\"" + jsonSafe(csrfToken) + "\"" : "null") + ",\"session\":" + session + "}";
	}

	/**
	 * The answer to a redeemed ticket (where the frame goes next) or to a posted commitment
	 * (the sign-in that takes it).
	 * @param location the page to go to, or {@code null} for the app's root
	 * @return the JSON
	 */
	static String locationJson(@Nullable String location) {
		return "{\"location\":" + ((location != null) ? "\"" + jsonSafe(location) + "\"" : "null") + "}";
	}

	/** The answer to a frame that asked for its ticket by its secret before one was issued. */
	static String pendingJson() {
		return "{\"pending\":true}";
	}

	/**
	 * What a sign-in starts with.
	 * @param commitment the frame's (or the custom domain's) commitment
	 * @param returnBase the custom domain's base URL, or {@code null} for a pop-up's sign-in
	 */
	record Start(String commitment, @Nullable String returnBase) {
	}

	/**
	 * What a ticket carries into the frame's session.
	 * @param authentication the pop-up's sign-in
	 * @param client its Hugging Face tokens
	 */
	record SignIn(Authentication authentication, OAuth2AuthorizedClient client) {
	}

	// Header names, tokens and same-origin paths: no quotes or controls expected, none let through.
	private static String jsonSafe(String text) {
		return NOT_JSON_SAFE.matcher(text).replaceAll("");
	}

	private static byte[] read(String resource) {
		try (InputStream in = HfFrameSignIn.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing from the starter");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
