package io.github.hfoauth;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebSession;

/**
 * The exchange as the filters and handlers behind {@link HfServerSessionStoreFailureFilter}
 * see it: the same, except that it notes the errors of the session store, so that only those
 * get the store-down answer, and that it saves the session just before the response is
 * written rather than as it commits. WebFlux reads the session when someone first asks for
 * it and saves it when the response commits, and a reactive error carries no trace of where it
 * came from: the session and the commit are the places to watch.
 */
final class SessionStoreWatchingExchange extends ServerWebExchangeDecorator {

	private final Set<Throwable> storeFailures = ConcurrentHashMap.newKeySet();

	private final Mono<WebSession> session;

	private final ServerHttpResponse response;

	private volatile @Nullable WebSession retrieved;

	private volatile boolean committing;

	private SessionStoreWatchingExchange(ServerWebExchange exchange) {
		super(exchange);
		this.session = exchange.getSession()
			.doOnError(this::noteStoreFailure)
			.<WebSession>map(WatchedSession::new)
			.doOnNext((session) -> this.retrieved = session)
			.cache();
		this.response = new SavingResponse(exchange.getResponse());
	}

	/**
	 * Watches an exchange. Call it before the session is first read: the session is saved by
	 * an action that runs when the response commits, and this one must run before it.
	 * @param exchange the exchange
	 * @return the exchange to pass on
	 */
	static SessionStoreWatchingExchange watch(ServerWebExchange exchange) {
		SessionStoreWatchingExchange watching = new SessionStoreWatchingExchange(exchange);
		exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> watching.committing = true));
		return watching;
	}

	@Override
	public Mono<WebSession> getSession() {
		return this.session;
	}

	@Override
	public ServerHttpResponse getResponse() {
		return this.response;
	}

	/**
	 * Whether committing the response is still to save the session, as Spring's
	 * {@code DefaultWebSessionManager} does for a session that was read, started and not
	 * expired or invalidated.
	 * @return {@code true} when the store will be asked to save the session at commit
	 */
	boolean saveAtCommit() {
		return !this.committing && sessionToSave() != null;
	}

	/**
	 * The response, without the save before writing: for answering once the store failed.
	 * @return the response WebFlux created
	 */
	ServerHttpResponse unwatchedResponse() {
		return getDelegate().getResponse();
	}

	/**
	 * Whether an error, or one of the errors it was raised from, came from the session store:
	 * reading the session, saving it when the response commits (only the store's actions run
	 * then and can fail an uncommitted response), invalidating it, or changing its id.
	 * @param error an error the request failed with, or one of its causes
	 * @return {@code true} for the store's
	 */
	boolean fromTheStore(Throwable error) {
		return this.storeFailures.contains(error) || (this.committing && !getResponse().isCommitted());
	}

	private @Nullable WebSession sessionToSave() {
		WebSession session = this.retrieved;
		return (session != null && session.isStarted() && !session.isExpired()) ? session : null;
	}

	private Mono<Void> saveBeforeWriting() {
		WebSession session = sessionToSave();
		return (session != null) ? session.save() : Mono.empty();
	}

	// Every cause too, so that the failure is recognised however it is wrapped on its way.
	private void noteStoreFailure(Throwable error) {
		Throwable cause = error;
		while (cause != null && this.storeFailures.add(cause)) {
			cause = cause.getCause();
		}
	}

	// On a servlet container WebFlux cannot replace a body it began to write, even when the session's
	// save failed before the commit: so the session is saved before the body is handed over.
	private final class SavingResponse extends ServerHttpResponseDecorator {

		SavingResponse(ServerHttpResponse response) {
			super(response);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return saveBeforeWriting().then(Mono.defer(() -> super.writeWith(body)));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return saveBeforeWriting().then(Mono.defer(() -> super.writeAndFlushWith(body)));
		}

	}

	// The session the application sees: the store's, whose own operations are watched.
	private final class WatchedSession extends DelegatingWebSession {

		WatchedSession(WebSession session) {
			super(session);
		}

		@Override
		public Mono<Void> changeSessionId() {
			return super.changeSessionId().doOnError(SessionStoreWatchingExchange.this::noteStoreFailure);
		}

		@Override
		public Mono<Void> invalidate() {
			return super.invalidate().doOnError(SessionStoreWatchingExchange.this::noteStoreFailure);
		}

		@Override
		public Mono<Void> save() {
			return super.save().doOnError(SessionStoreWatchingExchange.this::noteStoreFailure);
		}

	}

}
