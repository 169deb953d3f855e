package io.github.hfoauth.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organization page for members of acme, its admin-only action, what those without
 * access read, and the sign-in gate as a user meets it.
 */
class OrganizationPagesTests {

	static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	// Bob writes in acme; Eve belongs to no organization. Ada (the default) is acme's admin.
	static final String BOB = FakeHuggingFace.ACME_WRITER_USERINFO;

	static final String EVE = FakeHuggingFace.NO_ORGANIZATION_USERINFO;

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@AfterEach
	void restoreTheUser() {
		huggingFace.userInfo(FakeHuggingFace.DEFAULT_USERINFO);
	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "sample.organization=acme", "hf.oauth.org-ids=5e67bd5b1009063689407478" })
	class Pages {

		@LocalServerPort
		int port;

		@DynamicPropertySource
		static void space(DynamicPropertyRegistry registry) {
			SpaceSignIn.environment(registry, huggingFace, FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		}

		@Test
		void anAdminSeesThePagePostsAndSeesTheAnnouncement() {
			Browser ada = signedIn(FakeHuggingFace.DEFAULT_USERINFO);
			Document page = Browser.page(ada.get("/org"));
			assertThat(page.select(".org-name").text()).isEqualTo("Acme Corp");
			assertThat(page.select(".org-role").text()).isEqualTo("admin");
			HttpResponse<String> posted = ada.post("/org/announcements",
					Map.of("_csrf", Browser.csrfToken(page), "text", "<i>Ship it</i> on Friday"));
			assertThat(Browser.location(posted)).isEqualTo(ada.url("/org"));
			Document after = Browser.page(ada.get("/org"));
			assertThat(after.select(".announcements li").first().text()).isEqualTo("<i>Ship it</i> on Friday");
			assertThat(after.select(".announcements i")).as("escaped, not markup").isEmpty();
		}

		@Test
		void theAuthoritiesOfMeReflectTheRoleHierarchy() {
			Browser ada = signedIn(FakeHuggingFace.DEFAULT_USERINFO);
			List<Object> authorities = Json.asList(Json.parse(ada.getJson("/api/me").body()).get("authorities"));
			assertThat(authorities).contains("HF_PRO", "HF_ORG_acme", "HF_ORG_acme:ADMIN", "HF_ORG_acme:WRITE",
					"HF_ORG_acme:READ", "HF_ORG_open-science", "HF_ORG_open-science:READ")
				.doesNotContain("HF_ORG_open-science:WRITE");
		}

		@Test
		void aWriterSeesThePageButNotTheAdminAction() {
			Browser bob = signedIn(BOB);
			Document page = Browser.page(bob.get("/org"));
			assertThat(page.select("form[action=/org/announcements]")).isEmpty();
			assertThat(page.select(".admins-only").text())
				.isEqualTo("Only admins of acme can post announcements. Your role: write.");
			HttpResponse<String> forged = bob.post("/org/announcements",
					Map.of("_csrf", Browser.csrfToken(page), "text", "I am not an admin"));
			assertThat(forged.statusCode()).isEqualTo(403);
			assertThat(Browser.page(forged).select(".forbidden-message").text())
				.isEqualTo("Only admins of acme can do this.");
		}

		@Test
		void aNonMemberIsToldWhyNotWithTheirHandle() {
			Browser eve = signedIn(EVE);
			HttpResponse<String> page = eve.get("/org");
			assertThat(page.statusCode()).isEqualTo(403);
			assertThat(Browser.page(page).select(".forbidden-message").text())
				.isEqualTo("This page is for members of acme. You are signed in as @eve, who is not a member.");
			HttpResponse<String> api = eve.getJson("/org");
			assertThat(api.statusCode()).isEqualTo(403);
			assertThat(Json.parse(api.body())).containsEntry("error", "forbidden");
		}

		@Test
		void aPostWithoutTheCsrfTokenIsRefusedPlainly() {
			Browser ada = signedIn(FakeHuggingFace.DEFAULT_USERINFO);
			HttpResponse<String> forged = ada.post("/org/announcements", Map.of("text", "from another site"));
			assertThat(forged.statusCode()).isEqualTo(403);
			assertThat(forged.body()).doesNotContain("Only admins");
		}

		@Test
		void theConsentScreenAsksForTheOrganization() {
			Browser browser = new Browser(this.port);
			HttpResponse<String> start = browser.get(HfOAuth2Registration.LOGIN_URL);
			assertThat(FakeHuggingFace.queryParams(Browser.location(start).toString()))
				.containsEntry("orgIds", "5e67bd5b1009063689407478");
		}

		private Browser signedIn(String userInfo) {
			huggingFace.userInfo(userInfo);
			Browser browser = new Browser(this.port);
			SpaceSignIn.signIn(browser);
			return browser;
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "hf.oauth.allowed-organizations=acme")
	class Gate {

		@LocalServerPort
		int port;

		@DynamicPropertySource
		static void space(DynamicPropertyRegistry registry) {
			SpaceSignIn.environment(registry, huggingFace, FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		}

		@Test
		void aNonMemberIsToldTheAppIsForAcmeAndStaysSignedOut() {
			huggingFace.userInfo(EVE);
			Browser eve = new Browser(this.port);
			HttpResponse<String> start = eve.get(HfOAuth2Registration.LOGIN_URL);
			HttpResponse<String> refused = eve.get(SpaceSignIn.approveOnHuggingFace(eve, start).toString());
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(Browser.page(refused).text()).contains("This app is limited to members of acme.", "Try again");
			assertThat(eve.getJson("/api/me").statusCode()).isEqualTo(401);
		}

		@Test
		void aMemberSignsIn() {
			Browser ada = new Browser(this.port);
			SpaceSignIn.signIn(ada);
			assertThat(Json.parse(ada.getJson("/api/me").body())).containsEntry("username", "ada");
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "hf.oauth.allowed-organizations=acme")
	class GateInMockMode {

		@LocalServerPort
		int port;

		@Test
		void theMockUsersOrganizationsDecide() {
			Browser browser = new Browser(this.port);
			HttpResponse<String> refused = browser.get(HfOAuth2Registration.LOGIN_URL);
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(Browser.page(refused).text()).contains("This app is limited to members of acme.");
			assertThat(browser.getJson("/api/me").statusCode()).isEqualTo(401);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "hf.oauth.allowed-organizations=acme", "sample.organization=acme",
					"hf.oauth.mock.organizations[0].username=acme", "hf.oauth.mock.organizations[0].role=admin" })
	class MockMemberOfAcme {

		@LocalServerPort
		int port;

		@Test
		void getsInAndSeesTheOrganizationPage() {
			Browser browser = new Browser(this.port);
			browser.followRedirects(browser.get(HfOAuth2Registration.LOGIN_URL));
			Document page = Browser.page(browser.get("/org"));
			assertThat(page.select(".org-role").text()).isEqualTo("admin");
			assertThat(page.select("form[action=/org/announcements]")).hasSize(1);
		}

	}

}
