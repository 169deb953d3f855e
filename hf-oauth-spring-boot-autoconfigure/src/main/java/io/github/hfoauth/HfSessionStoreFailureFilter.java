package io.github.hfoauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Public only for wiring: the session auto-configuration registers it in front of Spring
 * Session's filter.
 * <p>
 * Answers a request whose session could not be read or written because the shared session
 * store (Spring Session's Redis, JDBC...) is down: a 503 page that says so in plain words,
 * or JSON for API clients, instead of a 500 with a stack trace ({@code HfSessionStoreFailure}
 * decides; {@link HfServerSessionStoreFailureFilter} is the WebFlux twin). Sits in front of Spring
 * Session's filter. Only failures of the session store get this answer (a
 * {@link DataAccessException} thrown by Spring Session's repository, as
 * {@link HfSessionRepositoryWatcher} notes them); the application's own data access keeps its
 * own error handling. Once the store is back, users sign in again.
 * <p>
 * A session the store holds but the app cannot read (written by a version whose classes
 * changed incompatibly, or with another serialization, or holding a class outside the
 * allow-list of Java-serialized sessions) is forgotten: the browser drops its
 * session cookie and continues signed out, a page it asked for is asked for again.
 */
public final class HfSessionStoreFailureFilter extends OncePerRequestFilter {

	/** The {@code error} of the JSON answer. */
	public static final String ERROR_CODE = HfSessionStoreFailure.ERROR_CODE;

	private final HfSessionRepositoryWatcher repositories;

	private final BiConsumer<HttpServletRequest, HttpServletResponse> forgetSession;

	/**
	 * Creates the filter.
	 * @param repositories what notes the failures of Spring Session's repository
	 * @param forgetSession makes the browser drop its session, e.g. by expiring Spring
	 * Session's cookie
	 */
	public HfSessionStoreFailureFilter(HfSessionRepositoryWatcher repositories,
			BiConsumer<HttpServletRequest, HttpServletResponse> forgetSession) {
		this.repositories = repositories;
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
			HfSessionStoreFailure failure = HfSessionStoreFailure.of(ex, this.repositories::thrownByTheStore);
			if (failure == null) {
				throw ex;
			}
			// Drops what the failed request had set, a new session cookie included.
			response.reset();
			if (failure.unreadable()) {
				this.forgetSession.accept(request, response);
			}
			boolean forgotten = !response.getHeaders("Set-Cookie").isEmpty();
			write(response, failure.answer(request.getMethod(), request.getHeader("Accept"), request.getContextPath(),
					request.getRequestURI(), request.getQueryString(), forgotten));
		}
	}

	private static void write(HttpServletResponse response, HfSessionStoreFailure.Answer answer) throws IOException {
		if (answer.location() != null) {
			response.sendRedirect(answer.location());
			return;
		}
		response.setStatus(answer.status().value());
		if (answer.retryAfter() != null) {
			response.setHeader("Retry-After", answer.retryAfter());
		}
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(answer.contentType().toString());
		response.getWriter().write(answer.body());
	}

}
