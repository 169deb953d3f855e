package io.github.hfoauth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * The WebFlux twin of {@link HfFrameSignInSuccessHandler}: after a sign-in that a frame
 * started in a pop-up, the hand-over page with the frame's ticket; after any other, or when too
 * many tickets wait already, the answer of the handler it wraps (the app's own, or Spring
 * Security's back to the saved page).
 */
final class HfServerFrameSignInSuccessHandler implements ServerAuthenticationSuccessHandler {

	private final HfFrameTickets<HfFrameSignIn.SignIn> tickets;

	private final ServerOAuth2AuthorizedClientRepository authorizedClients;

	private final ServerAuthenticationSuccessHandler otherwise;

	HfServerFrameSignInSuccessHandler(HfFrameTickets<HfFrameSignIn.SignIn> tickets,
			ServerOAuth2AuthorizedClientRepository authorizedClients, ServerAuthenticationSuccessHandler otherwise) {
		this.tickets = tickets;
		this.authorizedClients = authorizedClients;
		this.otherwise = otherwise;
	}

	@Override
	public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		return exchange.getSession().flatMap((session) -> {
			Object commitment = session.getAttributes().get(HfFrameSignIn.COMMITMENT_ATTRIBUTE);
			if (!(commitment instanceof String frame)) {
				return this.otherwise.onAuthenticationSuccess(webFilterExchange, authentication);
			}
			// Optional, not switchIfEmpty: the written page completes empty too.
			return this.authorizedClients
				.<OAuth2AuthorizedClient>loadAuthorizedClient(HfOAuth2Registration.REGISTRATION_ID, authentication,
						exchange)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((client) -> client.isPresent()
						? handOver(webFilterExchange, session, frame, authentication, client.get())
						: this.otherwise.onAuthenticationSuccess(webFilterExchange, authentication));
		});
	}

	private Mono<Void> handOver(WebFilterExchange webFilterExchange, WebSession session, String commitment,
			Authentication authentication, OAuth2AuthorizedClient client) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		session.getAttributes().remove(HfFrameSignIn.COMMITMENT_ATTRIBUTE);
		String owner = HfFrameTickets.ownerOf(session.getAttributes().get(HfFrameSignIn.TICKET_OWNER_ATTRIBUTE));
		session.getAttributes().put(HfFrameSignIn.TICKET_OWNER_ATTRIBUTE, owner);
		boolean forward = session.getAttributes().get(HfFrameSignIn.RETURN_ATTRIBUTE) != null;
		String ticket = this.tickets.issue(owner, commitment, new HfFrameSignIn.SignIn(authentication, client),
				!forward);
		if (ticket == null) {
			// Too many waiting: a plain sign-in, this window stays the app's own tab, signed in.
			session.getAttributes().remove(HfFrameSignIn.RETURN_ATTRIBUTE);
			return this.otherwise.onAuthenticationSuccess(webFilterExchange, authentication);
		}
		String contextPath = exchange.getRequest().getPath().contextPath().value();
		if (session.getAttributes().get(HfFrameSignIn.RETURN_ATTRIBUTE) instanceof String base) {
			// A custom domain's sign-in: it moves there, nothing stays signed in on this host.
			return session.invalidate().then(write(exchange,
					HfFrameSignIn.forwardPage(contextPath, base + HfFrameSignIn.FORWARD_PATH, ticket)));
		}
		// The tokens travel with the ticket. Hugging Face's refresh tokens rotate: two sessions
		// holding one end each other, so this one keeps none unless no frame redeems the ticket.
		session.getAttributes().put(HfFrameSignIn.HANDED_OVER_ATTRIBUTE, ticket);
		// The page posts to its opener: an opener policy of the app's must not cut them apart.
		exchange.getResponse().getHeaders().set(HfFrameSignIn.OPENER_POLICY, HfFrameSignIn.OPENER_KEPT);
		return this.authorizedClients
			.removeAuthorizedClient(HfOAuth2Registration.REGISTRATION_ID, authentication, exchange)
			.then(write(exchange, HfFrameSignIn.handOverPage(contextPath, ticket)));
	}

	private static Mono<Void> write(ServerWebExchange exchange, String page) {
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().setCacheControl("no-store");
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8))));
	}

}
