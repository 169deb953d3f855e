package io.github.hfoauth.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import jakarta.servlet.http.HttpSession;
import org.apache.catalina.Context;
import org.apache.catalina.Manager;
import org.apache.catalina.Session;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logout ends the session on the server, not only in the browser: a copy of the old session
 * cookie (a shared computer, a stolen cookie) signs nobody in afterwards, and the Hugging
 * Face access token the session held is gone with it. Only a POST with the CSRF token logs
 * out, so another site cannot log a user out, and a sign-in never keeps the session id the
 * browser had before it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LogoutTests {

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SpaceSignIn.SCOPES);

	private static final HttpClient cookieless = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	private int port;

	@Autowired
	private WebServerApplicationContext context;

	@Autowired
	private OAuth2AuthorizedClientRepository authorizedClients;

	private Browser browser;

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		SpaceSignIn.environment(registry, huggingFace, FakeHuggingFace.DEFAULT_CLIENT_SECRET);
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	@Test
	void logoutEndsTheSessionSoACopyOfItsCookieSignsNobodyIn() {
		SpaceSignIn.signIn(this.browser);
		String session = this.browser.cookie("JSESSIONID");
		assertThat(authorizedClient(session)).as("the Hugging Face token held in the session").isNotNull()
			.satisfies((client) -> assertThat(client.getAccessToken().getTokenValue()).startsWith("hf_oauth_"));
		// What logout has to end: anyone presenting this cookie is the user.
		assertThat(getApiMeWithCookie(session)).isEqualTo(200);

		String csrfToken = Browser.csrfToken(Browser.page(this.browser.get("/")));
		HttpResponse<String> signedOut = this.browser.post("/logout", Map.of("_csrf", csrfToken));

		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(Browser.location(signedOut)).isEqualTo(this.browser.url("/"));
		assertThat(Browser.page(this.browser.follow(signedOut)).body().text()).contains("Sign in with Hugging Face");
		assertThat(this.browser.getJson("/api/me").statusCode()).isEqualTo(401);
		assertThat(getApiMeWithCookie(session)).as("/api/me with the cookie from before logout").isEqualTo(401);
		assertThat(tomcatSession(session)).as("the session on the server, and the token in it").isNull();
	}

	// Two cookie jars of one visitor: the Space page's frame and a tab of the app, each signed
	// in; a third person signs in beside them and is never counted as either.
	@Test
	void signOutSaysWhetherAnotherTabOfTheSameUserIsStillSignedIn() {
		Browser frame = new Browser(this.port);
		Browser tab = new Browser(this.port);
		Browser stranger = new Browser(this.port);
		SpaceSignIn.signIn(frame);
		SpaceSignIn.signIn(tab);
		huggingFace.asANewUser(() -> SpaceSignIn.signIn(stranger));

		SignOutScenarios.assertSignOutSaysWhetherAnotherTabIsStillSignedIn(frame, tab, stranger,
				"Another tab of this app (or the Space page) is still signed in");
		stranger.signOut();
	}

	@AfterEach
	void signOutTheBrowser() {
		// A session left signed in would count as "another tab" in the next test's sign-out.
		if (this.browser.getJson("/api/me").statusCode() == 200) {
			this.browser.signOut();
		}
	}

	@Test
	void getLogoutDoesNotLogOut() {
		SpaceSignIn.signIn(this.browser);
		String session = this.browser.cookie("JSESSIONID");

		HttpResponse<String> get = this.browser.get("/logout");

		assertThat(get.statusCode()).isLessThan(500);
		assertThat(this.browser.getJson("/api/me").statusCode()).isEqualTo(200);
		assertThat(this.browser.cookie("JSESSIONID")).isEqualTo(session);
		assertThat(authorizedClient(session)).isNotNull();
	}

	@Test
	void logoutWithoutTheRightCsrfTokenDoesNotLogOut() {
		SpaceSignIn.signIn(this.browser);
		String session = this.browser.cookie("JSESSIONID");

		assertThat(this.browser.post("/logout", Map.of()).statusCode()).isEqualTo(403);
		assertThat(this.browser.post("/logout", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);

		assertThat(this.browser.getJson("/api/me").statusCode()).isEqualTo(200);
		assertThat(authorizedClient(session)).isNotNull();
	}

	@Test
	void sessionIdFromBeforeSignInIsNotSignedIn() {
		HttpResponse<String> start = this.browser.get(HfOAuth2Registration.LOGIN_URL);
		String before = this.browser.cookie("JSESSIONID");
		assertThat(before).isNotNull();
		URI callback = SpaceSignIn.approveOnHuggingFace(this.browser, start);
		HttpResponse<String> signedIn = this.browser.get(callback.toString());
		assertThat(signedIn.statusCode()).isEqualTo(302);

		assertThat(this.browser.cookie("JSESSIONID")).isNotEqualTo(before);
		assertThat(this.browser.getJson("/api/me").statusCode()).isEqualTo(200);
		// Session fixation: whoever planted the id before the sign-in must not share it.
		assertThat(getApiMeWithCookie(before)).isEqualTo(401);
		assertThat(tomcatSession(before)).isNull();
	}

	// Another client, e.g. someone who copied the cookie: no cookie jar, only this one cookie.
	private int getApiMeWithCookie(String session) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/me"))
			.header("Accept", "application/json")
			.header("Cookie", "JSESSIONID=" + session)
			.timeout(Duration.ofSeconds(20))
			.build();
		try {
			return cookieless.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The authorized client the app's own repository finds in the session, or {@code null}. */
	private @Nullable OAuth2AuthorizedClient authorizedClient(String sessionId) {
		HttpSession session = tomcatSession(sessionId);
		if (session == null) {
			return null;
		}
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setSession(session);
		SecurityContext securityContext = (SecurityContext) session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		return this.authorizedClients.loadAuthorizedClient("huggingface",
				(securityContext != null) ? securityContext.getAuthentication() : null, request);
	}

	// Straight from Tomcat's session manager: what the server still holds, whatever the
	// browser was told.
	private @Nullable HttpSession tomcatSession(String id) {
		TomcatWebServer tomcat = (TomcatWebServer) this.context.getWebServer();
		Context webapp = (Context) tomcat.getTomcat().getHost().findChildren()[0];
		Manager manager = webapp.getManager();
		try {
			Session session = manager.findSession(id);
			return (session != null && session.isValid()) ? session.getSession() : null;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
