package io.github.hfoauth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers a request whose session could not be read or written because the shared session
 * store (Spring Session's Redis, JDBC...) is down: a 503 page that says so in plain words,
 * or JSON for API clients, instead of a 500 with a stack trace. Sits in front of Spring
 * Session's filter. Only failures of the session store get this answer (a
 * {@link DataAccessException} thrown through Spring Session); the application's own data
 * access keeps its own error handling. Once the store is back, users sign in again.
 */
public final class HfSessionStoreFailureFilter extends OncePerRequestFilter {

	/** The {@code error} of the JSON answer. */
	public static final String ERROR_CODE = "session_store_unavailable";

	static final String MESSAGE = "Sign-in is unavailable for a moment: the app cannot reach the store that "
			+ "keeps sign-ins. Please try again in a moment.";

	private static final Log logger = LogFactory.getLog(HfSessionStoreFailureFilter.class);

	private static final String SPRING_SESSION_PACKAGE = "org.springframework.session.";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			DataAccessException failure = sessionStoreFailure(ex);
			if (failure == null || response.isCommitted()) {
				throw ex;
			}
			// The type and message name the store and what failed (connection refused, timeout);
			// a stack trace per request would flood the log while the store is down.
			logger.warn("The session store failed, answered " + request.getMethod() + " with 503: "
					+ failure.getClass().getSimpleName() + ": " + failure.getMostSpecificCause().getMessage());
			answer(request, response);
		}
	}

	// A DataAccessException raised while Spring Session read or wrote the session.
	private static @Nullable DataAccessException sessionStoreFailure(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessException dataAccess && thrownThroughSpringSession(dataAccess)) {
				return dataAccess;
			}
		}
		return null;
	}

	private static boolean thrownThroughSpringSession(Throwable exception) {
		for (StackTraceElement frame : exception.getStackTrace()) {
			if (frame.getClassName().startsWith(SPRING_SESSION_PACKAGE)) {
				return true;
			}
		}
		return false;
	}

	private static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// Drops what the failed request had set, a new session cookie included.
		response.reset();
		response.setHeader("Retry-After", "5");
		HfErrorAnswer.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, ERROR_CODE, "Try again in a moment",
				MESSAGE, "<p><a href=\"\">Try again</a> &middot; <a href=\""
						+ HtmlUtils.htmlEscape(request.getContextPath() + "/") + "\">Home</a></p>");
	}

}
