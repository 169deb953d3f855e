package io.github.hfoauth.servlet;

import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;

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

/**
 * {@code apiPaths("/api/**")} in a servlet app ({@link ApiPathsContract}).
 */
@SpringBootTest(classes = ApiPathsTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiPathsTests extends ApiPathsContract {

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
		return browser.app("/account?continue");
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
