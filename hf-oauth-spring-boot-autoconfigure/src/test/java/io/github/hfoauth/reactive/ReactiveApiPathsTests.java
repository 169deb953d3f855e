package io.github.hfoauth.reactive;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.ApiPathsContract;
import io.github.hfoauth.servlet.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code withApiPaths("/api/**")} in a WebFlux app ({@link ApiPathsContract}).
 */
@SpringBootTest(classes = ReactiveApiPathsTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = ReactiveApp.REACTIVE)
class ReactiveApiPathsTests extends ApiPathsContract {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@DynamicPropertySource
	static void huggingFace(DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
	}

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Override
	protected String savedAccountPage(TestBrowser browser) {
		return browser.app("/account");
	}

	// Spring MVC answers a JSON client on a page 401; WebFlux's default entry point sends it to sign in.
	@Test
	void aJsonClientOnAPageIsSentToSignInToo() {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(location(browser, browser.getJson(browser.app("/account"))))
			.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@Bean
		SecurityWebFilterChain app(ServerHttpSecurity http, HfServerOAuth2Login huggingFace) {
			http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/").permitAll().anyExchange().authenticated());
			huggingFace.withApiPaths("/api/**").configure(http);
			return http.build();
		}

		@GetMapping("/api/me")
		Mono<String> me(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just(user.getUsername());
		}

		@GetMapping("/account")
		Mono<String> account(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just(user.getDisplayName());
		}

	}

}
