package io.github.hfoauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;

/**
 * Answers a failed sign-in in a WebFlux app with the {@link HfLoginFailureAnswer}, as
 * {@link HfLoginFailureHandler} does for servlet apps.
 */
final class HfServerLoginFailureHandler implements ServerAuthenticationFailureHandler {

	private final @Nullable HfSpace space;

	private final ApplicationEventPublisher events;

	HfServerLoginFailureHandler(@Nullable HfSpace space, ApplicationEventPublisher events) {
		this.space = space;
		this.events = events;
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException exception) {
		ServerHttpRequest request = exchange.getExchange().getRequest();
		HfLoginFailureAnswer answer = HfLoginFailureAnswer.of(exception, request.getQueryParams().getFirst("state"),
				request.getHeaders().getFirst(HttpHeaders.ACCEPT), request.getPath().contextPath().value(), this.space,
				request.getHeaders().getFirst("Sec-Fetch-Dest"));
		ServerHttpResponse response = exchange.getExchange().getResponse();
		if (answer.retryLocation() != null) {
			response.setStatusCode(HttpStatus.FOUND);
			response.getHeaders().setLocation(URI.create(answer.retryLocation()));
			return response.setComplete();
		}
		this.events.publishEvent(HfSignInEvent.failed(answer.reason()));
		response.setStatusCode(answer.status());
		response.getHeaders().setCacheControl("no-store");
		response.getHeaders().setContentType(new MediaType(answer.contentType(), StandardCharsets.UTF_8));
		DataBuffer body = response.bufferFactory().wrap(answer.body().getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
