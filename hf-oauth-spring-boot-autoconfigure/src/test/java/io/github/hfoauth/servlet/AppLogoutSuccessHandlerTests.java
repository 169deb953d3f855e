package io.github.hfoauth.servlet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app's own logout success handler (a page of its own, or RP-initiated logout) decides where
 * a sign-out lands; the starter's "signed in elsewhere" answer is only the default.
 */
@SpringBootTest(classes = AppLogoutSuccessHandlerTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class AppLogoutSuccessHandlerTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void huggingFace(DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
	}

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Test
	void theAppsHandlerSaysWhereASignOutLands() {
		TestBrowser browser = new TestBrowser(this.port);
		browser.get(browser.app("/private"));
		browser.signIn();
		FrameSignInContract.Csrf csrf = FrameSignInContract.csrf(browser);
		HttpResponse<String> signedOut = browser.send(HttpRequest.newBuilder(URI.create(browser.app("/logout")))
			.header(csrf.header(), csrf.token())
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(TestBrowser.location(signedOut)).endsWith("/goodbye");
	}

	// No component scan: the other test apps must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		SecurityFilterChain app(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.logout((logout) -> logout.logoutSuccessHandler(
						(request, response, authentication) -> response.sendRedirect("/goodbye")))
				.with(HfOAuth2LoginConfigurer.huggingFace(), Customizer.withDefaults());
			return http.build();
		}

	}

}
