package io.github.hfoauth.sample;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.HfSignInMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app run locally with nothing configured, as with {@code mvn spring-boot:run}: signing in
 * signs in the mock user, and no provider is involved at all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MockModeTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	private Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	@Test
	void signInSignsInTheMockUserWithoutLeavingTheApp() {
		HttpResponse<String> signIn = this.browser.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(signIn.statusCode()).isEqualTo(302);
		URI next = Browser.location(signIn);
		assertThat(next).isEqualTo(this.browser.url("/"));

		HttpResponse<String> home = this.browser.follow(signIn);
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(Browser.page(home).body().text()).contains("Mock User", "@mock-user", "Mock Organization",
				"admin", "Mock mode");

		Map<String, Object> me = Json.parse(this.browser.getJson("/api/me").body());
		assertThat(me).containsEntry("username", "mock-user").containsEntry("name", "Mock User");
		List<Object> organizations = Json.asList(me.get("organizations"));
		assertThat(organizations).hasSize(1);
		assertThat(Json.asObject(organizations.get(0))).containsEntry("username", "mock-org")
			.containsEntry("roleInOrg", "admin");
	}

	@Test
	void noProviderIsConfigured() {
		assertThat(this.context.getBean(HfSignInMode.class)).isEqualTo(HfSignInMode.MOCK);
		assertThat(this.context.getBean(ClientRegistrationRepository.class)
			.findByRegistrationId(HfOAuth2Registration.REGISTRATION_ID)).isNull();
	}

	@Test
	void signInFromAProtectedPageReturnsToThatPage() {
		HttpResponse<String> account = this.browser.get("/account");
		assertThat(account.statusCode()).isEqualTo(302);
		assertThat(Browser.location(account)).isEqualTo(this.browser.url(HfOAuth2Registration.LOGIN_URL));

		HttpResponse<String> signedIn = this.browser.follow(account);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(Browser.location(signedIn)).isEqualTo(this.browser.url("/account?continue"));

		HttpResponse<String> page = this.browser.follow(signedIn);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(Browser.page(page).body().text()).contains("Your account", "mock-user", "mock-user@example.com");
	}

	@Test
	void aSignInAfterTheApiAnswered401LandsHomeNotOnTheApi() {
		HttpResponse<String> me = this.browser.get("/api/me");
		assertThat(me.statusCode()).as("a browser asking the API").isEqualTo(401);
		HttpResponse<String> signedIn = this.browser.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(Browser.location(signedIn)).isEqualTo(this.browser.url("/"));
	}

	@Test
	void aClientThatIsNoBrowserGetsTheSameAnswerAsInRealMode() {
		// Real oauth2Login redirects only requests that ask for a page; so must the mock.
		HttpResponse<String> account = this.browser.getJson("/account");
		assertThat(account.statusCode()).isEqualTo(401);
		assertThat(Json.parse(account.body())).containsEntry("error", "unauthorized");
	}

}
