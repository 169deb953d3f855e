package io.github.hfoauth;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Public only for wiring: the reactive session auto-configuration registers it in front of
 * Spring Session's web filter.
 * <p>
 * Answers a WebFlux request whose session could not be read or written because the shared
 * session store (Spring Session's reactive Redis...) is down: the twin of
 * {@link HfSessionStoreFailureFilter}, with the same answer, a 503 page that says so in plain
 * words or JSON for API clients ({@value HfSessionStoreFailureFilter#ERROR_CODE}), instead of a
 * 500 or a cut connection. Only failures of the session store get this answer (a
 * {@link DataAccessException} raised reading the session, saving it, invalidating it or
 * changing its id); the application's own data access keeps its own error handling. Once the
 * store is back, users sign in again.
 * <p>
 * A session the store holds but the app cannot read is forgotten: the browser drops its
 * session cookie and continues signed out, a page it asked for is asked for again.
 * <p>
 * The outermost filter: WebFlux reads the session when a filter first asks for it, and saves
 * it when the response commits, which this filter makes happen before it returns, so that a
 * failed save is answered too.
 */
public final class HfServerSessionStoreFailureFilter implements WebFilter, Ordered {

	private final Consumer<ServerWebExchange> forgetSession;

	/**
	 * Creates the filter.
	 * @param forgetSession makes the browser drop its session, e.g. by expiring WebFlux's
	 * session cookie through the application's {@code WebSessionIdResolver}
	 */
	public HfServerSessionStoreFailureFilter(Consumer<ServerWebExchange> forgetSession) {
		this.forgetSession = forgetSession;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		SessionStoreWatchingExchange watched = SessionStoreWatchingExchange.watch(exchange);
		return chain.filter(watched)
			// Committed here rather than after the filters: the session is saved at commit, and
			// a failed save must come back through this filter.
			.then(Mono.defer(() -> watched.getResponse().setComplete()))
			.onErrorResume((ex) -> answer(watched, ex));
	}

	private Mono<Void> answer(SessionStoreWatchingExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.unwatchedResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		HfSessionStoreFailure failure = HfSessionStoreFailure.of(ex, exchange::fromTheStore);
		if (failure == null) {
			return Mono.error(ex);
		}
		// Drops what the failed request had set: a redirect, a new session cookie.
		response.getHeaders().clear();
		response.getCookies().clear();
		if (failure.unreadable()) {
			this.forgetSession.accept(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		HfSessionStoreFailure.Answer answer = failure.answer(request.getMethod().name(),
				request.getHeaders().getFirst(HttpHeaders.ACCEPT), request.getPath().contextPath().value(),
				request.getPath().value(), request.getURI().getRawQuery(), !response.getCookies().isEmpty());
		return write(response, answer, exchange.saveAtCommit());
	}

	private static Mono<Void> write(ServerHttpResponse response, HfSessionStoreFailure.Answer answer,
			boolean saveAtCommit) {
		response.setStatusCode(answer.status());
		HttpHeaders headers = response.getHeaders();
		headers.setCacheControl("no-store");
		if (answer.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, answer.retryAfter());
		}
		if (answer.location() != null) {
			// As sent: the path and query the browser asked for, not parsed again.
			headers.set(HttpHeaders.LOCATION, answer.location());
		}
		// The session's save at commit would fail again, and on a servlet container a body
		// handed over before such a failure is lost: commit without a body first. Once an action
		// at commit has failed, Spring skips them (and drops the content headers) and the answer
		// is written.
		Mono<Void> saved = saveAtCommit ? response.setComplete().onErrorComplete() : Mono.empty();
		return saved.then(Mono.defer(() -> {
			if (answer.location() != null) {
				return response.setComplete();
			}
			headers.setContentType(new MediaType(answer.contentType(), StandardCharsets.UTF_8));
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
		}));
	}

	// First of all filters: the session must be watched before anyone reads it.
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
