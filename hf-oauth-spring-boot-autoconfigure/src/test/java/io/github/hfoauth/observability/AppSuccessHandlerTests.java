package io.github.hfoauth.observability;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Base64;

import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.FrameSignInContract;
import io.github.hfoauth.servlet.TestBrowser;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app that says where its own {@code oauth2Login} lands after sign-in, on both web stacks:
 * its handler wins over the starter's, and the sign-in still counts and still hands a frame's
 * pop-up over, over real HTTP against the fake Hugging Face.
 */
class AppSuccessHandlerTests {

	// The commitment of a frame's secret, as the frame's script sends it to the pop-up.
	static final String COMMITMENT = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	abstract static class Contract {

		@Value("${local.server.port}")
		int port;

		@Autowired
		MeterRegistry registry;

		@DynamicPropertySource
		static void huggingFace(DynamicPropertyRegistry registry) {
			fake.configureClient(registry);
		}

		@Test
		void theAppsHandlerSaysWhereASignInLandsAndTheSignInCounts() {
			SignInMetrics metrics = new SignInMetrics(this.registry);
			double before = metrics.signIns("success", "none", "properties");
			TestBrowser browser = new TestBrowser(this.port);
			browser.get(browser.app("/private"));
			HttpResponse<String> signedIn = browser.signIn();
			assertThat(TestBrowser.location(signedIn)).isIn("/dashboard", browser.app("/dashboard"));
			assertThat(metrics.signIns("success", "none", "properties")).isEqualTo(before + 1);
		}

		@Test
		void aFramesPopUpStillEndsOnTheHandOverPage() {
			TestBrowser popUp = new TestBrowser(this.port);
			String start = TestBrowser.location(
					popUp.get(FrameSignInContract.startPath(popUp, FrameSignInContract.postCommitment(popUp, COMMITMENT))));
			HttpResponse<String> handOver = popUp.get(popUp.onThisApp(TestBrowser.location(popUp.get(start))));
			assertThat(handOver.statusCode()).isEqualTo(200);
			assertThat(handOver.body()).contains("hf-oauth-ticket");
		}

	}

	@Nested
	@SpringBootTest(classes = ServletApp.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class Servlet extends Contract {

	}

	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "spring.main.web-application-type=reactive")
	class Reactive extends Contract {

	}

	// No component scan: the other test apps must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ServletApp {

		@Bean
		SecurityFilterChain app(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2Login((login) -> login.defaultSuccessUrl("/dashboard", true))
				.with(HfOAuth2LoginConfigurer.huggingFace(), Customizer.withDefaults());
			return http.build();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ReactiveApp {

		private final ServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

		@Bean
		SecurityWebFilterChain app(ServerHttpSecurity http, HfServerOAuth2Login huggingFace) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				// Always there, as defaultSuccessUrl("/dashboard", true) on the servlet stack.
				.oauth2Login((login) -> login.authenticationSuccessHandler((exchange, authentication) -> this.redirect
					.sendRedirect(exchange.getExchange(), URI.create("/dashboard"))));
			huggingFace.configure(http);
			return http.build();
		}

	}

}
