package io.github.hfoauth.servlet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hugging Face tokens on the app's own API ({@code hf.oauth.bearer.*}), over real HTTP against
 * the fake Hub: the same scenarios for the servlet app ({@link BearerTokenTests}) and its
 * WebFlux twin. The apps limit sign-in to members of {@code acme} and answer
 * {@code GET /api/me}, {@code POST /api/notes} and, outside the bearer paths, {@code GET /hello},
 * each with the user's handle and authorities.
 */
@ExtendWith(OutputCaptureExtension.class)
// Everything Spring Security and the starter say, to show that no token is ever in it. Not in a
// @DynamicPropertySource: Boot sets the log levels before those are added.
@TestPropertySource(properties = { "logging.level.org.springframework.security=TRACE",
		"logging.level.io.github.hfoauth=TRACE" })
public abstract class BearerTokenScenarios {

	/** whoami-v2's {@code auth} for a user access token, the only kind accepted by default. */
	public static final String USER_ACCESS_TOKEN = """
			"auth":{"type":"access_token","accessToken":{"displayName":"notebook","role":"read"}}""";

	// Ada's user without the auth block, which tells the kind of token.
	private static final String ADA_USER = """
			{"type":"user","id":"62f264b9f3c90f4b6514a269","name":"ada","fullname":"Ada Lovelace",
			 "email":"ada@example.com","emailVerified":true,"isPro":true,"avatarUrl":"/avatars/ada.png",
			 "orgs":[{"type":"org","id":"5e67bd5b1009063689407478","name":"acme","fullname":"Acme Corp",
			          "roleInOrg":"admin","plan":"team","avatarUrl":"https://cdn.example/acme.png"}]""";

	/** Ada: admin of acme, Pro. */
	public static final String ADA = ADA_USER + "," + USER_ACCESS_TOKEN + "}";

	/** Bob: writer in acme. */
	public static final String BOB = """
			{"type":"user","id":"7a1b2c3d4e5f60718293a4b5","name":"bob","fullname":"Bob",
			 "orgs":[{"type":"org","id":"5e67bd5b1009063689407478","name":"acme","roleInOrg":"write"}],""" + USER_ACCESS_TOKEN
			+ "}";

	/** Eve: in no organization. */
	public static final String EVE = """
			{"type":"user","id":"8b1b2c3d4e5f60718293a4b5","name":"eve","fullname":"Eve","orgs":[],""" + USER_ACCESS_TOKEN
			+ "}";

	/**
	 * The properties both apps run with.
	 * @param fake the fake Hugging Face
	 * @param registry the test's properties
	 */
	public static void properties(FakeHuggingFace fake, DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
		registry.add("hf.api.hub-url", fake::baseUrl);
		registry.add("hf.oauth.bearer.enabled", () -> "true");
		registry.add("hf.oauth.allowed-organizations", () -> "acme");
		// Small, so that a flood fills it: 20 answers and 2 refusals.
		registry.add("hf.oauth.bearer.cache-size", () -> "20");
	}

	/**
	 * What both apps answer: the user's handle, name, email, avatar, organizations and sorted
	 * authorities, so that a test sees at once whose token it was.
	 * @param user the signed-in user
	 * @param authentication the request's authentication
	 * @return one line
	 */
	protected static String describe(HfOAuth2User user, Authentication authentication) {
		return user.getUsername() + " " + user.getDisplayName() + " " + user.getEmail() + " " + user.getAvatarUrl() + " "
				+ user.getOrganizations().stream().map((organization) -> organization.getUsername()).toList() + " "
				+ authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
	}

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	protected abstract FakeHuggingFace fake();

	@Value("${local.server.port}")
	private int port;

	// The Hub's answer to a token it does not know.
	@BeforeEach
	void unknownTokens() {
		fake().resetRequests();
		fake().server()
			.stubFor(get(urlEqualTo("/api/whoami-v2")).atPriority(10)
				.willReturn(aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error\":\"Invalid credentials in Authorization header\"}")));
	}

	@AfterEach
	void repairTheHub() {
		fake().repair();
	}

	@Test
	void aTokenIsTheUserItBelongsToWithTheirAuthorities(CapturedOutput output) {
		String token = token(ADA);
		HttpResponse<String> me = send("GET", "/api/me", token);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).startsWith("ada Ada Lovelace ada@example.com " + fake().baseUrl() + "/avatars/ada.png [acme]")
			.contains("OIDC_USER", "HF_PRO", "HF_ORG_acme", "HF_ORG_acme:ADMIN", "HF_ORG_acme:READ")
			.doesNotContain("SCOPE_");
		assertThat(me.headers().allValues("Set-Cookie")).as("no session for a bearer request").isEmpty();
		LoggedWhoami.assertAskedWith(fake(), token);
		assertThat(output).as("the bearer machinery's logging is on")
			.containsPattern("DEBUG .*HfBearerTokenUsers +: Hugging Face answered HTTP 200 when asked who a bearer token")
			.doesNotContain(token);
	}

	@Test
	void anUnknownTokenIsRefusedWithABearerChallenge(CapturedOutput output) {
		String token = "hf_unknown_" + UUID.randomUUID();
		HttpResponse<String> me = send("GET", "/api/me", token);
		assertThat(me.statusCode()).isEqualTo(401);
		assertThat(me.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		assertThat(me.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(me.body()).startsWith("{\"error\":\"invalid_token\",\"message\":\"Hugging Face does not know this "
				+ "token, or it expired or was revoked: use a token from huggingface.co/settings/tokens.\"}");
		assertThat(me.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(output).as("Spring Security's logging is on")
			.containsPattern("DEBUG .*Authentication failed.*Hugging Face does not know this token")
			.doesNotContain(token);
	}

	@Test
	void onlyAUserAccessTokenCountsNotATokenAnotherAppGotWhenTheUserSignedInThere(CapturedOutput output) {
		String oauth = token(ADA_USER + ",\"auth\":{\"type\":\"oauth\",\"expiresAt\":\"2026-12-03T18:00:00Z\"}}");
		String noAuth = token(ADA_USER + "}");
		for (String token : List.of(oauth, noAuth)) {
			HttpResponse<String> me = send("GET", "/api/me", token);
			assertThat(me.statusCode()).isEqualTo(401);
			assertThat(me.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\", "
					+ "error_description=\"This app accepts only user access tokens, not a token an app got when you "
					+ "signed in to it: use a token from huggingface.co/settings/tokens.\"");
			assertThat(me.body()).isEqualTo("{\"error\":\"invalid_token\",\"message\":\"This app accepts only user "
					+ "access tokens, not a token an app got when you signed in to it: use a token from "
					+ "huggingface.co/settings/tokens.\"}");
			assertThat(send("GET", "/api/me", token).statusCode()).as("remembered").isEqualTo(401);
			assertThat(LoggedWhoami.count(fake(), token)).isEqualTo(1);
		}
		assertThat(output).doesNotContain(oauth, noAuth);
	}

	@Test
	void aMalformedTokenIsRefusedWithoutAskingTheHub() {
		HttpResponse<String> me = send(HttpRequest.newBuilder(URI.create(app("/api/me")))
			.header("Authorization", "Bearer two words"));
		assertThat(me.statusCode()).isEqualTo(401);
		assertThat(me.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		assertThat(me.body()).contains("\"error\":\"invalid_token\"");
		assertThat(fake().server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2")))).isEmpty();
	}

	@Test
	void aUserTheOrganizationGateRefusesIsForbidden(CapturedOutput output) {
		String token = token(EVE);
		HttpResponse<String> me = send("GET", "/api/me", token);
		assertThat(me.statusCode()).isEqualTo(403);
		assertThat(me.body()).isEqualTo(
				"{\"error\":\"hf_organization_required\",\"message\":\"This app is limited to members of acme.\"}");
		assertThat(send("GET", "/api/me", token).statusCode()).as("remembered").isEqualTo(403);
		assertThat(LoggedWhoami.count(fake(), token)).isEqualTo(1);
		assertThat(output).doesNotContain(token);
	}

	@Test
	void theHubOutOfReachIsServiceUnavailableAndNotRemembered(CapturedOutput output) {
		String token = token(ADA);
		for (ResponseDefinitionBuilder outage : List.of(aResponse().withStatus(502),
				aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))) {
			fake().breakEndpoint("/api/whoami-v2", outage);
			HttpResponse<String> me = send("GET", "/api/me", token);
			assertThat(me.statusCode()).isEqualTo(503);
			assertThat(me.body()).isEqualTo("{\"error\":\"hf_unavailable\",\"message\":\"Hugging Face could not be "
					+ "reached to check the token: try again in a moment.\"}");
		}
		fake().repair();
		unknownTokens();
		stub(token, okJson(ADA));
		assertThat(send("GET", "/api/me", token).statusCode()).isEqualTo(200);
		assertThat(output).doesNotContain(token);
	}

	@Test
	void aHundredConcurrentRequestsWithANewTokenAskTheHubOnce(CapturedOutput output) {
		String token = token(okJson(ADA).withFixedDelay(300));
		List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			requests.add(this.http.sendAsync(request("GET", "/api/me", token), HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> request : requests) {
			HttpResponse<String> me = request.join();
			assertThat(me.statusCode()).isEqualTo(200);
			assertThat(me.body()).startsWith("ada ");
		}
		assertThat(LoggedWhoami.count(fake(), token)).as("calls to the Hub for one token").isEqualTo(1);
		assertThat(output).doesNotContain(token);
	}

	@Test
	void aFloodOfBadTokensNeitherCallsTheHubForJunkNorPushesOutAUser() {
		String token = token(ADA);
		assertThat(send("GET", "/api/me", token).statusCode()).isEqualTo(200);
		fake().resetRequests();
		for (int i = 0; i < 50; i++) {
			assertThat(send("GET", "/api/me", "junk-" + UUID.randomUUID()).statusCode()).isEqualTo(401);
		}
		assertThat(fake().server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2"))))
			.as("calls to the Hub for tokens that cannot be Hugging Face's")
			.isEmpty();
		for (int i = 0; i < 50; i++) {
			assertThat(send("GET", "/api/me", "hf_unknown_" + UUID.randomUUID()).statusCode()).isEqualTo(401);
		}
		assertThat(send("GET", "/api/me", token).statusCode()).isEqualTo(200);
		assertThat(LoggedWhoami.count(fake(), token)).as("Ada's answer is still remembered").isZero();
	}

	@Test
	void aBearerRequestNeedsNoCsrfToken() {
		HttpResponse<String> notes = send("POST", "/api/notes", token(ADA));
		assertThat(notes.statusCode()).isEqualTo(200);
		assertThat(notes.body()).isEqualTo("saved by ada");
	}

	@Test
	void theTokenDecidesWhenASessionCookieComesToo(CapturedOutput output) {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(browser.signIn().statusCode()).isEqualTo(302);
		assertThat(browser.getJson(browser.app("/api/me")).body()).as("the session's user").startsWith("ada ");
		String token = token(BOB);
		HttpResponse<String> withBoth = browser
			.send(HttpRequest.newBuilder(URI.create(browser.app("/api/me"))).header("Authorization", "Bearer " + token));
		assertThat(withBoth.body()).startsWith("bob ").contains("HF_ORG_acme:WRITE").doesNotContain("HF_ORG_acme:ADMIN",
				"HF_PRO", "HF_ORG_open-science");
		HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(URI.create(browser.app("/api/me")))
			.header("Authorization", "Bearer hf_unknown_" + UUID.randomUUID()));
		assertThat(refused.statusCode()).as("a refused token does not fall back to the session").isEqualTo(401);
		assertThat(browser.getJson(browser.app("/api/me")).body()).as("the session is untouched").startsWith("ada ");
		assertThat(output).doesNotContain(token);
	}

	@Test
	void outsideTheBearerPathsTheHeaderIsIgnored() {
		String token = token(ADA);
		HttpResponse<String> hello = send(HttpRequest.newBuilder(URI.create(app("/hello")))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/html"));
		assertThat(hello.statusCode()).as("sent to sign in").isEqualTo(302);
		assertThat(LoggedWhoami.count(fake(), token)).isZero();
	}

	/** A new token the fake Hub says belongs to the given user. */
	private String token(String whoami) {
		return token(okJson(whoami));
	}

	private String token(ResponseDefinitionBuilder answer) {
		String token = "hf_test_" + UUID.randomUUID().toString().replace("-", "");
		stub(token, answer);
		return token;
	}

	private void stub(String token, ResponseDefinitionBuilder answer) {
		fake().server()
			.stubFor(get(urlEqualTo("/api/whoami-v2")).withHeader("Authorization", equalTo("Bearer " + token))
				.atPriority(2)
				.willReturn(answer));
	}

	private String app(String path) {
		return "http://localhost:" + this.port + path;
	}

	private HttpRequest request(String method, String path, String token) {
		return HttpRequest.newBuilder(URI.create(app(path)))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
	}

	private HttpResponse<String> send(String method, String path, String token) {
		return send(request(method, path, token));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		return send(request.build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class LoggedWhoami {

		static int count(FakeHuggingFace fake, String token) {
			return fake.server()
				.findAll(getRequestedFor(urlEqualTo("/api/whoami-v2")).withHeader("Authorization",
						equalTo("Bearer " + token)))
				.size();
		}

		static void assertAskedWith(FakeHuggingFace fake, String token) {
			assertThat(count(fake, token)).isEqualTo(1);
		}

	}

}
