package io.github.hfoauth.servlet;

import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfOAuth2User;
import org.junit.jupiter.api.Test;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame sign-in ({@link FrameSignInContract}) in an app whose own chain limits each user
 * to one session: a frame's sign-in is a session like any other, which the limit counts and
 * ends.
 */
@SpringBootTest(classes = { FrameSignInSessionLimitTests.App.class, FrameSignInContract.DoubleSlashesAllowed.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class FrameSignInSessionLimitTests extends FrameSignInContract {

	@Autowired
	WebServerApplicationContext context;

	@Override
	protected void timeOut(String sessionId) {
		FrameSignInTests.timeOutTomcatSession(this.context, sessionId);
	}

	@Test
	void theAppsSessionLimitCountsAFramesSignIn() {
		TestBrowser first = TestBrowser.frame(this.port);
		assertThat(redeem(first, csrf(first), ticketFromThePopUp(), SECRET).statusCode()).isEqualTo(200);
		assertThat(first.get(first.app("/hello")).body()).isEqualTo("Hello ada");

		// The same user in a second frame: the app allows one session, the oldest one ends.
		TestBrowser second = TestBrowser.frame(this.port);
		assertThat(redeem(second, csrf(second), ticketFromThePopUp(), SECRET).statusCode()).isEqualTo(200);
		assertThat(second.get(second.app("/hello")).body()).isEqualTo("Hello ada");
		assertThat(first.get(first.app("/hello")).body()).as("the first frame's session, ended by the limit")
			.doesNotContain("Hello ada")
			.contains("This session has been expired");
	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@Bean
		SecurityFilterChain app(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.sessionManagement((sessions) -> sessions.maximumSessions(1))
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
