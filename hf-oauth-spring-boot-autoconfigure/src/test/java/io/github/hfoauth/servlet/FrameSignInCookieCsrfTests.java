package io.github.hfoauth.servlet;

import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfOAuth2User;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The frame sign-in ({@link FrameSignInContract}) in a servlet app whose chain keeps its CSRF
 * tokens in a cookie: the twin of {@code ReactiveFrameSignInCookieCsrfTests}. The redeem's
 * session strategy replaces the token there, and the pop-up's post works with it.
 */
@SpringBootTest(classes = { FrameSignInCookieCsrfTests.App.class, FrameSignInContract.DoubleSlashesAllowed.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class FrameSignInCookieCsrfTests extends FrameSignInContract {

	@Autowired
	WebServerApplicationContext context;

	@Override
	protected void timeOut(String sessionId) {
		FrameSignInTests.timeOutTomcatSession(this.context, sessionId);
	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@Bean
		SecurityFilterChain app(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.csrf((csrf) -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()))
				.with(HfOAuth2LoginConfigurer.huggingFace(), (huggingFace) -> {
				});
			return http.build();
		}

		@GetMapping("/hello")
		String hello(@AuthenticationPrincipal HfOAuth2User user) {
			return "Hello " + user.getUsername();
		}

	}
}
