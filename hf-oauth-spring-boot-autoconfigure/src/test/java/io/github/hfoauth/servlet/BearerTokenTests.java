package io.github.hfoauth.servlet;

import io.github.hfoauth.HfBearerTokens;
import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hugging Face tokens on a servlet app's API: {@link BearerTokenScenarios}, with an API-only
 * chain that opts in with {@link HfBearerTokens} beside the sign-in's chain (the sample's tests
 * cover the sign-in configurer applying it by itself).
 */
@SpringBootTest(classes = BearerTokenTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class BearerTokenTests extends BearerTokenScenarios {

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
		SecurityFilterChain api(HttpSecurity http) {
			http.securityMatcher("/api/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(HfBearerTokens.huggingFace(), Customizer.withDefaults());
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain pages(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.with(HfOAuth2LoginConfigurer.huggingFace(), Customizer.withDefaults());
			return http.build();
		}

		@GetMapping({ "/api/me", "/hello" })
		String me(@AuthenticationPrincipal HfOAuth2User user, Authentication authentication) {
			return describe(user, authentication);
		}

		@PostMapping("/api/notes")
		String save(@AuthenticationPrincipal HfOAuth2User user) {
			return "saved by " + user.getUsername();
		}

	}

}
