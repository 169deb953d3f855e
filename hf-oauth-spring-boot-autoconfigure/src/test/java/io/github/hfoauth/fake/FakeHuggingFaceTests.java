package io.github.hfoauth.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.util.HtmlUtils;

class FakeHuggingFaceTests {

	private static final String REDIRECT_URI = "http://127.0.0.1:8080/login/oauth2/code/huggingface";

	private static final String STATE = "a b/c=";

	private static final String NONCE = "n-0S6_WzA2Mj";

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private FakeHuggingFace hf;

	@BeforeEach
	void start() {
		hf = FakeHuggingFace.start();
	}

	@AfterEach
	void stop() {
		hf.close();
	}

	@Test
	void discoveryDescribesTheFakeLikeHuggingFace() throws Exception {
		HttpResponse<String> response = get("/.well-known/openid-configuration", null);

		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> document = JSONObjectUtils.parse(response.body());
		String base = hf.baseUrl();
		assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+");
		assertThat(document).containsEntry("issuer", base)
				.containsEntry("authorization_endpoint", base + "/oauth/authorize")
				.containsEntry("token_endpoint", base + "/oauth/token")
				.containsEntry("userinfo_endpoint", base + "/oauth/userinfo")
				.containsEntry("jwks_uri", base + "/oauth/jwks")
				.doesNotContainKeys("scopes_supported", "end_session_endpoint");
		assertThat(JSONObjectUtils.getStringList(document, "code_challenge_methods_supported")).containsExactly("S256");
		assertThat(hf.discoveryRequests()).hasSize(1);
	}

	@Test
	void authorizeRedirectsBackWithCodeAndUnchangedState() throws Exception {
		HttpResponse<String> response = authorize(NONCE);

		assertThat(response.statusCode()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT_URI + "?").contains("state=a%20b%2Fc%3D");
		Map<String, String> params = FakeHuggingFace.queryParams(location);
		assertThat(params).containsEntry("state", STATE).containsKey("code");
		assertThat(FakeHuggingFace.queryParams(hf.authorizeRequests().get(0).getUrl()))
				.containsEntry("nonce", NONCE);
	}

	@Test
	void consentPageAsksFirstAndAuthorizeRedirectsBackWithACodeForTheToken() throws Exception {
		hf.consentPage(true);
		HttpResponse<String> page = authorize(NONCE);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(">Authorize<", ">Cancel<", FakeHuggingFace.DEFAULT_CLIENT_ID, "<li>profile</li>");
		HttpResponse<String> approved = decide(page, "allow");
		assertThat(approved.statusCode()).isEqualTo(302);
		String location = approved.headers().firstValue("Location").orElseThrow();
		assertThat(FakeHuggingFace.queryParams(location)).containsEntry("state", STATE).containsKey("code");
		assertThat(idTokenClaims(exchange(codeFrom(approved), true)).getStringClaim("nonce")).isEqualTo(NONCE);
		assertThat(hf.authorizeRequests()).hasSize(1);
	}

	@Test
	void cancelOnTheConsentPageRedirectsBackWithAccessDenied() throws Exception {
		hf.consentPage(true);
		HttpResponse<String> cancelled = decide(authorize(NONCE), "deny");

		assertThat(cancelled.statusCode()).isEqualTo(302);
		String location = cancelled.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(REDIRECT_URI + "?");
		assertThat(FakeHuggingFace.queryParams(location)).containsEntry("error", "access_denied")
				.containsEntry("state", STATE)
				.doesNotContainKey("code");
	}

	@Test
	void authorizeWithoutRedirectUriIsRejected() throws Exception {
		HttpResponse<String> response = get("/oauth/authorize?response_type=code&client_id=x", null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void tokenIssuesASignedIdTokenForTheBasicAuthenticatedClient() throws Exception {
		HttpResponse<String> response = exchange(codeFrom(authorize(NONCE)), true);

		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> tokens = JSONObjectUtils.parse(response.body());
		assertThat(tokens).containsEntry("token_type", "Bearer")
				.containsEntry("expires_in", 28800L)
				.containsEntry("scope", "openid profile")
				.doesNotContainKey("refresh_token");
		assertThat((String) tokens.get("access_token")).startsWith("hf_oauth_fake_");

		SignedJWT idToken = SignedJWT.parse((String) tokens.get("id_token"));
		assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(idToken.verify(new RSASSAVerifier(publishedKey(idToken.getHeader().getKeyID())))).isTrue();
		JWTClaimsSet claims = idToken.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(hf.baseUrl());
		assertThat(claims.getAudience()).containsExactly(FakeHuggingFace.DEFAULT_CLIENT_ID);
		assertThat(claims.getSubject()).isEqualTo(FakeHuggingFace.DEFAULT_SUB);
		assertThat(claims.getStringClaim("nonce")).isEqualTo(NONCE);
		assertThat(claims.getStringClaim("preferred_username")).isEqualTo("ada");
		assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(3500));
		assertThat(claims.getIssueTime()).isEqualTo(claims.getDateClaim("auth_time"));
		assertThat(hf.tokenRequests()).hasSize(1);
	}

	@Test
	void springSecurityDecoderAcceptsTheIdToken() throws Exception {
		String idToken = idToken(exchange(codeFrom(authorize(NONCE)), true)).serialize();
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(hf.baseUrl() + "/oauth/jwks").build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(hf.baseUrl()));

		Jwt jwt = decoder.decode(idToken);

		assertThat(jwt.getSubject()).isEqualTo(FakeHuggingFace.DEFAULT_SUB);
		assertThat(jwt.getAudience()).containsExactly(FakeHuggingFace.DEFAULT_CLIENT_ID);
	}

	@Test
	void clientSecretPostNamesTheAudience() throws Exception {
		HttpResponse<String> response = exchange(codeFrom(authorize(NONCE)), false);

		JWTClaimsSet claims = idTokenClaims(response);
		assertThat(claims.getAudience()).containsExactly(FakeHuggingFace.DEFAULT_CLIENT_ID);
	}

	@Test
	void authorizeWithoutNonceYieldsIdTokenWithoutNonce() throws Exception {
		JWTClaimsSet claims = idTokenClaims(exchange(codeFrom(authorize(null)), true));

		assertThat(claims.getClaims()).doesNotContainKey("nonce");
	}

	@Test
	void tokenRejectsAnUnknownCode() throws Exception {
		HttpResponse<String> response = exchange("not-a-code", true);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("invalid_grant");
	}

	@Test
	void userInfoRequiresAnIssuedAccessToken() throws Exception {
		String accessToken = accessToken(exchange(codeFrom(authorize(NONCE)), true));

		HttpResponse<String> ok = get("/oauth/userinfo", "Bearer " + accessToken);
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(ok.body()).isEqualTo(FakeHuggingFace.DEFAULT_USERINFO);

		HttpResponse<String> missing = get("/oauth/userinfo", null);
		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

		HttpResponse<String> wrong = get("/oauth/userinfo", "Bearer hf_oauth_fake_forged");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
		assertThat(hf.userInfoRequests()).hasSize(3);
	}

	@Test
	void configurationAppliesToTheNextLogin() throws Exception {
		String oddUserInfo = "{\"sub\":42,\"name\":[\"not\",\"a\",\"string\"]}";
		hf.userInfo(oddUserInfo).idTokenSubject("someone-else").scopes("openid profile email").expiresIn(60);

		HttpResponse<String> response = exchange(codeFrom(authorize(NONCE)), true);

		Map<String, Object> tokens = JSONObjectUtils.parse(response.body());
		assertThat(tokens).containsEntry("scope", "openid profile email").containsEntry("expires_in", 60L);
		JWTClaimsSet claims = idTokenClaims(response);
		assertThat(claims.getSubject()).isEqualTo("someone-else");
		assertThat(claims.getClaims()).doesNotContainKey("name");
		assertThat(get("/oauth/userinfo", "Bearer " + tokens.get("access_token")).body()).isEqualTo(oddUserInfo);
	}

	@Test
	void refreshTokensOnlyWhenSwitchedOn() throws Exception {
		assertThat(JSONObjectUtils.parse(exchange(codeFrom(authorize(NONCE)), true).body()))
				.doesNotContainKey("refresh_token");

		hf.refreshTokens(true);
		Map<String, Object> tokens = JSONObjectUtils.parse(exchange(codeFrom(authorize(NONCE)), true).body());
		String refreshToken = (String) tokens.get("refresh_token");
		assertThat(refreshToken).startsWith("hf_oauth_refresh_");

		HttpResponse<String> refreshed = post(basic(), "grant_type=refresh_token&refresh_token=" + refreshToken);
		assertThat(refreshed.statusCode()).isEqualTo(200);
		assertThat(idTokenClaims(refreshed).getClaims()).doesNotContainKey("nonce");
	}

	@Test
	void refreshTokensRotateAndASpentOneIsRefused() throws Exception {
		hf.refreshTokens(true);
		String first = (String) JSONObjectUtils.parse(exchange(codeFrom(authorize(NONCE)), true).body())
				.get("refresh_token");
		HttpResponse<String> refreshed = post(basic(), "grant_type=refresh_token&refresh_token=" + first);
		String second = (String) JSONObjectUtils.parse(refreshed.body()).get("refresh_token");
		assertThat(second).startsWith("hf_oauth_refresh_").isNotEqualTo(first);

		HttpResponse<String> reused = post(basic(), "grant_type=refresh_token&refresh_token=" + first);
		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(JSONObjectUtils.parse(reused.body())).containsEntry("error", "invalid_grant");
		assertThat(post(basic(), "grant_type=refresh_token&refresh_token=" + second).statusCode()).isEqualTo(200);
		assertThat(hf.refreshRequests()).hasSize(3);

		hf.revokeRefreshTokens();
		String issued = hf.issueRefreshToken();
		assertThat(post(basic(), "grant_type=refresh_token&refresh_token=" + issued).statusCode()).isEqualTo(200);
	}

	@Test
	void distinctUsersGiveEachSignInItsOwnUserAndARefreshKeepsIt() throws Exception {
		hf.distinctUsers(true).refreshTokens(true);
		HttpResponse<String> first = exchange(codeFrom(authorize(NONCE)), true);
		HttpResponse<String> second = exchange(codeFrom(authorize(NONCE)), true);

		JWTClaimsSet firstClaims = idTokenClaims(first);
		Map<String, Object> firstUser = JSONObjectUtils.parse(get("/oauth/userinfo", "Bearer " + accessToken(first)).body());
		Map<String, Object> secondUser = JSONObjectUtils.parse(get("/oauth/userinfo", "Bearer " + accessToken(second)).body());
		assertThat(firstClaims.getSubject()).hasSize(24).isEqualTo(firstUser.get("sub"))
			.isNotEqualTo(FakeHuggingFace.DEFAULT_SUB).isNotEqualTo(secondUser.get("sub"));
		assertThat(firstClaims.getStringClaim("preferred_username")).isEqualTo(firstUser.get("preferred_username"))
			.isNotEqualTo(secondUser.get("preferred_username"));
		assertThat(firstUser.get("orgs")).isEqualTo(secondUser.get("orgs"));
		String refreshToken = (String) JSONObjectUtils.parse(first.body()).get("refresh_token");
		HttpResponse<String> refreshed = post(basic(), "grant_type=refresh_token&refresh_token=" + refreshToken);
		assertThat(idTokenClaims(refreshed).getSubject()).isEqualTo(firstClaims.getSubject());

		hf.distinctUsers(false);
		assertThat(idTokenClaims(exchange(codeFrom(authorize(NONCE)), true)).getSubject())
			.isEqualTo(FakeHuggingFace.DEFAULT_SUB);
	}

	@Test
	void rotateKeyChangesTheServedAndUsedKey() throws Exception {
		SignedJWT before = idToken(exchange(codeFrom(authorize(NONCE)), true));
		assertThat(before.getHeader().getKeyID()).isEqualTo("fake-key-1");

		hf.rotateKey();

		SignedJWT idToken = idToken(exchange(codeFrom(authorize(NONCE)), true));
		assertThat(idToken.getHeader().getKeyID()).isEqualTo("fake-key-2").isEqualTo(hf.currentKeyId());
		JWKSet served = JWKSet.parse(get("/oauth/jwks", null).body());
		assertThat(served.getKeys()).singleElement()
				.satisfies((key) -> assertThat(key.getKeyID()).isEqualTo("fake-key-2"))
				.satisfies((key) -> assertThat(key.isPrivate()).isFalse());
		assertThat(idToken.verify(new RSASSAVerifier(publishedKey("fake-key-2")))).isTrue();
	}

	@Test
	void requestCountersFollowResets() throws Exception {
		get("/.well-known/openid-configuration", null);
		get("/oauth/jwks", null);
		get("/nowhere", null);
		assertThat(hf.totalRequests()).isEqualTo(3);
		assertThat(hf.jwksRequests()).hasSize(1);

		hf.resetRequests();

		assertThat(hf.totalRequests()).isZero();
	}

	@Test
	void startOnAFreePort() throws Exception {
		int port = FakeHuggingFace.freePort();
		try (FakeHuggingFace fixed = FakeHuggingFace.startOn(port)) {
			assertThat(fixed.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(fixed.baseUrl() + "/.well-known/openid-configuration")).build(),
					BodyHandlers.ofString());
			assertThat(JSONObjectUtils.parse(response.body())).containsEntry("issuer", fixed.baseUrl());
		}
	}

	private HttpResponse<String> authorize(String nonce) throws IOException, InterruptedException {
		String query = "response_type=code&client_id=" + FakeHuggingFace.DEFAULT_CLIENT_ID + "&scope=openid%20profile"
				+ "&redirect_uri=" + encode(REDIRECT_URI) + "&state=" + encode(STATE)
				+ ((nonce != null) ? "&nonce=" + encode(nonce) : "");
		return get("/oauth/authorize?" + query, null);
	}

	// Submits the consent page's form as a browser does: its hidden fields and the button pressed.
	private HttpResponse<String> decide(HttpResponse<String> consentPage, String decision)
			throws IOException, InterruptedException {
		StringBuilder form = new StringBuilder("decision=" + decision);
		Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
				.matcher(consentPage.body());
		while (hidden.find()) {
			form.append('&').append(encode(HtmlUtils.htmlUnescape(hidden.group(1)))).append('=')
					.append(encode(HtmlUtils.htmlUnescape(hidden.group(2))));
		}
		return http.send(HttpRequest.newBuilder(URI.create(hf.baseUrl() + "/oauth/authorize"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(form.toString()))
				.build(), BodyHandlers.ofString());
	}

	private static String codeFrom(HttpResponse<String> authorizeResponse) {
		String location = authorizeResponse.headers().firstValue("Location").orElseThrow();
		return FakeHuggingFace.queryParams(location).get("code");
	}

	private HttpResponse<String> exchange(String code, boolean basicAuth) throws IOException, InterruptedException {
		String form = "grant_type=authorization_code&code=" + encode(code) + "&redirect_uri=" + encode(REDIRECT_URI);
		if (basicAuth) {
			return post(basic(), form);
		}
		return post(null, form + "&client_id=" + FakeHuggingFace.DEFAULT_CLIENT_ID + "&client_secret="
				+ FakeHuggingFace.DEFAULT_CLIENT_SECRET);
	}

	private static String basic() {
		String credentials = FakeHuggingFace.DEFAULT_CLIENT_ID + ":" + FakeHuggingFace.DEFAULT_CLIENT_SECRET;
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	private static String accessToken(HttpResponse<String> tokenResponse) throws Exception {
		return (String) JSONObjectUtils.parse(tokenResponse.body()).get("access_token");
	}

	private static JWTClaimsSet idTokenClaims(HttpResponse<String> tokenResponse) throws Exception {
		return idToken(tokenResponse).getJWTClaimsSet();
	}

	private static SignedJWT idToken(HttpResponse<String> tokenResponse) throws Exception {
		return SignedJWT.parse((String) JSONObjectUtils.parse(tokenResponse.body()).get("id_token"));
	}

	private RSAKey publishedKey(String kid) throws Exception {
		JWKSet keys = JWKSet.parse(get("/oauth/jwks", null).body());
		return (RSAKey) keys.getKeyByKeyId(kid);
	}

	private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hf.baseUrl() + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String authorization, String form) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hf.baseUrl() + "/oauth/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
