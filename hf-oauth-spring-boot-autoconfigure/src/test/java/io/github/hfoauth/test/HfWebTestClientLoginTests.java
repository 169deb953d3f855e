package io.github.hfoauth.test;

import java.util.ArrayList;
import java.util.List;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfOrganizationAuthorities;
import io.github.hfoauth.HfOrganizationRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;

import static io.github.hfoauth.test.HfWebTestClientLogin.hfLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * A small WebFlux app tested as its developers would: {@code hfLogin()} on WebTestClient and
 * {@code @WithMockHfUser} give {@code @AuthenticationPrincipal HfOAuth2User} in a controller
 * returning {@code Mono}, with the organization authorities its rules check.
 */
class HfWebTestClientLoginTests {

	static final String ALICE_ADMIN_OF_ACME = "alice [OIDC_USER, SCOPE_openid, SCOPE_profile, HF_ORG_acme, "
			+ "HF_ORG_acme:READ, HF_ORG_acme:CONTRIBUTOR, HF_ORG_acme:WRITE, HF_ORG_acme:ADMIN]";

	@Nested
	@SpringJUnitConfig(App.class)
	class WithTheDefaultConverter {

		@Autowired
		ApplicationContext context;

		WebTestClient client;

		@BeforeEach
		void bind() {
			this.client = WebTestClient.bindToApplicationContext(this.context).apply(springSecurity()).configureClient().build();
		}

		@Test
		void theControllerGetsTheUserAsASignInBuildsIt() {
			this.client.mutateWith(hfLogin("alice").organization("acme", HfOrganizationRole.ADMIN))
				.get()
				.uri("/me")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo(ALICE_ADMIN_OF_ACME);
		}

		@Test
		void organizationRolesDecideTheRules() {
			this.client.mutateWith(hfLogin("alice").organization("acme", HfOrganizationRole.ADMIN))
				.get()
				.uri("/acme/admin")
				.exchange()
				.expectStatus()
				.isOk();
			this.client.mutateWith(hfLogin("bob").organization("acme", HfOrganizationRole.WRITE))
				.get()
				.uri("/acme/admin")
				.exchange()
				.expectStatus()
				.isForbidden();
			this.client.mutateWith(hfLogin("carol")).get().uri("/acme/admin").exchange().expectStatus().isForbidden();
		}

		@Test
		void theFluentFieldsReachThePrincipal() {
			this.client.mutateWith(hfLogin().name("Test User").email("t@example.com").pro(true)
				.scopes("openid", "inference-api").authorities("ROLE_TESTER"))
				.get()
				.uri("/me/details")
				.exchange()
				.expectBody(String.class)
				.isEqualTo("test-user Test User t@example.com pro [OIDC_USER, SCOPE_openid, SCOPE_inference-api, "
						+ "HF_PRO, ROLE_TESTER]");
		}

		@Test
		void nobodySignedInIsRefused() {
			this.client.get().uri("/me").exchange().expectStatus().isUnauthorized();
		}

		@Test
		@WithMockHfUser(username = "alice", organizations = @WithMockHfUser.Organization(name = "acme",
				role = HfOrganizationRole.ADMIN))
		void withMockHfUserWorksForReactiveControllers() {
			this.client.get().uri("/me").exchange().expectBody(String.class).isEqualTo(ALICE_ADMIN_OF_ACME);
			this.client.get().uri("/acme/admin").exchange().expectStatus().isOk();
		}

	}

	@Nested
	@SpringJUnitConfig(AppWithOwnMapper.class)
	class WithTheApplicationsConverter {

		@Autowired
		ApplicationContext context;

		@Test
		void itsMapperDecidesTheAuthorities() {
			WebTestClient.bindToApplicationContext(this.context)
				.apply(springSecurity())
				.configureClient()
				.build()
				.mutateWith(hfLogin("bob").organization("acme", HfOrganizationRole.ADMIN))
				.get()
				.uri("/me")
				.exchange()
				.expectBody(String.class)
				.isEqualTo("bob [OIDC_USER, SCOPE_openid, SCOPE_profile, HF_ORG_acme, HF_ORG_acme:READ, HF_ORG_acme:CONTRIBUTOR, HF_ORG_acme:WRITE, "
						+ "HF_ORG_acme:ADMIN, ROLE_ACME_ADMIN]");
		}

		@Test
		void alsoWhenAppliedToTheServerSetUp() {
			WebTestClient.bindToApplicationContext(this.context)
				.apply(springSecurity())
				.apply(hfLogin("bob").organization("acme", HfOrganizationRole.ADMIN))
				.configureClient()
				.build()
				.get()
				.uri("/me")
				.exchange()
				.expectBody(String.class)
				.value((body) -> assertThat(body).endsWith("ROLE_ACME_ADMIN]"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFlux
	@EnableWebFluxSecurity
	@Import(Pages.class)
	static class App {

		@Bean
		SecurityWebFilterChain chain(ServerHttpSecurity http) {
			return http
				.authorizeExchange((exchanges) -> exchanges.pathMatchers("/acme/admin")
					.hasAuthority("HF_ORG_acme:ADMIN")
					.anyExchange()
					.authenticated())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(App.class)
	static class AppWithOwnMapper {

		@Bean
		HfOAuth2UserConverter converter() {
			HfOrganizationAuthorities organizations = new HfOrganizationAuthorities();
			return new HfOAuth2UserConverter((user) -> {
				List<GrantedAuthority> authorities = new ArrayList<>(organizations.authorities(user));
				if (user.hasRoleIn("acme", HfOrganizationRole.ADMIN)) {
					authorities.add(new SimpleGrantedAuthority("ROLE_ACME_ADMIN"));
				}
				return authorities;
			}, null);
		}

	}

	@RestController
	static class Pages {

		@GetMapping("/me")
		Mono<String> me(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just(user.getUsername() + " " + authorities(user));
		}

		@GetMapping("/me/details")
		Mono<String> details(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just(user.getUsername() + " " + user.getDisplayName() + " " + user.getEmail()
					+ (user.isPro() ? " pro " : " ") + authorities(user));
		}

		@GetMapping("/acme/admin")
		Mono<String> admin() {
			return Mono.just("the admin page of acme");
		}

		private static List<String> authorities(HfOAuth2User user) {
			return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		}

	}

}
