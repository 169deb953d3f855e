package io.github.hfoauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux side of {@link HfFrameSignIn}, the twin of {@link HfFrameSignInFilter}: serves
 * the script, the frame's sign-in page and the blocked-cookie page, keeps the frame's
 * commitment in the pop-up's session, and redeems tickets into the frame's session. It runs
 * after Spring Security's CSRF filter, so that the redeeming POST needs the frame's token.
 */
final class HfServerFrameSignInFilter implements WebFilter {

	private final @Nullable HfSpace space;

	private final @Nullable Redeeming redeeming;

	/**
	 * Creates the filter.
	 * @param space the Space, for the link to its own tab, or {@code null}
	 * @param redeeming where redeemed tickets go, or {@code null} to serve only the script
	 */
	HfServerFrameSignInFilter(@Nullable HfSpace space, @Nullable Redeeming redeeming) {
		this.space = space;
		this.redeeming = redeeming;
	}

	/**
	 * Where a redeemed ticket's sign-in goes: the frame's session, as a sign-in there would.
	 * @param tickets the tickets the success handler issues
	 * @param contexts the chain's security context repository
	 * @param csrfTokens the chain's CSRF token repository, whose token the sign-in replaces
	 * @param authorizedClients the repository of the users' Hugging Face tokens
	 * @param requestCache the page the frame asked for before signing in
	 * @param sessions the registry of signed-in sessions, if sign-out tells of the others
	 */
	record Redeeming(HfFrameTickets<HfFrameSignIn.SignIn> tickets, ServerSecurityContextRepository contexts,
			ServerCsrfTokenRepository csrfTokens, ServerOAuth2AuthorizedClientRepository authorizedClients,
			ServerRequestCache requestCache, @Nullable ReactiveSessionRegistry sessions) {

		/**
		 * Signs the exchange's session in with a redeemed sign-in, as Spring Security's
		 * {@code AuthenticationWebFilter} does: the context saved through the chain's
		 * repository, whose web session repository changes the session id as it saves
		 * (session fixation protection; a repository that does not, gets it changed here).
		 * WebFlux keeps the CSRF token across a sign-in; this one is replaced as a sign-out's
		 * {@code CsrfServerLogoutHandler} does, so that a token read before the sign-in,
		 * by a page of the signed-out frame, is worth nothing after it.
		 * @param signIn the redeemed sign-in
		 * @param exchange the exchange
		 * @return the page the session asked for before signing in, as a path, if any
		 */
		Mono<Optional<String>> signIn(HfFrameSignIn.SignIn signIn, ServerWebExchange exchange) {
			return exchange.getSession()
				.doOnNext((session) -> session.getAttributes().remove(HfFrameSignIn.HANDED_OVER_ATTRIBUTE))
				.flatMap((session) -> {
					String before = session.getId();
					return this.contexts.save(exchange, new SecurityContextImpl(signIn.authentication()))
						.then(Mono.defer(() -> before.equals(session.getId()) ? session.changeSessionId() : Mono.empty()));
				})
				.then(register(signIn, exchange))
				.then(this.csrfTokens.saveToken(exchange, null))
				.then(this.authorizedClients.saveAuthorizedClient(signIn.client(), signIn.authentication(), exchange))
				.then(this.requestCache.getRedirectUri(exchange)
					.map((saved) -> Optional.ofNullable(samePath(saved, exchange)))
					// The cache parses what it saved, a path no URI allows (a backslash) included.
					.onErrorResume(IllegalArgumentException.class, (ex) -> Mono.just(Optional.empty()))
					.defaultIfEmpty(Optional.empty()));
		}

		/**
		 * Settles a pop-up session that issued a ticket, as
		 * {@link HfFrameSignInFilter.Redeeming#settleHandOver} does.
		 * @param exchange the exchange
		 * @return whether the session was signed out
		 */
		Mono<Boolean> settleHandOver(ServerWebExchange exchange) {
			String fetchDest = exchange.getRequest().getHeaders().getFirst("Sec-Fetch-Dest");
			return exchange.getSession().flatMap((session) -> {
				if (!(session.getAttributes().get(HfFrameSignIn.HANDED_OVER_ATTRIBUTE) instanceof String ticket)
						|| (this.tickets.isWaiting(ticket) && !"document".equals(fetchDest))) {
					return Mono.just(false);
				}
				session.getAttributes().remove(HfFrameSignIn.HANDED_OVER_ATTRIBUTE);
				HfFrameSignIn.SignIn signIn = this.tickets.reclaim(ticket);
				if (signIn != null) {
					return this.authorizedClients.saveAuthorizedClient(signIn.client(), signIn.authentication(), exchange)
						.thenReturn(false);
				}
				// Before the token expiry filter: nothing of the moved sign-in is left to refresh. Ended
				// as a sign-out ends it (no registry counts it), yet this exchange goes on with the
				// session: cleared under a new id, rather than invalidated, so that what it saves next
				// (a sign-in it starts) is kept.
				String before = session.getId();
				session.getAttributes().clear();
				return forget(before).then(session.changeSessionId()).thenReturn(true);
			}).defaultIfEmpty(false);
		}

		private Mono<Void> forget(String sessionId) {
			return (this.sessions != null) ? this.sessions.removeSessionInformation(sessionId).then() : Mono.empty();
		}

		private Mono<Void> register(HfFrameSignIn.SignIn signIn, ServerWebExchange exchange) {
			return (this.sessions != null)
					? HfServerSignOutHandler.register(this.sessions, exchange, signIn.authentication()) : Mono.empty();
		}

	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		HttpMethod method = exchange.getRequest().getMethod();
		boolean get = HttpMethod.GET.equals(method);
		String contextPath = exchange.getRequest().getPath().contextPath().value();
		if (get && path.equals(HfFrameSignIn.SCRIPT_PATH)) {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().setContentType(new MediaType("text", "javascript", StandardCharsets.UTF_8));
			response.getHeaders().setCacheControl("no-cache");
			return response.writeWith(Mono.just(response.bufferFactory().wrap(HfFrameSignIn.script())));
		}
		if (this.redeeming == null) {
			return (get && path.equals(HfFrameSignIn.POP_UP_PATH)) ? popUpPage(exchange, contextPath)
					: chain.filter(exchange);
		}
		if (get && path.equals(HfFrameSignIn.REDEEM_PATH)) {
			return csrfAnswer(exchange);
		}
		if (HttpMethod.POST.equals(method) && path.equals(HfFrameSignIn.REDEEM_PATH)) {
			return redeem(this.redeeming, exchange);
		}
		// Settled first, as on the servlet side: the pop-up's pages start a new sign-in.
		return this.redeeming.settleHandOver(exchange)
			.flatMap((signedOut) -> signedOut
					? dispatch(exchange, chain, get, contextPath)
						.contextWrite(ReactiveSecurityContextHolder.clearContext())
					: dispatch(exchange, chain, get, contextPath));
	}

	private static Mono<Void> csrfAnswer(ServerWebExchange exchange) {
		// Reading the token saves it in the frame's session: the one the POST then needs.
		Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
		// Asked before this answer starts a session: a session that came with the request is
		// started, one made for it is not. The next answer tells whether the frame sent its
		// cookie back (a CSRF token kept in a cookie starts no session itself).
		return exchange.getSession()
			.map((session) -> {
				boolean started = session.isStarted();
				session.start();
				return started;
			})
			.flatMap((session) -> ((csrf != null) ? csrf.map(Optional::of) : Mono.just(Optional.<CsrfToken>empty()))
				.flatMap((token) -> write(exchange, HttpStatus.OK, MediaType.APPLICATION_JSON,
						HfFrameSignIn.csrfJson(token.map(CsrfToken::getHeaderName).orElse("X-CSRF-TOKEN"),
								token.map(CsrfToken::getToken).orElse(null), session))));
	}

	private Mono<Void> dispatch(ServerWebExchange exchange, WebFilterChain chain, boolean get, String contextPath) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (get && path.equals(HfFrameSignIn.POP_UP_PATH)) {
			return popUpPage(exchange, contextPath);
		}
		if (HttpMethod.POST.equals(exchange.getRequest().getMethod()) && path.equals(HfFrameSignIn.POP_UP_PATH)) {
			return keepPostedCommitment(exchange);
		}
		if (get && path.equals(HfFrameSignIn.BLOCKED_PATH)) {
			return write(exchange, HttpStatus.OK, MediaType.TEXT_HTML, HfFrameSignIn.blockedPage(contextPath, this.space));
		}
		if (get && path.equals(HfOAuth2Registration.LOGIN_URL)) {
			if (HfFrameSignIn.isFrame(exchange.getRequest().getHeaders().getFirst("Sec-Fetch-Dest"))) {
				// Never Hugging Face's pages in the frame: a button that opens them in a pop-up.
				return write(exchange, HttpStatus.OK, MediaType.TEXT_HTML,
						HfFrameSignIn.framePage(contextPath, this.space));
			}
			return rememberCommitment(exchange).then(chain.filter(exchange));
		}
		return chain.filter(exchange);
	}

	private static Mono<Void> popUpPage(ServerWebExchange exchange, String contextPath) {
		// The page talks to its opener: an opener policy of the app's must not cut them apart.
		exchange.getResponse().getHeaders().set(HfFrameSignIn.OPENER_POLICY, HfFrameSignIn.OPENER_KEPT);
		return write(exchange, HttpStatus.OK, MediaType.TEXT_HTML, HfFrameSignIn.popUpPage(contextPath));
	}

	// The pop-up's page posts the frame's commitment (it came by postMessage, never in a URL),
	// and goes on to the sign-in this answer names, which alone takes it.
	private static Mono<Void> keepPostedCommitment(ServerWebExchange exchange) {
		if (!HfFrameSignIn.fromOwnPages(exchange.getRequest().getHeaders().getFirst("Sec-Fetch-Site"))) {
			return foreign(exchange);
		}
		String contextPath = exchange.getRequest().getPath().contextPath().value();
		return exchange.getFormData().flatMap((form) -> {
			String commitment = form.getFirst(HfFrameSignIn.COMMITMENT_FIELD);
			// The body only: a commitment never travels in a URL, where logs would keep it.
			if (!exchange.getRequest().getQueryParams().isEmpty() || !HfFrameTickets.isCommitment(commitment)) {
				return write(exchange, HttpStatus.BAD_REQUEST, MediaType.APPLICATION_JSON, HfErrorAnswer.json(
						"invalid_request",
						"Post the commitment in the body, a SHA-256 in base64url: 43 characters, and nothing in the URL."));
			}
			String nonce = HfFrameSignIn.newSecret();
			return exchange.getSession().flatMap((session) -> {
				session.getAttributes().put(HfFrameSignIn.POSTED_START_ATTRIBUTE, nonce);
				session.getAttributes().put(HfFrameSignIn.POSTED_COMMITMENT_ATTRIBUTE, commitment);
				session.getAttributes().remove(HfFrameSignIn.POSTED_RETURN_ATTRIBUTE);
				return write(exchange, HttpStatus.OK, MediaType.APPLICATION_JSON,
						HfFrameSignIn.locationJson(HfFrameSignIn.startPath(contextPath, nonce)));
			});
		});
	}

	// A sibling site (Sec-Fetch-Site: same-site) can plant a cookie-kept CSRF token: only the app's own pages post here.
	private static Mono<Void> foreign(ServerWebExchange exchange) {
		return write(exchange, HttpStatus.FORBIDDEN, MediaType.APPLICATION_JSON,
				HfErrorAnswer.json("cross_origin", "Only this app's own pages may post here."));
	}

	// A sign-in takes the commitment posted for it (the pop-up's, or a custom domain's with the
	// base URL to hand it back to): its nonce is in the sign-in URL. Any other sign-in is a
	// plain one: it drops the commitment of an earlier, abandoned sign-in, and leaves a posted
	// one to the sign-in it was posted for (which a favicon's sign-in may come just before).
	private static Mono<Void> rememberCommitment(ServerWebExchange exchange) {
		String nonce = exchange.getRequest().getQueryParams().getFirst(HfFrameSignIn.START_PARAMETER);
		return exchange.getSession().doOnNext((session) -> {
			Map<String, Object> attributes = session.getAttributes();
			HfFrameSignIn.Start start = HfFrameSignIn.start(attributes.get(HfFrameSignIn.POSTED_START_ATTRIBUTE),
					attributes.get(HfFrameSignIn.POSTED_COMMITMENT_ATTRIBUTE),
					attributes.get(HfFrameSignIn.POSTED_RETURN_ATTRIBUTE), nonce);
			attributes.remove(HfFrameSignIn.COMMITMENT_ATTRIBUTE);
			attributes.remove(HfFrameSignIn.RETURN_ATTRIBUTE);
			if (start == null) {
				return;
			}
			attributes.remove(HfFrameSignIn.POSTED_START_ATTRIBUTE);
			attributes.remove(HfFrameSignIn.POSTED_COMMITMENT_ATTRIBUTE);
			attributes.remove(HfFrameSignIn.POSTED_RETURN_ATTRIBUTE);
			attributes.put(HfFrameSignIn.COMMITMENT_ATTRIBUTE, start.commitment());
			if (start.returnBase() != null) {
				attributes.put(HfFrameSignIn.RETURN_ATTRIBUTE, start.returnBase());
			}
		}).then();
	}

	private static Mono<Void> redeem(Redeeming redeeming, ServerWebExchange exchange) {
		if (!HfFrameSignIn.fromOwnPages(exchange.getRequest().getHeaders().getFirst("Sec-Fetch-Site"))) {
			return foreign(exchange);
		}
		return exchange.getFormData().flatMap((form) -> {
			String ticket = form.getFirst("ticket");
			// Without a ticket: a frame whose pop-up lost its opener asks for the one bound to its secret.
			HfFrameSignIn.SignIn signIn = (ticket != null) ? redeeming.tickets().redeem(ticket, form.getFirst("secret"))
					: redeeming.tickets().redeemBySecret(form.getFirst("secret"));
			if (signIn == null && ticket == null) {
				return write(exchange, HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON, HfFrameSignIn.pendingJson());
			}
			if (signIn == null) {
				return write(exchange, HttpStatus.FORBIDDEN, MediaType.APPLICATION_JSON, HfErrorAnswer.json(
						"invalid_ticket",
						"This sign-in ticket is unknown, used, expired or meant for another window. Sign in again."));
			}
			return redeeming.signIn(signIn, exchange)
				.flatMap((location) -> write(exchange, HttpStatus.OK, MediaType.APPLICATION_JSON,
						HfFrameSignIn.locationJson(location.orElse(null))));
		});
	}

	// The page the frame asked for before signing in, as a path on this app, checked: a path a
	// browser reads as another host is no such page. The cache keeps it within the application,
	// without the context path. It forgets the page when the frame goes there.
	private static @Nullable String samePath(URI saved, ServerWebExchange exchange) {
		String path = SameOriginPath.of(saved.toString());
		return (path != null) ? exchange.getRequest().getPath().contextPath().value() + path : null;
	}

	private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, MediaType contentType, String body) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		HttpHeaders headers = response.getHeaders();
		headers.setCacheControl("no-store");
		headers.setContentType(new MediaType(contentType, StandardCharsets.UTF_8));
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

}
