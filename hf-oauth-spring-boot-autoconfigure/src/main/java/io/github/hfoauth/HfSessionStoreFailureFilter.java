package io.github.hfoauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers a request whose session could not be read or written because the shared session
 * store (Spring Session's Redis, JDBC...) is down: a 503 page that says so in plain words,
 * or JSON for API clients, instead of a 500 with a stack trace. Sits in front of Spring
 * Session's filter. Only failures of the session store get this answer (a
 * {@link DataAccessException} thrown through Spring Session); the application's own data
 * access keeps its own error handling. Once the store is back, users sign in again.
 * <p>
 * A session the store holds but the app cannot read (written by a version whose classes
 * changed incompatibly, or with another serialization, or holding a class outside the
 * allow-list of Java-serialized sessions) is forgotten: the browser drops its
 * session cookie and continues signed out, a page it asked for is asked for again.
 */
public final class HfSessionStoreFailureFilter extends OncePerRequestFilter {

	/** The {@code error} of the JSON answer. */
	public static final String ERROR_CODE = "session_store_unavailable";

	static final String MESSAGE = "Sign-in is unavailable for a moment: the app cannot reach the store that "
			+ "keeps sign-ins. Please try again in a moment.";

	private static final Log logger = LogFactory.getLog(HfSessionStoreFailureFilter.class);

	private static final String SPRING_SESSION_PACKAGE = "org.springframework.session.";

	// What Spring Data Redis and Spring Session JDBC throw for bytes they cannot turn into a session.
	private static final Set<String> UNREADABLE = Set.of("org.springframework.data.redis.serializer.SerializationException",
			"org.springframework.core.serializer.support.SerializationFailedException");

	private final BiConsumer<HttpServletRequest, HttpServletResponse> forgetSession;

	/**
	 * Creates the filter.
	 * @param forgetSession makes the browser drop its session, e.g. by expiring Spring
	 * Session's cookie
	 */
	public HfSessionStoreFailureFilter(BiConsumer<HttpServletRequest, HttpServletResponse> forgetSession) {
		this.forgetSession = forgetSession;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			Throwable unreadable = throughSpringSession(ex, (cause) -> UNREADABLE.contains(cause.getClass().getName()));
			if (unreadable != null) {
				logger.warn("Forgot a session the app cannot read (" + unreadable.getClass().getSimpleName()
						+ "); the user continues signed out");
				forget(request, response);
				return;
			}
			Throwable failure = throughSpringSession(ex, DataAccessException.class::isInstance);
			if (failure == null) {
				throw ex;
			}
			// The type and message name the store and what failed (connection refused, timeout);
			// a stack trace per request would flood the log while the store is down.
			logger.warn("The session store failed, answered " + request.getMethod() + " with 503: "
					+ failure.getClass().getSimpleName() + ": " + ((DataAccessException) failure).getMostSpecificCause().getMessage());
			answer(request, response);
		}
	}

	// The first cause of the kind raised while Spring Session read or wrote the session.
	private static @Nullable Throwable throughSpringSession(Throwable exception, Predicate<Throwable> kind) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (kind.test(cause) && thrownThroughSpringSession(cause)) {
				return cause;
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

	private void forget(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.reset();
		this.forgetSession.accept(request, response);
		// Asked again only once the browser was told to forget the session's cookie: otherwise it
		// would come back with the same session (an id in a header, say) and loop.
		boolean forgotten = !response.getHeaders("Set-Cookie").isEmpty();
		if (forgotten && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
			String query = request.getQueryString();
			// One leading slash: "//host" would be another site.
			String path = request.getRequestURI().replaceFirst("^/+", "/");
			response.sendRedirect(path + ((query != null) ? "?" + query : ""));
			return;
		}
		// A form or an API call cannot be replayed: its sender tries again, now signed out.
		response.setHeader("Retry-After", "0");
		write(request, response, HttpStatus.SERVICE_UNAVAILABLE, ERROR_CODE, "Try again",
				"Your session could not be read, so you were signed out. Please try again.",
				"<p><a href=\"" + HtmlUtils.htmlEscape(request.getContextPath() + "/") + "\">Home</a></p>");
	}

	private static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// Drops what the failed request had set, a new session cookie included.
		response.reset();
		response.setHeader("Retry-After", "5");
		write(request, response, HttpStatus.SERVICE_UNAVAILABLE, ERROR_CODE, "Try again in a moment",
				MESSAGE, "<p><a href=\"\">Try again</a> &middot; <a href=\""
						+ HtmlUtils.htmlEscape(request.getContextPath() + "/") + "\">Home</a></p>");
	}

	// A page for browsers, JSON for API clients, as for failed sign-ins.
	private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String title, String message, String nextSteps) throws IOException {
		response.setStatus(status.value());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		boolean json = HfErrorAnswer.wantsJson(request.getHeader("Accept"));
		response.setContentType(json ? MediaType.APPLICATION_JSON_VALUE : MediaType.TEXT_HTML_VALUE);
		response.getWriter().write(json ? HfErrorAnswer.json(code, message) : HfErrorAnswer.page(title, message, nextSteps));
	}

}
