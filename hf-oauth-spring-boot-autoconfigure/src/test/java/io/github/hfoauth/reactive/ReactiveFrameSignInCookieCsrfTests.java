package io.github.hfoauth.reactive;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.servlet.FrameSignInContract;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The frame sign-in ({@link FrameSignInContract}) in a WebFlux app whose chain keeps its CSRF
 * tokens in a cookie, and says so with {@code withCsrfTokenRepository}: the redeem replaces
 * the token there.
 */
@SpringBootTest(classes = { ReactiveFrameSignInCookieCsrfTests.App.class, FrameSignInContract.DoubleSlashesAllowed.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = ReactiveApp.REACTIVE)
class ReactiveFrameSignInCookieCsrfTests extends FrameSignInContract {

	@Autowired
	WebSessionManager sessions;

	@Override
	protected void timeOut(String sessionId) {
		ReactiveFrameSignInTests.timeOutWebSession(this.sessions, sessionId);
	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@Bean
		SecurityWebFilterChain app(ServerHttpSecurity http, HfServerOAuth2Login huggingFace) {
			CookieServerCsrfTokenRepository csrfTokens = new CookieServerCsrfTokenRepository();
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens));
			huggingFace.withCsrfTokenRepository(csrfTokens).configure(http);
			return http.build();
		}

		@GetMapping("/hello")
		Mono<String> hello(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just("Hello " + user.getUsername());
		}

	}
}
