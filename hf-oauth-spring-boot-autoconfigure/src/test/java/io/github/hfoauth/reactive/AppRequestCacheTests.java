package io.github.hfoauth.reactive;

import java.net.http.HttpResponse;

import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.savedrequest.CookieServerRequestCache;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app that saves the page to return to in a cookie instead of the session, on both web
 * stacks, with and without an API next to its pages: a signed-out visitor of a page lands on it after
 * signing in, over real HTTP against the fake Hugging Face.
 */
class AppRequestCacheTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	abstract static class Contract {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void huggingFace(DynamicPropertyRegistry registry) {
			fake.configureClient(registry);
		}

		@Test
		void aSignInReturnsToThePageThatAskedForIt() {
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> page = browser.get(browser.app("/private"));
			assertThat(TestBrowser.location(page)).endsWith("/oauth2/authorization/huggingface");
			assertThat(page.headers().allValues("Set-Cookie")).as("the page saved in a cookie")
				.anySatisfy((cookie) -> assertThat(cookie).startsWith("REDIRECT_URI=").doesNotStartWith("REDIRECT_URI=;"));
			String landed = TestBrowser.location(browser.signIn());
			assertThat(landed).startsWith(landed.startsWith("/") ? "/private" : browser.app("/private"));
			assertThat(browser.get(landed.startsWith("/") ? browser.app(landed) : landed).body())
				.isEqualTo("private page");
		}

	}

	@Nested
	@SpringBootTest(classes = ServletCookieApp.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class Servlet extends Contract {

	}

	@Nested
	@SpringBootTest(classes = ReactiveCookieApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = ReactiveApp.REACTIVE)
	class Reactive extends Contract {

	}

	// The API's entry point replaces Spring Security's redirect to sign-in, which saves the page.
	@Nested
	@SpringBootTest(classes = ReactiveCookieApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { ReactiveApp.REACTIVE, "app.api-paths=/api/**" })
	class ReactiveWithApiPaths extends Contract {

	}

	// No component scan: the other test apps must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class ServletCookieApp {

		@Bean
		SecurityFilterChain app(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.requestCache((cache) -> cache.requestCache(new CookieRequestCache()))
				.with(HfOAuth2LoginConfigurer.huggingFace(), (huggingFace) -> huggingFace.apiPaths("/api/**"));
			return http.build();
		}

		@GetMapping("/private")
		String page() {
			return "private page";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class ReactiveCookieApp {

		@Bean
		SecurityWebFilterChain app(ServerHttpSecurity http, HfServerOAuth2Login huggingFace,
				@Value("${app.api-paths:}") String apiPaths) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			HfServerOAuth2Login login = huggingFace.withRequestCache(new CookieServerRequestCache());
			(apiPaths.isEmpty() ? login : login.withApiPaths(apiPaths)).configure(http);
			return http.build();
		}

		@GetMapping("/private")
		Mono<String> page() {
			return Mono.just("private page");
		}

	}

}
