package io.github.hfoauth;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * The WebFlux twin of {@link HfApiAuthenticationEntryPoint}: 401 and
 * {@link HfErrorAnswer#signInFirst JSON} naming the sign-in URL. It saves no request, so an API
 * request never becomes the page a browser returns to after signing in.
 */
final class HfServerApiAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException exception) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		String loginUrl = exchange.getRequest().getPath().contextPath().value() + HfOAuth2Registration.LOGIN_URL;
		DataBuffer body = response.bufferFactory()
			.wrap(HfErrorAnswer.signInFirst(loginUrl).getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
