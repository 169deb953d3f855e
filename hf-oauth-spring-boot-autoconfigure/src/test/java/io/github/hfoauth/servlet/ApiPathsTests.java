package io.github.hfoauth.servlet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code apiPaths("/api/**")}: a signed-out API request gets a JSON 401 whatever it accepts,
 * pages keep the sign-in, and the API request is never where a sign-in returns to.
 */
@SpringBootTest(classes = ApiPathsTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiPathsTests {

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
	void pagesKeepTheSignInAndReturnToThePage() {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(TestBrowser.location(browser.get(browser.app("/account"))))
			.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
		assertThat(TestBrowser.location(browser.signIn())).isEqualTo(browser.app("/account?continue"));
	}

	@Test
	void aSignInAfterA401ApiRequestLandsHomeNotOnTheApi() {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(browser.get(browser.app("/api/me")).statusCode()).isEqualTo(401);
		HttpResponse<String> signedIn = browser.signIn();
		assertThat(TestBrowser.location(signedIn)).isIn("/", browser.app("/"));
		assertThat(browser.getJson(browser.app("/api/me")).body()).isEqualTo("ada");
	}

	@Test
	void anEarlierPageStaysTheTargetAfterA401ApiRequest() {
		TestBrowser browser = new TestBrowser(this.port);
		browser.get(browser.app("/account"));
		assertThat(browser.get(browser.app("/api/me")).statusCode()).isEqualTo(401);
		assertThat(TestBrowser.location(browser.signIn())).isEqualTo(browser.app("/account?continue"));
	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@Bean
		SecurityFilterChain app(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/").permitAll().anyRequest().authenticated())
				.with(HfOAuth2LoginConfigurer.huggingFace(), (huggingFace) -> huggingFace.apiPaths("/api/**"));
			return http.build();
		}

		@GetMapping("/api/me")
		String me(@AuthenticationPrincipal HfOAuth2User user) {
			return user.getUsername();
		}

		@GetMapping("/account")
		String account(@AuthenticationPrincipal HfOAuth2User user) {
			return user.getDisplayName();
		}

	}

}
