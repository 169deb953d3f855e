package io.github.hfoauth;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes {@link BearerTokenFailure} for a WebFlux app: the twin of
 * {@link BearerTokenFailureHandler}.
 */
final class ServerBearerTokenFailureHandler implements ServerAuthenticationFailureHandler, ServerAuthenticationEntryPoint {

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException exception) {
		return write(BearerTokenFailure.of(exception), exchange.getExchange());
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException exception) {
		return write(BearerTokenFailure.of(exception), exchange);
	}

	private static Mono<Void> write(BearerTokenFailure failure, ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.valueOf(failure.status()));
		if (failure.challenge() != null) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, failure.challenge());
		}
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] body = failure.json().getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
