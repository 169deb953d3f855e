package io.github.hfoauth.reactive;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
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

import static io.github.hfoauth.reactive.ReactiveLoginTests.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code withApiPaths("/api/**")} on WebFlux: a signed-out API request gets a JSON 401, every
 * other path keeps the redirect to sign-in (also for a JSON client), and the API request is
 * never where a sign-in returns to.
 */
@SpringBootTest(classes = ReactiveApiPathsTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = ReactiveApp.REACTIVE)
class ReactiveApiPathsTests {

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
	void aSignedOutApiRequestGetsJson401EvenFromABrowser() {
		TestBrowser browser = new TestBrowser(this.port);
		for (HttpResponse<String> answer : new HttpResponse[] { browser.get(browser.app("/api/me")),
				browser.getJson(browser.app("/api/me")), browser.send(HttpRequest.newBuilder(URI.create(browser.app("/api/me")))) }) {
			assertThat(answer.statusCode()).isEqualTo(401);
			assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/json"));
			assertThat(answer.body()).isEqualTo("{\"error\":\"unauthorized\",\"message\":\"Sign in with Hugging Face first.\","
					+ "\"login\":\"/oauth2/authorization/huggingface\"}");
		}
	}

	@Test
	void everyOtherPathKeepsTheSignInAndReturnsToThePage() {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(location(browser, browser.getJson(browser.app("/account"))))
			.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
		assertThat(location(browser, browser.get(browser.app("/account"))))
			.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
		assertThat(location(browser, browser.signIn())).startsWith(browser.app("/account"));
	}

	@Test
	void aSignInAfterA401ApiRequestLandsHomeNotOnTheApi() {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(browser.get(browser.app("/api/me")).statusCode()).isEqualTo(401);
		assertThat(location(browser, browser.signIn())).isEqualTo(browser.app("/"));
		assertThat(browser.getJson(browser.app("/api/me")).body()).isEqualTo("ada");
	}

	@Test
	void anEarlierPageStaysTheTargetAfterA401ApiRequest() {
		TestBrowser browser = new TestBrowser(this.port);
		browser.get(browser.app("/account"));
		assertThat(browser.get(browser.app("/api/me")).statusCode()).isEqualTo(401);
		assertThat(location(browser, browser.signIn())).startsWith(browser.app("/account"));
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
