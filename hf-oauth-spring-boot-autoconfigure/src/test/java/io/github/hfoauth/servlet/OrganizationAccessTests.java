package io.github.hfoauth.servlet;

import java.net.http.HttpResponse;
import java.util.Map;

import io.github.hfoauth.HfAuthorization;
import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.HfOrganizationRole;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Only members of my org may use this" and "admins of my org see the admin page", written
 * the three ways the starter offers: URL rules, {@code @PreAuthorize} with {@code @hf}, and
 * plain authorities; and the gate that keeps non-members from signing in at all.
 */
class OrganizationAccessTests {

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

	static void huggingFace(DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "hf.oauth.org-ids=5e67bd5b1009063689407478")
	class Rules {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
		}

		@Test
		void anAdminOfAcmeMayDoEverythingAcmeAllows() {
			TestBrowser ada = signedIn(ADA);
			assertThat(ada.get(ada.app("/members")).statusCode()).isEqualTo(200);
			assertThat(ada.get(ada.app("/admins")).statusCode()).isEqualTo(200);
			assertThat(ada.get(ada.app("/writers")).statusCode()).isEqualTo(200);
			assertThat(ada.get(ada.app("/pro")).statusCode()).isEqualTo(200);
			// Ada only reads open-science.
			assertThat(ada.get(ada.app("/open-science/write")).statusCode()).isEqualTo(403);
		}

		@Test
		void aWriterOfAcmeIsAMemberAndAWriterButNoAdmin() {
			TestBrowser bob = signedIn(BOB);
			assertThat(bob.get(bob.app("/members")).statusCode()).isEqualTo(200);
			assertThat(bob.get(bob.app("/writers")).statusCode()).isEqualTo(200);
			assertThat(bob.get(bob.app("/admins")).statusCode()).isEqualTo(403);
			assertThat(bob.get(bob.app("/pro")).statusCode()).isEqualTo(403);
		}

		@Test
		void someoneOutsideAcmeIsDeniedEverywhere() {
			TestBrowser eve = signedIn(EVE);
			for (String path : new String[] { "/members", "/writers", "/admins" }) {
				assertThat(eve.get(eve.app(path)).statusCode()).as(path).isEqualTo(403);
			}
			assertThat(eve.get(eve.app("/hello-anyone")).statusCode()).isEqualTo(200);
		}

		@Test
		void theConsentScreenIsAskedForTheOrganization() {
			TestBrowser browser = new TestBrowser(this.port);
			String authorize = TestBrowser.location(browser.get(browser.app(HfOAuth2Registration.LOGIN_URL)));
			Map<String, String> parameters = FakeHuggingFace.queryParams(authorize);
			assertThat(parameters).containsEntry("orgIds", "5e67bd5b1009063689407478").containsKey("code_challenge");
		}

		private TestBrowser signedIn(String userInfo) {
			fake.userInfo(userInfo);
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).isEqualTo(302);
			return browser;
		}

	}

	@Nested
	@SpringBootTest(classes = App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "hf.oauth.allowed-organizations=acme", "hf.oauth.allowed-role=write" })
	class Gate {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) {
			huggingFace(registry);
		}

		@Test
		void membersWithTheRoleSignIn() {
			fake.userInfo(BOB);
			TestBrowser bob = new TestBrowser(this.port);
			assertThat(bob.signIn().statusCode()).isEqualTo(302);
			assertThat(bob.get(bob.app("/hello-anyone")).body()).isEqualTo("hello bob");
		}

		@Test
		void othersAreToldWhyAndGetNoSession() {
			fake.userInfo(EVE);
			TestBrowser eve = new TestBrowser(this.port);
			HttpResponse<String> refused = eve.signIn();
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("This app is limited to members of acme with the write role or above.",
					"Try again");
			assertThat(eve.get(eve.app("/hello-anyone")).statusCode()).as("not signed in").isEqualTo(302);
		}

		@Test
		void apiClientsAreToldInJson() {
			fake.userInfo(EVE);
			TestBrowser api = new TestBrowser(this.port);
			String toProvider = TestBrowser.location(api.get(api.app(HfOAuth2Registration.LOGIN_URL)));
			String callback = api.onThisApp(TestBrowser.location(api.get(toProvider)));
			HttpResponse<String> json = api.getJson(callback);
			assertThat(json.statusCode()).isEqualTo(403);
			assertThat(json.body()).isEqualTo("{\"error\":\"hf_organization_required\",\"message\":"
					+ "\"This app is limited to members of acme with the write role or above.\"}");
		}

	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableMethodSecurity
	@RestController
	static class App {

		@Bean
		SecurityFilterChain organizations(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/members").access(HfAuthorization.memberOf("ACME"))
				.requestMatchers("/admins").access(HfAuthorization.hasRoleIn("acme", HfOrganizationRole.ADMIN))
				.requestMatchers("/pro").access(HfAuthorization.pro())
				.anyRequest().authenticated())
				.with(HfOAuth2LoginConfigurer.huggingFace(), Customizer.withDefaults());
			return http.build();
		}

		@GetMapping("/members")
		String members() {
			return "members";
		}

		@GetMapping("/admins")
		String admins() {
			return "admins";
		}

		@GetMapping("/pro")
		String pro() {
			return "pro";
		}

		@GetMapping("/writers")
		@PreAuthorize("hasAuthority('HF_ORG_acme:WRITE')")
		String writers() {
			return "writers";
		}

		@GetMapping("/open-science/write")
		@PreAuthorize("@hf.hasRoleIn('open-science', 'write')")
		String openScienceWriters() {
			return "open-science writers";
		}

		@GetMapping("/hello-anyone")
		String anyone(@org.springframework.security.core.annotation.AuthenticationPrincipal io.github.hfoauth.HfOAuth2User user) {
			return "hello " + user.getUsername();
		}

	}

}
