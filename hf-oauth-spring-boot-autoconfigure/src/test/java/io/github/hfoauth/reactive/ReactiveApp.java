package io.github.hfoauth.reactive;

import io.github.hfoauth.HfOAuth2User;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * A small WebFlux app with no security configuration of its own: the starter's default chain
 * protects every page. Its tests run it with {@code spring.main.web-application-type=reactive}
 * (the test classpath has Spring MVC too).
 */
// No component scan: the other test apps must not join in.
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
class ReactiveApp {

	static final String REACTIVE = "spring.main.web-application-type=reactive";

	@GetMapping("/hello")
	Mono<String> hello(@AuthenticationPrincipal HfOAuth2User user) {
		String acmeOrMock = user.getOrganizations().get(0).getUsername();
		return Mono.just("Hello " + user.getUsername() + " (" + user.getDisplayName() + "), "
				+ user.roleIn(acmeOrMock).orElseThrow().value() + " of " + acmeOrMock);
	}

	// The URL the app believes it was asked for, as it would put it into a link.
	@GetMapping("/uri")
	Mono<String> uri(ServerWebExchange exchange) {
		return Mono.just(exchange.getRequest().getURI().toString());
	}

	// What a page would put into its logout form.
	@GetMapping("/csrf")
	Mono<String> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return (token != null) ? token.map(CsrfToken::getToken) : Mono.empty();
	}

}
