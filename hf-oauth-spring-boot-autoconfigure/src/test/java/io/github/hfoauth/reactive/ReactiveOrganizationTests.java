package io.github.hfoauth.reactive;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOrganizationRole;
import io.github.hfoauth.HfServerAuthorization;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.servlet.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux app with its own chain that opts into Hugging Face sign-in, with organization
 * rules written the WebFlux ways ({@link HfServerAuthorization} on URLs, {@code @hf} with the
 * authentication in {@code @PreAuthorize}, plain authorities), and the gate that keeps
 * non-members from signing in at all.
 */
class ReactiveOrganizationTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	// Ada: admin of acme, reader of open-science, Pro.
	static final String ADA = FakeHuggingFace.DEFAULT_USERINFO;

	static final String BOB = FakeHuggingFace.ACME_WRITER_USERINFO;

	static final String EVE = FakeHuggingFace.NO_ORGANIZATION_USERINFO;

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@AfterEach
	void restoreTheUser() {
		fake.userInfo(ADA);
	}

	@Nested
	@SpringBootTest(classes = OwnChainApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = ReactiveApp.REACTIVE)
	class Rules {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void huggingFace(DynamicPropertyRegistry registry) {
			fake.configureClient(registry);
		}

		@Test
		void publicPagesNeedNoSignIn() {
			TestBrowser anonymous = new TestBrowser(this.port);
			assertThat(anonymous.get(anonymous.app("/")).body()).isEqualTo("home");
		}

		@Test
		void anAdminOfAcmeMayDoEverythingAcmeAllows() {
			TestBrowser ada = signedIn(ADA);
			assertThat(ada.get(ada.app("/members")).statusCode()).isEqualTo(200);
			assertThat(ada.get(ada.app("/admins")).statusCode()).isEqualTo(200);
			assertThat(ada.get(ada.app("/writers")).statusCode()).isEqualTo(200);
			assertThat(ada.get(ada.app("/authorities")).body()).contains("HF_ORG_acme", "HF_PRO");
		}

		@Test
		void aWriterOfAcmeIsAMemberAndAWriterButNoAdmin() {
			TestBrowser bob = signedIn(BOB);
			assertThat(bob.get(bob.app("/members")).statusCode()).isEqualTo(200);
			assertThat(bob.get(bob.app("/writers")).statusCode()).isEqualTo(200);
			assertThat(bob.get(bob.app("/admins")).statusCode()).isEqualTo(403);
		}

		@Test
		void someoneOutsideAcmeIsRefusedEverywhereAcmeIsNeeded() {
			TestBrowser eve = signedIn(EVE);
			assertThat(eve.get(eve.app("/members")).statusCode()).isEqualTo(403);
			assertThat(eve.get(eve.app("/writers")).statusCode()).isEqualTo(403);
			assertThat(eve.get(eve.app("/admins")).statusCode()).isEqualTo(403);
		}

		@Test
		void logoutGoesWhereTheAppSays() {
			// A user of their own: another test's session of Ada would count as another tab.
			TestBrowser ada = fake.asANewUser(() -> signedIn(ADA));
			String token = ada.get(ada.app("/csrf")).body();
			HttpResponse<String> logout = ada.send(HttpRequest.newBuilder(URI.create(ada.app("/logout")))
				.header("X-CSRF-TOKEN", token)
				.POST(HttpRequest.BodyPublishers.noBody()));
			assertThat(ReactiveLoginTests.location(ada, logout)).isEqualTo(ada.app("/bye"));
			assertThat(ada.get(ada.app("/members")).statusCode()).as("signed out").isEqualTo(302);
		}

		private TestBrowser signedIn(String userInfo) {
			fake.userInfo(userInfo);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			return browser;
		}

	}

	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { ReactiveApp.REACTIVE, "hf.oauth.allowed-organizations=acme" })
	class Gate {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void huggingFace(DynamicPropertyRegistry registry) {
			fake.configureClient(registry);
		}

		@Test
		void aMemberSignsIn() {
			TestBrowser bob = new TestBrowser(this.port);
			fake.userInfo(BOB);
			assertThat(bob.signIn().statusCode()).isEqualTo(302);
			assertThat(bob.get(bob.app("/hello")).body()).startsWith("Hello bob");
		}

		@Test
		void someoneElseIsToldWhyAndStaysSignedOut() {
			TestBrowser eve = new TestBrowser(this.port);
			fake.userInfo(EVE);
			HttpResponse<String> refused = eve.signIn();
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("acme").doesNotContain("Exception");
			assertThat(eve.get(eve.app("/hello")).statusCode()).as("not signed in").isEqualTo(302);
		}

	}

	// No component scan: the other test apps must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableReactiveMethodSecurity
	@RestController
	static class OwnChainApp {

		@Bean
		SecurityWebFilterChain app(ServerHttpSecurity http, HfServerOAuth2Login huggingFace) {
			http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/", "/bye")
				.permitAll()
				.pathMatchers("/members")
				.access(HfServerAuthorization.memberOf("acme"))
				.pathMatchers("/admins")
				.access(HfServerAuthorization.hasRoleIn("ACME", HfOrganizationRole.ADMIN))
				.anyExchange()
				.authenticated());
			huggingFace.withLogoutSuccessUrl("/bye").configure(http);
			return http.build();
		}

		@GetMapping("/")
		Mono<String> home() {
			return Mono.just("home");
		}

		@GetMapping("/members")
		Mono<String> members() {
			return Mono.just("members");
		}

		@GetMapping("/admins")
		Mono<String> admins() {
			return Mono.just("admins");
		}

		@GetMapping("/writers")
		@PreAuthorize("@hf.hasRoleIn(authentication, 'acme', 'write')")
		Mono<String> writers() {
			return Mono.just("writers");
		}

		@GetMapping("/authorities")
		Mono<String> authorities(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just(user.getAuthorities().toString());
		}

		@GetMapping("/csrf")
		Mono<String> csrf(org.springframework.web.server.ServerWebExchange exchange) {
			Mono<org.springframework.security.web.server.csrf.CsrfToken> token = exchange
				.getAttribute(org.springframework.security.web.server.csrf.CsrfToken.class.getName());
			return (token != null) ? token.map(org.springframework.security.web.server.csrf.CsrfToken::getToken)
					: Mono.empty();
		}

	}

}
