package io.github.hfoauth.reactive;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfServerBearerTokens;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.BearerTokenScenarios;
import org.junit.jupiter.api.AfterAll;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hugging Face tokens on a WebFlux app's API: the twin of {@code BearerTokenTests}, the same
 * {@link BearerTokenScenarios}, with an API-only chain that opts in with
 * {@link HfServerBearerTokens} beside the sign-in's chain.
 */
@SpringBootTest(classes = ReactiveBearerTokenTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = ReactiveApp.REACTIVE)
class ReactiveBearerTokenTests extends BearerTokenScenarios {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		properties(fake, registry);
	}

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Override
	protected FakeHuggingFace fake() {
		return fake;
	}

	// No component scan: the other test apps must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@Bean
		@Order(1)
		SecurityWebFilterChain api(ServerHttpSecurity http, HfServerBearerTokens bearerTokens) {
			http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
				.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			bearerTokens.configure(http);
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityWebFilterChain pages(ServerHttpSecurity http, HfServerOAuth2Login huggingFace) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			huggingFace.configure(http);
			return http.build();
		}

		@GetMapping({ "/api/me", "/hello" })
		Mono<String> me(@AuthenticationPrincipal HfOAuth2User user, Authentication authentication) {
			return Mono.just(describe(user, authentication));
		}

		@PostMapping("/api/notes")
		Mono<String> save(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just("saved by " + user.getUsername());
		}

	}

}
