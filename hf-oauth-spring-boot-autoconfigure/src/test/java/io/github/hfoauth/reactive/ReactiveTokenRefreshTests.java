package io.github.hfoauth.reactive;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.fake.Burst;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One refresh per session in a WebFlux app with its sessions in memory, over real HTTP against
 * the fake Hugging Face, which rotates refresh tokens and refuses a spent one: requests that
 * find the token expired at once refresh it once; a refused refresh ends the session; an
 * outage signs nobody out. Tokens from the fake live one second at sign-in, less than the
 * minute of clock skew, so they count as expired at once.
 */
class ReactiveTokenRefreshTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	static final Duration RETRY_AFTER_OUTAGE = Duration.ofMillis(500);

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	static void huggingFace(DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
		registry.add("hf.oauth.token-expiry.outage-retry-interval", () -> RETRY_AFTER_OUTAGE.toMillis() + "ms");
	}

	static TestBrowser signedInWithATokenAboutToExpire(int port) {
		fake.refreshTokens(true).expiresIn(1);
		TestBrowser browser = new TestBrowser(port);
		assertThat(browser.signIn().statusCode()).isEqualTo(302);
		fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).resetRequests();
		return browser;
	}

	static String location(TestBrowser browser, HttpResponse<String> response) {
		return ReactiveLoginTests.location(browser, response);
	}

	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = ReactiveApp.REACTIVE)
	class InMemory {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
		}

		@AfterEach
		void restoreTheFake() {
			fake.repair().expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).refreshTokens(false);
		}

		@Test
		void sixteenRequestsAtExpiryRefreshOnceAndAllStaySignedIn() {
			TestBrowser browser = signedInWithATokenAboutToExpire(this.port);

			List<HttpResponse<String>> answers = Burst.of(16, (i) -> browser.get(browser.app("/hello")));

			assertThat(answers).allSatisfy((answer) -> {
				assertThat(answer.statusCode()).isEqualTo(200);
				assertThat(answer.body()).startsWith("Hello ada");
			});
			System.out.println("WebFlux, one instance in memory: refresh requests for a burst of 16 at expiry: "
					+ fake.refreshRequests().size());
			assertThat(fake.refreshRequests()).as("refreshes for one session").hasSize(1);
			assertThat(browser.get(browser.app("/hello")).statusCode()).isEqualTo(200);
			assertThat(fake.refreshRequests()).hasSize(1);
		}

		@Test
		void aRefreshHuggingFaceRefusesEndsTheSessionAndTheUserSignsInAgain() {
			TestBrowser browser = signedInWithATokenAboutToExpire(this.port);
			fake.revokeRefreshTokens();

			List<HttpResponse<String>> answers = Burst.of(16, (i) -> browser.get(browser.app("/hello")));

			assertThat(answers).extracting(HttpResponse::statusCode).as("no error, no cut answer").isSubsetOf(200, 302);
			assertThat(fake.refreshRequests()).as("the dead refresh token is sent once").hasSize(1);
			HttpResponse<String> page = browser.get(browser.app("/hello"));
			assertThat(location(browser, page)).as("the next page offers sign-in")
				.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
			HttpResponse<String> toHuggingFace = browser.get(location(browser, page));
			HttpResponse<String> back = browser.get(location(browser, browser.get(TestBrowser.location(toHuggingFace))));
			assertThat(location(browser, back)).as("back to the page after signing in again")
				.startsWith(browser.app("/hello"));
			assertThat(browser.get(location(browser, back)).body()).startsWith("Hello ada");
		}

		@Test
		void whileHuggingFaceIsDownTheSessionStaysSignedInAndRefreshesOnceItIsBack() throws InterruptedException {
			TestBrowser browser = signedInWithATokenAboutToExpire(this.port);
			fake.breakEndpoint("/oauth/token", aResponse().withStatus(503));

			List<HttpResponse<String>> answers = Burst.of(16, (i) -> browser.get(browser.app("/hello")));

			assertThat(answers).allSatisfy((answer) -> assertThat(answer.statusCode()).isEqualTo(200));
			assertThat(fake.refreshRequests()).as("one try, then a quiet period").hasSizeLessThanOrEqualTo(2);
			fake.repair().resetRequests();
			Thread.sleep(RETRY_AFTER_OUTAGE.toMillis());
			assertThat(Burst.of(8, (i) -> browser.get(browser.app("/hello"))))
				.allSatisfy((answer) -> assertThat(answer.statusCode()).isEqualTo(200));
			assertThat(fake.refreshRequests()).as("refreshed once Hugging Face is back").hasSize(1);
		}

	}

	@Nested
	@SpringBootTest(classes = OwnSecurityContextRepositoryApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = ReactiveApp.REACTIVE)
	class WithTheAppsOwnSecurityContextRepository {

		@Value("${local.server.port}")
		int port;

		@Autowired
		OwnSecurityContextRepositoryApp.InSessionUnderItsOwnName contexts;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
		}

		@Test
		void anExpiredTokenSignsOutThroughTheAppsRepository() {
			fake.expiresIn(1);
			try {
				TestBrowser browser = new TestBrowser(this.port);
				assertThat(browser.signIn().statusCode()).isEqualTo(302);
				assertThat(this.contexts.signedOut).hasValue(0);

				HttpResponse<String> expired = browser.get(browser.app("/hello"));

				assertThat(location(browser, expired)).isEqualTo(browser.app("/oauth2/authorization/huggingface"));
				assertThat(this.contexts.signedOut).as("sign-outs written through the app's repository").hasValue(1);
				assertThat(location(browser, browser.get(browser.app("/hello")))).as("still signed out")
					.isEqualTo(browser.app("/oauth2/authorization/huggingface"));
			}
			finally {
				fake.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN);
			}
		}

	}

	/** An app whose chain keeps the security context in a repository of its own. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class OwnSecurityContextRepositoryApp {

		@Bean
		InSessionUnderItsOwnName contexts() {
			return new InSessionUnderItsOwnName();
		}

		@Bean
		SecurityWebFilterChain app(ServerHttpSecurity http, HfServerOAuth2Login huggingFace,
				InSessionUnderItsOwnName contexts) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			// The bean is what the starter signs out through; the chain gets it from the app.
			http.securityContextRepository(contexts);
			huggingFace.configure(http);
			return http.build();
		}

		@GetMapping("/hello")
		Mono<String> hello(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just("Hello " + user.getUsername());
		}

		// Where Spring Security's web session repository would not look.
		static final class InSessionUnderItsOwnName implements ServerSecurityContextRepository {

			private static final String ATTRIBUTE = "the-apps-security-context";

			final AtomicInteger signedOut = new AtomicInteger();

			@Override
			public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
				return exchange.getSession().doOnNext((session) -> {
					if (context == null) {
						this.signedOut.incrementAndGet();
						session.getAttributes().remove(ATTRIBUTE);
					}
					else {
						session.getAttributes().put(ATTRIBUTE, context);
					}
				}).flatMap((session) -> (context != null) ? session.changeSessionId() : Mono.empty());
			}

			@Override
			public Mono<SecurityContext> load(ServerWebExchange exchange) {
				return exchange.getSession().mapNotNull((session) -> session.getAttribute(ATTRIBUTE));
			}

		}

	}

}
