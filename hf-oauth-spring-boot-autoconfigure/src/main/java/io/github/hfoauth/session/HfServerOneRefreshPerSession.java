package io.github.hfoauth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.github.hfoauth.HfSignInEvent;
import io.github.hfoauth.HfTokenExpiry;
import io.github.hfoauth.HfTokenRefreshEvent;
import io.github.hfoauth.LogText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebSession;

/**
 * Public only for wiring: the reactive auto-configuration wraps its authorized-client manager
 * in it, so that the token expiry check and {@code HfReactiveApiClient} both refresh through
 * it.
 * <p>
 * The WebFlux twin of {@link HfOneRefreshPerSession}: the tokens of a session are refreshed
 * once, however many of its requests find them expiring at once, on however many instances;
 * waiting for another request's refresh never blocks a thread.
 * <p>
 * A refresh, once started, runs to its end even if the client goes away: Hugging Face spends
 * the old refresh token at once, and only the written result keeps the session alive. A store
 * that fails under the lock is an outage (session kept), never a 500.
 */
public final class HfServerOneRefreshPerSession implements ReactiveOAuth2AuthorizedClientManager, ApplicationEventPublisherAware {

	private static final Duration POLL = Duration.ofMillis(50);

	private static final Log logger = LogFactory.getLog(HfServerOneRefreshPerSession.class);

	private final ReactiveOAuth2AuthorizedClientManager delegate;

	private final ServerOAuth2AuthorizedClientRepository authorizedClients;

	private final HfReactiveRefreshLock lock;

	private final @Nullable Store store;

	private final RefreshFailures failures;

	private ApplicationEventPublisher events = (event) -> {
	};

	private final Duration wait;

	private final Clock clock;

	/**
	 * Wraps a manager.
	 * @param delegate the manager that refreshes
	 * @param authorizedClients where the manager keeps the tokens, in the web session
	 * @param lock the lock of a session's refresh
	 * @param store where shared sessions are read again, or {@code null} when sessions stay in
	 * this instance
	 * @param retryAfterOutage how long no refresh is tried after Hugging Face did not answer one
	 * @param times how long a refresh may take, and so how long the others wait for it
	 */
	public HfServerOneRefreshPerSession(ReactiveOAuth2AuthorizedClientManager delegate,
			ServerOAuth2AuthorizedClientRepository authorizedClients, HfReactiveRefreshLock lock, @Nullable Store store,
			Duration retryAfterOutage, HfRefreshTimes times) {
		this(delegate, authorizedClients, lock, store, retryAfterOutage, times, Clock.systemUTC());
	}

	HfServerOneRefreshPerSession(ReactiveOAuth2AuthorizedClientManager delegate,
			ServerOAuth2AuthorizedClientRepository authorizedClients, HfReactiveRefreshLock lock, @Nullable Store store,
			Duration retryAfterOutage, HfRefreshTimes times, Clock clock) {
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
	public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizeRequest authorizeRequest) {
		return exchange(authorizeRequest).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((exchange) -> exchange.isPresent() ? inSession(authorizeRequest, exchange.get())
					: this.delegate.authorize(authorizeRequest));
	}

	private Mono<OAuth2AuthorizedClient> inSession(OAuth2AuthorizeRequest authorizeRequest, ServerWebExchange exchange) {
		return exchange.getSession()
			.flatMap((session) -> current(authorizeRequest, exchange, session).map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((current) -> needsRefresh(current.orElse(null))
						? oneAtATime(authorizeRequest, exchange, session.getId())
						: this.delegate.authorize(authorizeRequest)));
	}

	private Mono<OAuth2AuthorizedClient> current(OAuth2AuthorizeRequest authorizeRequest, ServerWebExchange exchange,
			WebSession session) {
		if (authorizeRequest.getAuthorizedClient() != null) {
			return Mono.just(authorizeRequest.getAuthorizedClient());
		}
		return session.isStarted() ? this.authorizedClients.loadAuthorizedClient(
				authorizeRequest.getClientRegistrationId(), authorizeRequest.getPrincipal(), exchange) : Mono.empty();
	}

	private boolean needsRefresh(@Nullable OAuth2AuthorizedClient current) {
		return current != null && current.getRefreshToken() != null
				&& HfTokenExpiry.hasExpired(current.getAccessToken(), now());
	}

	private Mono<OAuth2AuthorizedClient> oneAtATime(OAuth2AuthorizeRequest authorizeRequest, ServerWebExchange exchange,
			String sessionId) {
		String registrationId = authorizeRequest.getClientRegistrationId();
		if (this.failures.isQuiet()) {
			return Mono.error(RefreshFailures.unavailable(registrationId, "Hugging Face failed a refresh a moment ago",
					null));
		}
		String owner = UUID.randomUUID().toString();
		Authentication principal = authorizeRequest.getPrincipal();
		Mono<Boolean> acquired = acquire(sessionId, owner, now().plus(this.wait))
			.onErrorMap(RuntimeException.class, (ex) -> storeFailed(registrationId, principal, "take the refresh lock", ex));
		Mono<OAuth2AuthorizedClient> refresh = Mono.usingWhen(acquired, (taken) -> {
			if (!taken) {
				logger.info("Did not refresh the Hugging Face token of " + LogText.clean(authorizeRequest.getPrincipal().getName())
						+ ": another request of the session held the refresh for " + this.wait.toSeconds() + " s");
				return Mono.error(RefreshFailures.unavailable(registrationId,
						"Another request of this session is refreshing", null));
			}
			if (this.failures.isQuiet()) {
				return Mono.error(RefreshFailures.unavailable(registrationId,
						"Hugging Face failed a refresh a moment ago", null));
			}
			return refreshOnce(authorizeRequest, exchange, sessionId);
		}, (taken) -> taken ? release(sessionId, owner) : Mono.empty());
		// Detached from the client's cancellation: a refresh cut off after Hugging Face rotated
		// the token would leave the session a dead one; the lock is released only at its end.
		return Mono.deferContextual((context) -> Mono.fromFuture(refresh.contextWrite(context).toFuture(), true));
	}

	// A release that fails must not replace the refresh's outcome: the lock expires by itself.
	private Mono<Void> release(String sessionId, String owner) {
		return this.lock.unlock(sessionId, owner).onErrorResume((ex) -> {
			logger.warn("Could not release the refresh lock of a session (" + ex.getClass().getSimpleName()
					+ "); it expires by itself");
			return Mono.empty();
		});
	}

	// The store is not Hugging Face: the session is kept, as in an outage, and tried again later.
	private static RuntimeException storeFailed(String registrationId, Authentication principal, String what,
			Throwable ex) {
		logger.warn("Could not " + what + " for the Hugging Face token of " + LogText.clean(principal.getName())
				+ ": the session store failed (" + ex.getClass().getSimpleName() + ")");
		return RefreshFailures.unavailable(registrationId, "The session store failed", ex);
	}

	// Spring Session refuses to write a session deleted meanwhile (signed out elsewhere).
	private static boolean sessionEnded(Throwable ex) {
		return ex instanceof IllegalStateException && "Session was invalidated".equals(ex.getMessage());
	}

	// After a refresh, a failed write must not lose the new tokens: this exchange's own session
	// holds them too, and Spring Session writes it at the end of the request.
	private static Mono<Void> write(WebSession stored, String registrationId, Authentication principal) {
		return stored.save().onErrorResume((ex) -> {
			if (sessionEnded(ex)) {
				return Mono.error(RefreshFailures.refusedElsewhere(registrationId));
			}
			logger.warn("Could not write the refreshed Hugging Face token of " + LogText.clean(principal.getName())
					+ " for the session's other requests: the session store failed (" + ex.getClass().getSimpleName()
					+ ")");
			return Mono.empty();
		});
	}

	// Tries again every POLL until the deadline, without holding a thread in between.
	private Mono<Boolean> acquire(String sessionId, String owner, Instant deadline) {
		return this.lock.tryLock(sessionId, owner)
			.flatMap((taken) -> (taken || !now().isBefore(deadline)) ? Mono.just(taken)
					: Mono.delay(POLL).then(Mono.defer(() -> acquire(sessionId, owner, deadline))));
	}

	private Mono<OAuth2AuthorizedClient> refreshOnce(OAuth2AuthorizeRequest authorizeRequest,
			ServerWebExchange exchange, String sessionId) {
		// In this instance's memory the session is the one object every request sees; in a
		// shared store, this request's copy was read before another one may have refreshed.
		Mono<Optional<WebSession>> stored = (this.store != null)
				? this.store.read(sessionId)
					.map(Optional::of)
					.defaultIfEmpty(Optional.empty())
					.onErrorMap((ex) -> storeFailed(authorizeRequest.getClientRegistrationId(),
							authorizeRequest.getPrincipal(), "read the session", ex))
				: Mono.just(Optional.empty());
		return stored.flatMap((storedSession) -> {
			ServerWebExchange latestExchange = (this.store == null) ? exchange
					: storedSession.<ServerWebExchange>map((session) -> new InSession(exchange, session)).orElse(null);
			Mono<OAuth2AuthorizedClient> latest = (latestExchange != null)
					? this.authorizedClients.loadAuthorizedClient(authorizeRequest.getClientRegistrationId(),
							authorizeRequest.getPrincipal(), latestExchange)
					: Mono.empty();
			return latest.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((client) -> planned(authorizeRequest, exchange, client.orElse(null), storedSession.orElse(null)));
		});
	}

	private Mono<OAuth2AuthorizedClient> planned(OAuth2AuthorizeRequest authorizeRequest, ServerWebExchange exchange,
			@Nullable OAuth2AuthorizedClient latest, @Nullable WebSession stored) {
		String registrationId = authorizeRequest.getClientRegistrationId();
		Authentication principal = authorizeRequest.getPrincipal();
		return switch (RefreshPlan.of(latest, now())) {
			case SESSION_ENDED -> this.authorizedClients.removeAuthorizedClient(registrationId, principal, exchange)
				.then(Mono.error(RefreshFailures.refusedElsewhere(registrationId)));
			case USE_LATEST -> ((this.store != null)
					? this.authorizedClients.saveAuthorizedClient(latest, principal, exchange) : Mono.<Void>empty())
				.thenReturn(latest);
			case REFRESH -> refresh(authorizeRequest, exchange, latest, stored);
		};
	}

	private Mono<OAuth2AuthorizedClient> refresh(OAuth2AuthorizeRequest authorizeRequest, ServerWebExchange exchange,
			OAuth2AuthorizedClient latest, @Nullable WebSession stored) {
		String registrationId = authorizeRequest.getClientRegistrationId();
		Authentication principal = authorizeRequest.getPrincipal();
		return this.delegate
			.authorize(OAuth2AuthorizeRequest.withAuthorizedClient(latest)
				.principal(principal)
				.attributes((attributes) -> {
					attributes.putAll(authorizeRequest.getAttributes());
					attributes.put(ServerWebExchange.class.getName(), exchange);
				})
				.build())
			.onErrorResume((ex) -> {
				this.events.publishEvent(new HfTokenRefreshEvent(false, RefreshFailures.reason(ex)));
				if (RefreshFailures.isOutage(ex)) {
					this.failures.outage(principal.getName(), ex, logger);
					return Mono.error(RefreshFailures.unavailable(registrationId, "Hugging Face did not answer the refresh",
							ex));
				}
				// Refused: the waiting requests must not spend the dead refresh token again.
				Mono<Void> forget = (stored != null) ? this.authorizedClients
					.removeAuthorizedClient(registrationId, principal, new InSession(exchange, stored))
					.then(write(stored, registrationId, principal)) : Mono.empty();
				return forget.then(Mono.error(ex));
			})
			.flatMap((refreshed) -> {
				this.failures.answered();
				this.events.publishEvent(new HfTokenRefreshEvent(true, HfSignInEvent.SUCCESS_REASON));
				// Spring Session writes at the end of the request: too late for those waiting.
				Mono<Void> written = (stored != null) ? this.authorizedClients
					.saveAuthorizedClient(refreshed, principal, new InSession(exchange, stored))
					.then(write(stored, registrationId, principal)) : Mono.empty();
				return written.thenReturn(refreshed);
			});
	}

	private Instant now() {
		return this.clock.instant();
	}

	// As Spring Security's managers find it: in the request, else in the Reactor context.
	private static Mono<ServerWebExchange> exchange(OAuth2AuthorizeRequest authorizeRequest) {
		ServerWebExchange exchange = authorizeRequest.getAttribute(ServerWebExchange.class.getName());
		return (exchange != null) ? Mono.just(exchange)
				: Mono.deferContextual((context) -> Mono.justOrEmpty(context.getOrEmpty(ServerWebExchange.class)));
	}

	/**
	 * Where shared web sessions live: read again under the lock; {@link WebSession#save()}
	 * writes them before it is released. {@link HfSpringSessionWebStore} adapts Spring
	 * Session's reactive repositories.
	 */
	public interface Store {

		/**
		 * Reads a session as the store holds it now.
		 * @param sessionId the session
		 * @return the session, or empty if it is gone
		 */
		Mono<WebSession> read(String sessionId);

	}

	// The exchange as the repository sees it, with the store's copy of the session.
	private static final class InSession extends ServerWebExchangeDecorator {

		private final WebSession session;

		InSession(ServerWebExchange exchange, WebSession session) {
			super(exchange);
			this.session = session;
		}

		@Override
		public Mono<WebSession> getSession() {
			return Mono.just(this.session);
		}

	}

}
