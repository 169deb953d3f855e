package io.github.hfoauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.HtmlUtils;

/**
 * The WebFlux twin of {@link HfForwardedSignInFilter}: a sign-in asked for on a Space's custom
 * domain starts on the {@code hf.space} host by a form POST, bound to a secret in the custom
 * domain's session, and comes back as a cross-site POST that only that secret redeems. It runs
 * before Spring Security's CSRF filter (both POSTs come from the other host, without a token).
 */
final class HfServerForwardedSignInFilter implements WebFilter {

	private final HfSpace space;

	private final ReactiveClientRegistrationRepository registrations;

	private final HfServerFrameSignInFilter.Redeeming redeeming;

	HfServerForwardedSignInFilter(HfSpace space, ReactiveClientRegistrationRepository registrations,
			HfServerFrameSignInFilter.Redeeming redeeming) {
		this.space = space;
		this.registrations = registrations;
		this.redeeming = redeeming;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		String host = request.getURI().getHost();
		if (HttpMethod.GET.equals(request.getMethod()) && path.equals(HfOAuth2Registration.LOGIN_URL)
				&& !HfFrameSignIn.isFrame(request.getHeaders().getFirst("Sec-Fetch-Dest")) && host != null
				&& !host.equalsIgnoreCase(this.space.getHost())) {
			return callbackBaseFor(host).flatMap((base) -> base.isPresent() ? startThere(exchange, base.get())
					: chain.filter(exchange));
		}
		if (HttpMethod.POST.equals(request.getMethod()) && path.equals(HfFrameSignIn.FORWARD_START_PATH)) {
			return startFromCustomDomain(exchange);
		}
		if (HttpMethod.POST.equals(request.getMethod()) && path.equals(HfFrameSignIn.FORWARD_PATH)) {
			return redeem(exchange);
		}
		return chain.filter(exchange);
	}

	// A failed lookup leaves the sign-in to Spring Security, which answers with the failure page.
	private Mono<Optional<String>> callbackBaseFor(String host) {
		return this.registrations.findByRegistrationId(HfOAuth2Registration.REGISTRATION_ID)
			.map((registration) -> Optional.ofNullable(HfFrameSignIn.callbackBase(registration.getRedirectUri()))
				.filter((base) -> HfFrameSignIn.startsElsewhere(host, this.space, base)))
			.onErrorResume(RuntimeException.class, (ex) -> Mono.just(Optional.empty()))
			.defaultIfEmpty(Optional.empty());
	}

	private static Mono<Void> startThere(ServerWebExchange exchange, String callbackBase) {
		String secret = HfFrameSignIn.newSecret();
		URI uri = exchange.getRequest().getURI();
		String ownBase = uri.getScheme() + "://" + uri.getRawAuthority()
				+ exchange.getRequest().getPath().contextPath().value();
		return exchange.getSession().flatMap((session) -> {
			session.getAttributes().put(HfFrameSignIn.FORWARD_SECRET_ATTRIBUTE, secret);
			return write(exchange, HttpStatus.OK,
					HfFrameSignIn.forwardStartPage(exchange.getRequest().getPath().contextPath().value(),
							callbackBase + HfFrameSignIn.FORWARD_START_PATH, HfFrameTickets.commitmentOf(secret),
							ownBase));
		});
	}

	// The hf.space host: keeps the custom domain's commitment for the sign-in that follows at once.
	private Mono<Void> startFromCustomDomain(ServerWebExchange exchange) {
		String contextPath = exchange.getRequest().getPath().contextPath().value();
		return exchange.getFormData().flatMap((form) -> {
			String commitment = form.getFirst(HfFrameSignIn.COMMITMENT_FIELD);
			String base = form.getFirst(HfFrameSignIn.RETURN_FIELD);
			// The body only: a commitment never travels in a URL, where logs would keep it.
			if (!exchange.getRequest().getQueryParams().isEmpty() || !HfFrameTickets.isCommitment(commitment)
					|| !HfFrameSignIn.isCustomDomainBase(base, this.space, contextPath)
					|| !HfFrameSignIn.isPostedFrom(exchange.getRequest().getHeaders().getOrigin(), base)) {
				return refused(exchange, HttpStatus.BAD_REQUEST, contextPath,
						"This sign-in did not start on an address of this Space: start it again from the app.");
			}
			String nonce = HfFrameSignIn.newSecret();
			// A sign-in this session handed to a frame earlier ends first, as on any other request:
			// what follows goes into the session that is left.
			return this.redeeming.settleHandOver(exchange).then(exchange.getSession()).flatMap((session) -> {
				session.getAttributes().put(HfFrameSignIn.POSTED_START_ATTRIBUTE, nonce);
				session.getAttributes().put(HfFrameSignIn.POSTED_COMMITMENT_ATTRIBUTE, commitment);
				session.getAttributes().put(HfFrameSignIn.POSTED_RETURN_ATTRIBUTE, base);
				ServerHttpResponse response = exchange.getResponse();
				// 303: the browser follows a POST's answer with a GET.
				response.setStatusCode(HttpStatus.SEE_OTHER);
				response.getHeaders().setLocation(URI.create(HfFrameSignIn.startPath(contextPath, nonce)));
				return response.setComplete();
			});
		});
	}

	private Mono<Void> redeem(ServerWebExchange exchange) {
		String contextPath = exchange.getRequest().getPath().contextPath().value();
		return Mono.zip(exchange.getSession(), exchange.getFormData()).flatMap((sessionAndForm) -> {
			Object secret = sessionAndForm.getT1().getAttributes().remove(HfFrameSignIn.FORWARD_SECRET_ATTRIBUTE);
			HfFrameSignIn.SignIn signIn = (secret instanceof String value)
					? this.redeeming.tickets().redeem(sessionAndForm.getT2().getFirst("ticket"), value) : null;
			if (signIn == null) {
				return refused(exchange, HttpStatus.FORBIDDEN, contextPath,
						"This sign-in was not started in this browser, or it expired.");
			}
			return this.redeeming.signIn(signIn, exchange).flatMap((location) -> {
				ServerHttpResponse response = exchange.getResponse();
				// 303: the browser follows a POST's answer with a GET.
				response.setStatusCode(HttpStatus.SEE_OTHER);
				response.getHeaders().setLocation(URI.create(location.orElse(contextPath + "/")));
				return response.setComplete();
			});
		});
	}

	private static Mono<Void> refused(ServerWebExchange exchange, HttpStatus status, String contextPath,
			String message) {
		return write(exchange, status, HfErrorAnswer.page("Sign-in failed", message,
				"<p><a href=\"" + HtmlUtils.htmlEscape(contextPath + HfOAuth2Registration.LOGIN_URL)
						+ "\">Try again</a> &middot; <a href=\"" + HtmlUtils.htmlEscape(contextPath + "/")
						+ "\">Home</a></p>"));
	}

	private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String page) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setCacheControl("no-store");
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8))));
	}

}
