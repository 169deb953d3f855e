package io.github.hfoauth.sample;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app deployed in a Hugging Face Space with {@code hf_oauth: true}: the client comes from
 * the Space's environment, and the browser returns from Hugging Face to the Space's public
 * https host, which Hugging Face's proxy forwards to the app over plain http.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SpaceLoginFlowTests {

	private static final String SCOPES = "openid profile email read-memberships";

	// With a custom domain SPACE_HOST lists it second: the hf.space host is the registered one.
	private static final String SPACE_REDIRECT_URI = "https://ada-demo.hf.space/login/oauth2/code/huggingface";

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SCOPES);

	@LocalServerPort
	private int port;

	private Browser browser;

	@DynamicPropertySource
	static void spaceEnvironment(DynamicPropertyRegistry registry) {
		registry.add("SPACE_ID", () -> "ada/demo");
		registry.add("SPACE_HOST", () -> "ada-demo.hf.space,demo.example.org");
		registry.add("OAUTH_CLIENT_ID", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
		registry.add("OAUTH_CLIENT_SECRET", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		registry.add("OAUTH_SCOPES", () -> SCOPES);
		registry.add("OPENID_PROVIDER_URL", huggingFace::baseUrl);
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@BeforeEach
	void openBrowser() {
		huggingFace.resetRequests();
		this.browser = new Browser(this.port);
	}

	@Test
	void anonymousVisitorIsOfferedTheSignInAndTheApiRefusesWithJson() {
		HttpResponse<String> api = this.browser.getJson("/api/me");
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("Location")).isEmpty();
		assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(Json.parse(api.body())).containsExactlyInAnyOrderEntriesOf(Map.of("error", "unauthorized",
				"message", "Sign in with Hugging Face first.", "login", HfOAuth2Registration.LOGIN_URL));

		HttpResponse<String> home = this.browser.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		Element signIn = Browser.page(home).selectFirst("a[href=" + HfOAuth2Registration.LOGIN_URL + "]");
		assertThat(signIn).isNotNull();
		assertThat(signIn.text()).isEqualTo("Sign in with Hugging Face");
		// Inside the Space page's iframe third-party cookies may be blocked: sign in in a tab of its own.
		assertThat(signIn.attr("target")).isEqualTo("_blank");
	}

	@Test
	void signInAsksHuggingFaceForACodeWithStateNonceAndPkceAndRedeemsItWithTheVerifier() throws Exception {
		HttpResponse<String> start = this.browser.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(start.statusCode()).isEqualTo(302);
		URI authorize = Browser.location(start);
		assertThat(authorize.toString()).startsWith(huggingFace.baseUrl() + "/oauth/authorize?");

		Map<String, String> authorizeParams = FakeHuggingFace.queryParams(authorize.toString());
		assertThat(authorizeParams).containsEntry("response_type", "code")
			.containsEntry("client_id", FakeHuggingFace.DEFAULT_CLIENT_ID)
			.containsEntry("redirect_uri", SPACE_REDIRECT_URI)
			.containsEntry("code_challenge_method", "S256");
		assertThat(authorizeParams.get("scope").split(" ")).containsExactlyInAnyOrder(SCOPES.split(" "));
		assertThat(authorizeParams.get("state")).isNotBlank();
		assertThat(authorizeParams.get("nonce")).isNotBlank();
		assertThat(authorizeParams.get("code_challenge")).isNotBlank();

		URI callback = returnFromHuggingFace(this.browser.get(authorize.toString()));
		String code = FakeHuggingFace.queryParams(callback.toString()).get("code");
		HttpResponse<String> signedIn = this.browser.get(callback.toString());
		assertThat(signedIn.statusCode()).isEqualTo(302);

		assertThat(huggingFace.tokenRequests()).hasSize(1);
		LoggedRequest tokenRequest = huggingFace.tokenRequests().get(0);
		Map<String, String> tokenParams = FakeHuggingFace.formParams(tokenRequest);
		assertThat(tokenParams).containsEntry("grant_type", "authorization_code")
			.containsEntry("code", code)
			.containsEntry("redirect_uri", SPACE_REDIRECT_URI);
		assertThat(s256(tokenParams.get("code_verifier"))).isEqualTo(authorizeParams.get("code_challenge"));
		assertThat(tokenRequest.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString((FakeHuggingFace.DEFAULT_CLIENT_ID + ":" + FakeHuggingFace.DEFAULT_CLIENT_SECRET)
				.getBytes(StandardCharsets.UTF_8)));

		assertThat(huggingFace.userInfoRequests()).hasSize(1);
		assertThat(huggingFace.userInfoRequests().get(0).getHeader("Authorization"))
			.isEqualTo("Bearer " + issuedAccessToken());
	}

	@Test
	void signedInUserIsTheOneHuggingFaceDescribes() {
		signIn();

		HttpResponse<String> api = this.browser.getJson("/api/me");
		assertThat(api.statusCode()).isEqualTo(200);
		Map<String, Object> me = Json.parse(api.body());
		assertThat(me).containsOnlyKeys("sub", "username", "name", "email", "emailVerified", "picture", "profile",
				"website", "pro", "canPay", "organizations", "authorities");
		assertThat(me).containsEntry("sub", FakeHuggingFace.DEFAULT_SUB)
			.containsEntry("username", "ada")
			.containsEntry("name", "Ada Lovelace")
			.containsEntry("email", "ada@example.com")
			.containsEntry("emailVerified", true)
			.containsEntry("picture", "https://cdn.example/avatars/ada.png")
			.containsEntry("profile", "https://hf.example/ada")
			.containsEntry("website", "https://ada.example")
			.containsEntry("pro", true)
			.containsEntry("canPay", false);
		assertThat(Json.asList(me.get("authorities"))).contains("OIDC_USER", "SCOPE_openid", "SCOPE_read-memberships");

		List<Object> organizations = Json.asList(me.get("organizations"));
		assertThat(organizations).hasSize(2);
		Map<String, Object> acme = Json.asObject(organizations.get(0));
		assertThat(acme).containsOnlyKeys("sub", "username", "name", "picture", "plan", "canPay",
				"roleInOrg", "securityRestrictions");
		assertThat(acme).containsEntry("sub", "5e67bd5b1009063689407478")
			.containsEntry("username", "acme")
			.containsEntry("name", "Acme Corp")
			.containsEntry("picture", "https://cdn.example/avatars/acme.png")
			.containsEntry("plan", "team")
			.containsEntry("canPay", true)
			.containsEntry("roleInOrg", "admin")
			.containsEntry("securityRestrictions", List.of("mfa", "sso"));
		Map<String, Object> openScience = Json.asObject(organizations.get(1));
		assertThat(openScience).containsEntry("username", "open-science")
			.containsEntry("name", "Open Science")
			.containsEntry("plan", "enterprise")
			.containsEntry("roleInOrg", "read")
			.containsEntry("securityRestrictions", List.of());
	}

	@Test
	void absentValuesAreNullButTheirKeysStay() {
		huggingFace.userInfo("{\"sub\":\"" + FakeHuggingFace.DEFAULT_SUB + "\",\"preferred_username\":\"ada\","
				+ "\"orgs\":[{\"preferred_username\":\"acme\"}]}");
		try {
			signIn();
			Map<String, Object> me = Json.parse(this.browser.getJson("/api/me").body());
			assertThat(me).containsEntry("username", "ada")
				.containsEntry("email", null)
				.containsEntry("emailVerified", null)
				.containsEntry("website", null)
				.containsEntry("canPay", null)
				.containsEntry("pro", false);
			List<Object> organizations = Json.asList(me.get("organizations"));
			assertThat(organizations).hasSize(1);
			assertThat(Json.asObject(organizations.get(0))).hasSize(8)
				.containsEntry("username", "acme")
				.containsEntry("sub", null)
				.containsEntry("roleInOrg", null)
				.containsEntry("securityRestrictions", List.of());
		}
		finally {
			huggingFace.userInfo(FakeHuggingFace.DEFAULT_USERINFO);
		}
	}

	@Test
	void signInGivesTheBrowserANewSession() {
		HttpResponse<String> start = this.browser.get(HfOAuth2Registration.LOGIN_URL);
		String sessionBeforeSignIn = this.browser.cookie("JSESSIONID");
		assertThat(sessionBeforeSignIn).isNotNull();

		URI callback = returnFromHuggingFace(this.browser.follow(start));
		this.browser.get(callback.toString());

		assertThat(this.browser.cookie("JSESSIONID")).isNotNull().isNotEqualTo(sessionBeforeSignIn);
		assertThat(this.browser.getJson("/api/me").statusCode()).isEqualTo(200);
	}

	@Test
	void homePageShowsTheSignedInUser() {
		signIn();

		Document home = Browser.page(this.browser.get("/"));
		String text = home.body().text();
		assertThat(text).contains("Ada Lovelace", "@ada", "Acme Corp", "Open Science")
			.doesNotContain("Sign in with Hugging Face");
	}

	@Test
	void signOutNeedsTheCsrfTokenAndEndsTheSession() {
		// A user of its own: another test's live session of the same user would (rightly) be
		// named at sign-out as still signed in elsewhere.
		huggingFace.asANewUser(this::signIn);
		String csrfToken = Browser.csrfToken(Browser.page(this.browser.get("/")));

		HttpResponse<String> forged = this.browser.post("/logout", Map.of());
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(this.browser.getJson("/api/me").statusCode()).isEqualTo(200);

		HttpResponse<String> signedOut = this.browser.post("/logout", Map.of("_csrf", csrfToken));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(Browser.location(signedOut)).isEqualTo(this.browser.url("/"));
		assertThat(this.browser.getJson("/api/me").statusCode()).isEqualTo(401);
		assertThat(Browser.page(this.browser.get("/")).body().text()).contains("Sign in with Hugging Face");
	}

	/** Signs in and checks that the app then sends the browser home, with nothing else requested. */
	private void signIn() {
		HttpResponse<String> start = this.browser.get(HfOAuth2Registration.LOGIN_URL);
		URI callback = returnFromHuggingFace(this.browser.follow(start));
		HttpResponse<String> signedIn = this.browser.get(callback.toString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(Browser.location(signedIn)).isEqualTo(this.browser.url("/"));
	}

	/**
	 * Hugging Face sends the browser to the Space's https host; Hugging Face's proxy ends TLS
	 * there and forwards the request to the app. Here the test plays the proxy.
	 */
	private URI returnFromHuggingFace(HttpResponse<String> authorizeResponse) {
		assertThat(authorizeResponse.statusCode()).isEqualTo(302);
		URI location = Browser.location(authorizeResponse);
		assertThat(location.toString()).startsWith(SPACE_REDIRECT_URI + "?");
		return this.browser.url(location.getRawPath() + "?" + location.getRawQuery());
	}

	private static String issuedAccessToken() {
		String tokenResponse = huggingFace.server()
			.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith("/oauth/token"))
			.findFirst()
			.orElseThrow()
			.getResponse()
			.getBodyAsString();
		return (String) Json.parse(tokenResponse).get("access_token");
	}

	// RFC 7636: code_challenge = BASE64URL(SHA-256(ASCII(code_verifier))), without padding.
	private static String s256(String codeVerifier) throws NoSuchAlgorithmException {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
