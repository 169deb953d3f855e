package io.github.hfoauth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import io.github.hfoauth.HfSignInEvent;
import io.github.hfoauth.HfTokenExpiry;
import io.github.hfoauth.HfTokenRefreshEvent;
import io.github.hfoauth.LogText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Public only for wiring: the auto-configuration wraps its authorized-client manager in it, so
 * that the token expiry check and {@code HfApiClient} both refresh through it.
 * <p>
 * Makes an {@link OAuth2AuthorizedClientManager} refresh the tokens of a session once, however
 * many of its requests find them expiring at once, on however many instances: Hugging Face
 * rotates refresh tokens, and a second refresh with the same token is refused, which would
 * sign the user out.
 * <p>
 * A request that finds its token expired takes the session's {@link HfRefreshLock}, waiting
 * for it at most {@link HfRefreshTimes#waitForRefresh()}, then reads the session's tokens again (from the
 * shared {@link Store} when sessions are shared: its own copy was read before the other
 * request refreshed). If another request refreshed them, it uses theirs; otherwise it
 * refreshes and writes the new tokens to the store before releasing the lock. When Hugging
 * Face does not answer, or the lock stays taken, it fails with {@code temporarily_unavailable}
 * and this instance tries no refresh for a while. A store that fails under the lock (Redis
 * down) is an outage too: the session is kept, never a 500; a session that ended meanwhile
 * (signed out on another instance) ends here too.
 */
public final class HfOneRefreshPerSession implements OAuth2AuthorizedClientManager, ApplicationEventPublisherAware {

	private static final long POLL_MILLIS = 50;

	private static final Log logger = LogFactory.getLog(HfOneRefreshPerSession.class);

	private final OAuth2AuthorizedClientManager delegate;

	private final OAuth2AuthorizedClientRepository authorizedClients;

	private final HfRefreshLock lock;

	private final @Nullable Store store;

	private final RefreshFailures failures;

	private ApplicationEventPublisher events = (event) -> {
	};

	private final Duration wait;

	private final Clock clock;

	/**
	 * Wraps a manager.
	 * @param delegate the manager that refreshes
	 * @param authorizedClients where the manager keeps the tokens, in the session
	 * @param lock the lock of a session's refresh
	 * @param store where shared sessions are read again, or {@code null} when sessions stay in
	 * this instance
	 * @param retryAfterOutage how long no refresh is tried after Hugging Face did not answer one
	 * @param times how long a refresh may take, and so how long the others wait for it
	 */
	public HfOneRefreshPerSession(OAuth2AuthorizedClientManager delegate,
			OAuth2AuthorizedClientRepository authorizedClients, HfRefreshLock lock, @Nullable Store store,
			Duration retryAfterOutage, HfRefreshTimes times) {
		this(delegate, authorizedClients, lock, store, retryAfterOutage, times, Clock.systemUTC());
	}

	HfOneRefreshPerSession(OAuth2AuthorizedClientManager delegate, OAuth2AuthorizedClientRepository authorizedClients,
			HfRefreshLock lock, @Nullable Store store, Duration retryAfterOutage, HfRefreshTimes times, Clock clock) {
		this.delegate = delegate;
		this.authorizedClients = authorizedClients;
		this.lock = lock;
		this.store = store;
		this.failures = new RefreshFailures(retryAfterOutage, clock);
		this.wait = times.waitForRefresh();
		this.clock = clock;
	}

	/**
	 * Publishes an {@link HfTokenRefreshEvent} for every refresh sent to Hugging Face; the
	 * application context calls this on the bean.
	 * @param events where to publish
	 */
	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public @Nullable OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest authorizeRequest) {
		HttpServletRequest request = attribute(authorizeRequest, HttpServletRequest.class);
		HttpServletResponse response = attribute(authorizeRequest, HttpServletResponse.class);
		HttpSession session = (request != null) ? request.getSession(false) : null;
		if (request == null || response == null || session == null) {
			return this.delegate.authorize(authorizeRequest);
		}
		String registrationId = authorizeRequest.getClientRegistrationId();
		Authentication principal = authorizeRequest.getPrincipal();
		OAuth2AuthorizedClient current = (authorizeRequest.getAuthorizedClient() != null)
				? authorizeRequest.getAuthorizedClient()
				: this.authorizedClients.loadAuthorizedClient(registrationId, principal, request);
		if (current == null || current.getRefreshToken() == null
				|| !HfTokenExpiry.hasExpired(current.getAccessToken(), now())) {
			return this.delegate.authorize(authorizeRequest);
		}
		if (this.failures.isQuiet()) {
			throw RefreshFailures.unavailable(registrationId, "Hugging Face failed a refresh a moment ago", null);
		}
		String owner = UUID.randomUUID().toString();
		boolean taken;
		try {
			taken = acquire(session.getId(), owner);
		}
		catch (RuntimeException ex) {
			throw storeFailed(registrationId, principal, "take the refresh lock", ex);
		}
		if (!taken) {
			logger.info("Did not refresh the Hugging Face token of " + LogText.clean(principal.getName()) + ": another request of the "
					+ "session held the refresh for " + this.wait.toSeconds() + " s");
			throw RefreshFailures.unavailable(registrationId, "Another request of this session is refreshing", null);
		}
		try {
			return refreshOnce(authorizeRequest, request, response, session.getId());
		}
		finally {
			release(session.getId(), owner);
		}
	}

	// A release that fails must not replace the refresh's outcome: the lock expires by itself.
	private void release(String sessionId, String owner) {
		try {
			this.lock.unlock(sessionId, owner);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release the refresh lock of a session (" + ex.getClass().getSimpleName()
					+ "); it expires by itself");
		}
	}

	// The store is not Hugging Face: the session is kept, as in an outage, and tried again later.
	private static RuntimeException storeFailed(String registrationId, Authentication principal, String what,
			RuntimeException ex) {
		logger.warn("Could not " + what + " for the Hugging Face token of " + LogText.clean(principal.getName())
				+ ": the session store failed (" + ex.getClass().getSimpleName() + ")");
		return RefreshFailures.unavailable(registrationId, "The session store failed", ex);
	}

	// Spring Session refuses to write a session deleted meanwhile (signed out elsewhere).
	private static boolean sessionEnded(RuntimeException ex) {
		return ex instanceof IllegalStateException && "Session was invalidated".equals(ex.getMessage());
	}

	private OAuth2AuthorizedClient refreshOnce(OAuth2AuthorizeRequest authorizeRequest, HttpServletRequest request,
			HttpServletResponse response, String sessionId) {
		String registrationId = authorizeRequest.getClientRegistrationId();
		Authentication principal = authorizeRequest.getPrincipal();
		if (this.failures.isQuiet()) {
			throw RefreshFailures.unavailable(registrationId, "Hugging Face failed a refresh a moment ago", null);
		}
		// In this instance's memory the session is the one object every request sees; in a
		// shared store, this request's copy was read before another one may have refreshed.
		HttpSession stored;
		try {
			stored = (this.store != null) ? this.store.read(sessionId) : null;
		}
		catch (RuntimeException ex) {
			throw storeFailed(registrationId, principal, "read the session", ex);
		}
		HttpServletRequest latestRequest = (this.store == null) ? request
				: (stored != null) ? new InSession(request, stored) : null;
		OAuth2AuthorizedClient latest = (latestRequest != null)
				? this.authorizedClients.loadAuthorizedClient(registrationId, principal, latestRequest) : null;
		switch (RefreshPlan.of(latest, now())) {
			case SESSION_ENDED -> {
				this.authorizedClients.removeAuthorizedClient(registrationId, principal, request, response);
				throw RefreshFailures.refusedElsewhere(registrationId);
			}
			case USE_LATEST -> {
				if (this.store != null) {
					this.authorizedClients.saveAuthorizedClient(latest, principal, request, response);
				}
				return latest;
			}
			default -> {
				return refresh(authorizeRequest, latest, request, response, stored);
			}
		}
	}

	private OAuth2AuthorizedClient refresh(OAuth2AuthorizeRequest authorizeRequest, OAuth2AuthorizedClient latest,
			HttpServletRequest request, HttpServletResponse response, @Nullable HttpSession stored) {
		String registrationId = authorizeRequest.getClientRegistrationId();
		Authentication principal = authorizeRequest.getPrincipal();
		OAuth2AuthorizedClient refreshed;
		try {
			refreshed = this.delegate.authorize(OAuth2AuthorizeRequest.withAuthorizedClient(latest)
				.principal(principal)
				.attributes((attributes) -> attributes.putAll(authorizeRequest.getAttributes()))
				.build());
		}
		catch (RuntimeException ex) {
			this.events.publishEvent(new HfTokenRefreshEvent(false, RefreshFailures.reason(ex)));
			if (RefreshFailures.isOutage(ex)) {
				this.failures.outage(principal.getName(), ex, logger);
				throw RefreshFailures.unavailable(registrationId, "Hugging Face did not answer the refresh", ex);
			}
			// Refused: the waiting requests must not spend the dead refresh token again.
			if (stored != null) {
				this.authorizedClients.removeAuthorizedClient(registrationId, principal, new InSession(request, stored),
						response);
				write(stored, registrationId, principal);
			}
			throw ex;
		}
		this.failures.answered();
		this.events.publishEvent(new HfTokenRefreshEvent(true, HfSignInEvent.SUCCESS_REASON));
		if (refreshed != null && stored != null) {
			// Spring Session writes at the end of the request: too late for those waiting.
			this.authorizedClients.saveAuthorizedClient(refreshed, principal, new InSession(request, stored), response);
			write(stored, registrationId, principal);
		}
		return refreshed;
	}

	// After a refresh, a failed write must not lose the new tokens: this request's own session
	// holds them too, and Spring Session writes it at the end of the request.
	private void write(HttpSession stored, String registrationId, Authentication principal) {
		try {
			this.store.write(stored);
		}
		catch (RuntimeException ex) {
			if (sessionEnded(ex)) {
				throw RefreshFailures.refusedElsewhere(registrationId);
			}
			logger.warn("Could not write the refreshed Hugging Face token of " + LogText.clean(principal.getName())
					+ " for the session's other requests: the session store failed (" + ex.getClass().getSimpleName()
					+ ")");
		}
	}

	private boolean acquire(String sessionId, String owner) {
		Instant deadline = now().plus(this.wait);
		while (!this.lock.tryLock(sessionId, owner)) {
			if (!now().isBefore(deadline)) {
				return false;
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	private Instant now() {
		return this.clock.instant();
	}

	// As Spring Security's managers find them: in the request, else in the current request.
	private static <T> @Nullable T attribute(OAuth2AuthorizeRequest authorizeRequest, Class<T> type) {
		T value = authorizeRequest.getAttribute(type.getName());
		if (value != null) {
			return value;
		}
		RequestAttributes current = RequestContextHolder.getRequestAttributes();
		if (current instanceof ServletRequestAttributes servlet) {
			Object candidate = (type == HttpServletRequest.class) ? servlet.getRequest() : servlet.getResponse();
			return type.isInstance(candidate) ? type.cast(candidate) : null;
		}
		return null;
	}

	/**
	 * Where shared sessions live: read again under the lock, written before it is released.
	 * {@link HfSpringSessionStore} adapts Spring Session's repository.
	 */
	public interface Store {

		/**
		 * Reads a session as the store holds it now.
		 * @param sessionId the session
		 * @return the session, or {@code null} if it is gone
		 */
		@Nullable HttpSession read(String sessionId);

		/**
		 * Writes what changed in a session read with {@link #read}.
		 * @param session the session
		 */
		void write(HttpSession session);

	}

	// The request as the repository sees it, with the store's copy of the session.
	private static final class InSession extends HttpServletRequestWrapper {

		private final HttpSession session;

		InSession(HttpServletRequest request, HttpSession session) {
			super(request);
			this.session = session;
		}

		@Override
		public HttpSession getSession(boolean create) {
			return this.session;
		}

		@Override
		public HttpSession getSession() {
			return this.session;
		}

	}

}
