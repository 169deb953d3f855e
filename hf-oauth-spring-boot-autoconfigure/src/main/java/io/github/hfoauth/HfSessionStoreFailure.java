package io.github.hfoauth;

import java.util.Set;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * A failure of the shared session store (Spring Session's Redis, JDBC...) while a request's
 * session was read or written, and what the request answers, decided once for servlet and
 * WebFlux apps alike: while the store is down, a 503 page in plain words or JSON for API
 * clients ({@value #ERROR_CODE}), never a stack trace or the store's address; a session the
 * store holds but the app cannot read is forgotten and the user continues signed out. One WARN
 * log line per request names the failure. The servlet and WebFlux filters only write the answer.
 */
final class HfSessionStoreFailure {

	/** The {@code error} of the JSON answer. */
	static final String ERROR_CODE = "session_store_unavailable";

	static final String MESSAGE = "Sign-in is unavailable for a moment: the app cannot reach the store that "
			+ "keeps sign-ins. Please try again in a moment.";

	private static final Log logger = LogFactory.getLog(HfSessionStoreFailure.class);

	// What Spring Data Redis and Spring Session JDBC throw for bytes they cannot turn into a session.
	private static final Set<String> UNREADABLE = Set.of("org.springframework.data.redis.serializer.SerializationException",
			"org.springframework.core.serializer.support.SerializationFailedException");

	private static final Set<String> UNAVAILABLE = Set.of("org.springframework.dao.DataAccessException",
			"io.lettuce.core.RedisException");

	private final Throwable cause;

	private final boolean unreadable;

	private HfSessionStoreFailure(Throwable cause, boolean unreadable) {
		this.cause = cause;
		this.unreadable = unreadable;
	}

	/**
	 * The store's failure behind an exception, if it is one.
	 * @param exception what the request failed with
	 * @param fromTheStore whether a cause was raised while the session store read or wrote the
	 * session (the application's own data access keeps its own error handling)
	 * @return the failure, or {@code null} when the exception is not the session store's
	 */
	static @Nullable HfSessionStoreFailure of(Throwable exception, Predicate<Throwable> fromTheStore) {
		HfSessionStoreFailure unreadable = firstCause(exception,
				(cause) -> UNREADABLE.contains(cause.getClass().getName()) && fromTheStore.test(cause), true);
		return (unreadable != null) ? unreadable
				: firstCause(exception, (cause) -> unavailable(cause) && fromTheStore.test(cause), false);
	}

	// Spring's translation of the store's errors; on WebFlux, Lettuce's command timeouts reach
	// the application untranslated.
	private static boolean unavailable(Throwable cause) {
		for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
			if (UNAVAILABLE.contains(type.getName())) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable HfSessionStoreFailure firstCause(Throwable exception, Predicate<Throwable> kind,
			boolean unreadable) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (kind.test(cause)) {
				return new HfSessionStoreFailure(cause, unreadable);
			}
		}
		return null;
	}

	/**
	 * Whether the store answered with a session the app cannot read (written by a version whose
	 * classes changed incompatibly, or with another serialization). The writer then makes the
	 * browser forget it before {@linkplain #answer answering}.
	 * @return {@code true} for an unreadable session, {@code false} for a store that is down
	 */
	boolean unreadable() {
		return this.unreadable;
	}

	/**
	 * Decides the answer, and logs it.
	 * @param method the request's method
	 * @param accept the request's {@code Accept} header, or {@code null}
	 * @param contextPath the application's context path
	 * @param path the request's path as it was sent (context path included, not decoded)
	 * @param query the request's query as it was sent, or {@code null}
	 * @param forgotten whether the browser was told to drop its session cookie
	 * @return the answer
	 */
	Answer answer(String method, @Nullable String accept, String contextPath, String path, @Nullable String query,
			boolean forgotten) {
		String home = "<a href=\"" + HtmlUtils.htmlEscape(contextPath + "/") + "\">Home</a>";
		if (this.unreadable) {
			logger.warn("Forgot a session the app cannot read (" + this.cause.getClass().getSimpleName()
					+ "); the user continues signed out");
			// Asked again only once the browser was told to forget the session's cookie: otherwise
			// it would come back with the same session (an id in a header, say) and loop.
			if (forgotten && ("GET".equals(method) || "HEAD".equals(method))) {
				// One leading slash: "//host" would be another site.
				return new Answer(HttpStatus.FOUND, path.replaceFirst("^/+", "/") + ((query != null) ? "?" + query : ""),
						null, MediaType.TEXT_PLAIN, "");
			}
			// A form or an API call cannot be replayed: its sender tries again, now signed out.
			return Answer.of(accept, "0", "Try again",
					"Your session could not be read, so you were signed out. Please try again.", "<p>" + home + "</p>");
		}
		// The type and message name the store and what failed (connection refused, timeout);
		// a stack trace per request would flood the log while the store is down.
		logger.warn("The session store failed, answered " + LogText.clean(method) + " with 503: "
				+ this.cause.getClass().getSimpleName() + ": "
				+ LogText.clean(String.valueOf(NestedExceptionUtils.getMostSpecificCause(this.cause).getMessage())));
		return Answer.of(accept, "5", "Try again in a moment", MESSAGE,
				"<p><a href=\"\">Try again</a> &middot; " + home + "</p>");
	}

	/**
	 * What to answer.
	 *
	 * @param status the status
	 * @param location where to send the browser (the page it asked for, again), or {@code null}
	 * to answer with the body
	 * @param retryAfter the {@code Retry-After} header, in seconds, or {@code null}
	 * @param contentType the body's media type
	 * @param body the body
	 */
	record Answer(HttpStatus status, @Nullable String location, @Nullable String retryAfter, MediaType contentType,
			String body) {

		// A page for browsers, JSON for API clients, as for failed sign-ins.
		private static Answer of(@Nullable String accept, String retryAfter, String title, String message,
				String nextSteps) {
			return HfErrorAnswer.wantsJson(accept)
					? new Answer(HttpStatus.SERVICE_UNAVAILABLE, null, retryAfter, MediaType.APPLICATION_JSON,
							HfErrorAnswer.json(ERROR_CODE, message))
					: new Answer(HttpStatus.SERVICE_UNAVAILABLE, null, retryAfter, MediaType.TEXT_HTML,
							HfErrorAnswer.page(title, message, nextSteps));
		}

	}

}
