package io.github.hfoauth;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.util.HtmlUtils;

/**
 * What a failed sign-in answers, decided once for servlet and reactive apps alike: a retry
 * (inside a Space whose iframe lost the session), or a small page in plain words with a way to
 * try again, as HTML for browsers and JSON for API clients. Never the exception, the
 * provider's description (it can echo request input) or a stack trace; the OAuth2 error code
 * goes to one WARN log line. The web glue only writes the answer.
 *
 * @param status the status to answer with
 * @param retryLocation where to send the browser for one more attempt, or {@code null} to
 * answer with the body
 * @param contentType the body's media type
 * @param body the body
 * @param reason the failure as one word of a fixed set ({@link HfLoginFailure#reason()}), for
 * the {@link HfSignInEvent}
 */
record HfLoginFailureAnswer(HttpStatus status, @Nullable String retryLocation, MediaType contentType, String body,
		String reason) {

	private static final Log logger = LogFactory.getLog(HfLoginFailureAnswer.class);

	/**
	 * Decides the answer to a failed sign-in, and logs it.
	 * @param exception what Spring Security raised
	 * @param state the request's {@code state} parameter, or {@code null}
	 * @param accept the request's {@code Accept} header, or {@code null}
	 * @param contextPath the application's context path
	 * @param space the Space the app runs in, or {@code null}: inside a Space a sign-in whose
	 * session was lost in the Space page's frame is retried a bounded number of times, then the
	 * user is sent to the top-level Space
	 * @param fetchDest the request's {@code Sec-Fetch-Dest} header, or {@code null}
	 * @return the answer
	 */
	static HfLoginFailureAnswer of(AuthenticationException exception, @Nullable String state, @Nullable String accept,
			String contextPath, @Nullable HfSpace space, @Nullable String fetchDest) {
		OAuth2Error error = oauth2Error(exception);
		HfSignInException own = ownFailure(exception);
		String code = printable(error.getErrorCode());
		// The starter's own codes mean something only when the starter raised them: in the
		// callback's error= parameter they are anyone's words.
		boolean forged = own == null && code.startsWith("hf_");
		HfLoginFailure failure = HfLoginFailure.of(forged ? "forged_" + code : code, exception);
		logger.warn("Sign in with Hugging Face failed: " + code
				+ (forged ? " (not raised by this app: from the request)" : detail(own, exception)));
		// Only a frame loses its session to cookie blocking. At the top level a callback without
		// its session is a replayed or foreign link: starting a new sign-in for it would let
		// anyone who sends the link start sign-ins in the victim's browser.
		if (failure == HfLoginFailure.EXPIRED && space != null && "iframe".equalsIgnoreCase(fetchDest)) {
			int attempt = HfSignInAttempts.attemptOf(state);
			if (attempt > 0 && attempt < HfSignInAttempts.MAX_ATTEMPTS) {
				// Once more: a session can also be lost for reasons that do not repeat.
				return new HfLoginFailureAnswer(HttpStatus.FOUND, contextPath + HfOAuth2Registration.LOGIN_URL + "?"
						+ HfSignInAttempts.ATTEMPT_PARAMETER + "=" + (attempt + 1), MediaType.TEXT_PLAIN, "",
						failure.reason());
			}
			// Only a sign-in that came back without its session on every attempt points at a
			// blocked cookie; a missing or foreign state is just an expired sign-in.
			if (attempt >= HfSignInAttempts.MAX_ATTEMPTS && space.getUrl() != null) {
				failure = HfLoginFailure.COOKIE_BLOCKED;
			}
		}
		// The gate's description is the starter's own words, naming the organizations.
		String message = (failure == HfLoginFailure.ORGANIZATION_REQUIRED && own != null
				&& own.getError().getDescription() != null) ? own.getError().getDescription() : failure.message();
		if (HfErrorAnswer.wantsJson(accept)) {
			return new HfLoginFailureAnswer(failure.status(), null, MediaType.APPLICATION_JSON,
					HfErrorAnswer.json(code, message), failure.reason());
		}
		String loginUrl = HtmlUtils.htmlEscape(contextPath + HfOAuth2Registration.LOGIN_URL);
		String home = HtmlUtils.htmlEscape(contextPath + "/");
		return new HfLoginFailureAnswer(failure.status(), null, MediaType.TEXT_HTML,
				HfErrorAnswer.page("Sign-in failed", message, nextSteps(failure, loginUrl, home, space)),
				failure.reason());
	}

	// Inside the blocked iframe, trying again fails again: the way out is the app's own tab.
	private static String nextSteps(HfLoginFailure failure, String loginUrl, String home, @Nullable HfSpace space) {
		if (failure == HfLoginFailure.COOKIE_BLOCKED && space != null && space.getUrl() != null) {
			return "<p><a href=\"" + HtmlUtils.htmlEscape(space.getUrl())
					+ "\" target=\"_blank\" rel=\"noopener\">Open the app in its own tab</a> and sign in there.</p>"
					+ "<p>Or allow this site's cookies and <a href=\"" + loginUrl + "\">Try again</a>.</p>";
		}
		return "<p><a href=\"" + loginUrl + "\">Try again</a> &middot; <a href=\"" + home + "\">Home</a></p>";
	}

	// What an operator needs to fix it, and nothing a provider's answer could smuggle into the
	// log: the starter's own descriptions are its own words; of the rest only the cause's type.
	private static String detail(@Nullable HfSignInException own, Throwable exception) {
		if (own != null && HfOAuth2ErrorCodes.PROVIDER_UNAVAILABLE.equals(own.getError().getErrorCode())
				&& own.getError().getDescription() != null) {
			// Its own words, quoting a provider's answer: one log line all the same.
			return ": " + LogText.clean(own.getError().getDescription());
		}
		Throwable root = exception;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		if (root instanceof DataBufferLimitException) {
			// WebFlux reads an answer into memory up to a limit: the fix is the property.
			return " (DataBufferLimitException: the answer of Hugging Face is larger than "
					+ "spring.http.codecs.max-in-memory-size allows; raise it)";
		}
		return (root != exception) ? " (" + root.getClass().getSimpleName() + ")" : "";
	}

	private static @Nullable HfSignInException ownFailure(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof HfSignInException own) {
				return own;
			}
		}
		return null;
	}

	// The first OAuth2 error in the cause chain: the redirect filter wraps the real one.
	private static OAuth2Error oauth2Error(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof OAuth2AuthenticationException oauth2
					&& !"authorization_request_not_resolved".equals(oauth2.getError().getErrorCode())) {
				return oauth2.getError();
			}
		}
		return (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error("authentication_failed");
	}

	// Error codes can come from the callback's error= parameter, so from anyone. Real ones are
	// short words (RFC 6749 section 4.1.2.1): keep that shape, so that nothing else reaches the
	// log line or the JSON answer.
	private static String printable(String code) {
		String word = code.replaceAll("[^A-Za-z0-9_.-]", "");
		return word.isEmpty() ? "invalid_error_code" : word.substring(0, Math.min(word.length(), 64));
	}

}
