package io.github.hfoauth.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * {@code POST /oauth/token}: exchanges a code (or a refresh token, when enabled) for an access
 * token and a signed ID token.
 * <p>
 * Refresh tokens rotate, as Hugging Face's do: a refresh answers with a new refresh token and
 * the one presented is spent; presenting it again is refused with {@code invalid_grant}.
 * <p>
 * Client secrets are not checked; the fake only needs to know which client asked, because that
 * client is the ID token's audience.
 */
final class TokenEndpoint extends FakeEndpoint {

	static final String NAME = "fake-hf-token";

	static final String ACCESS_TOKEN_PREFIX = "hf_oauth_fake_";

	static final String REFRESH_TOKEN_PREFIX = "hf_oauth_refresh_";

	private static final long ID_TOKEN_LIFETIME_SECONDS = 3600;

	// Profile claims HF also puts into the ID token; other userinfo fields stay userinfo-only.
	private static final List<String> PROFILE_CLAIMS = List.of("name", "preferred_username", "picture", "profile");

	private static final HttpHeader NO_STORE = HttpHeader.httpHeader("Cache-Control", "no-store");

	private final FakeSettings settings;

	TokenEndpoint(FakeSettings settings) {
		super(NAME);
		this.settings = settings;
	}

	@Override
	public Response transform(Response response, ServeEvent serveEvent) {
		LoggedRequest request = serveEvent.getRequest();
		Map<String, String> form = Requests.formParams(request);
		String clientId = clientId(request, form);
		if (clientId == null) {
			return Responses.error(response, 401, "invalid_client", "Client authentication failed",
					HttpHeader.httpHeader("WWW-Authenticate", "Basic"));
		}
		Optional<Grant> grant = grant(form);
		if (grant.isEmpty()) {
			return Responses.error(response, 400, "invalid_grant", "Unknown code or refresh token");
		}
		return Responses.json(response, 200, tokenResponse(clientId, grant.get()), NO_STORE);
	}

	// A grant: for whom, and the nonce the ID token echoes (none on refresh, as OIDC says).
	private record Grant(String nonce, FakeSettings.SignedInUser user) {
	}

	/**
	 * The client from HTTP Basic ({@code client_secret_basic}, whose parts are form-encoded per
	 * RFC 6749 section 2.3.1) or else from the {@code client_id} parameter
	 * ({@code client_secret_post} and public clients).
	 */
	private static String clientId(LoggedRequest request, Map<String, String> form) {
		String basic = Requests.credentials(request, "Basic");
		if (basic == null) {
			return form.get("client_id");
		}
		try {
			String credentials = new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8);
			int colon = credentials.indexOf(':');
			String clientId = (colon < 0) ? credentials : credentials.substring(0, colon);
			return URLDecoder.decode(clientId, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	// A refresh grant is answered for the user of the refresh token, without nonce.
	private Optional<Grant> grant(Map<String, String> form) {
		String grantType = form.get("grant_type");
		if ("authorization_code".equals(grantType)) {
			String code = form.get("code");
			return AuthorizationCode.parse(code)
				.filter((parsed) -> settings.redeem(code))
				.map((parsed) -> new Grant(parsed.nonce(), settings.nextUser()));
		}
		String refreshToken = form.get("refresh_token");
		if (!"refresh_token".equals(grantType) || !settings.refreshTokens() || refreshToken == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(settings.spendRefreshToken(refreshToken)).map((user) -> new Grant(null, user));
	}

	private String tokenResponse(String clientId, Grant grant) {
		String accessToken = ACCESS_TOKEN_PREFIX + Randomness.token();
		settings.rememberAccessToken(accessToken, grant.user());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", accessToken);
		body.put("token_type", "Bearer");
		body.put("expires_in", settings.expiresInSeconds());
		body.put("scope", settings.scopes());
		body.put("id_token", idToken(clientId, grant));
		if (settings.refreshTokens()) {
			body.put("refresh_token",
					settings.issueRefreshToken(REFRESH_TOKEN_PREFIX + Randomness.token(), grant.user()));
		}
		return JSONObjectUtils.toJSONString(body);
	}

	private String idToken(String clientId, Grant grant) {
		// JWT times have whole-second precision; truncating keeps iat and auth_time identical.
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(settings.issuer())
				.subject(settings.subjectOf(grant.user()))
				.audience(clientId)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(ID_TOKEN_LIFETIME_SECONDS)))
				.claim("auth_time", Date.from(now));
		if (grant.nonce() != null) {
			claims.claim("nonce", grant.nonce());
		}
		profileClaims(settings.userInfoJsonOf(grant.user())).forEach(claims::claim);
		settings.idTokenTampering().accept(claims);
		return sign(claims.build());
	}

	/**
	 * String-valued profile claims from the configured userinfo. Oddly typed or unparsable
	 * userinfo is left out here, so that tests of odd userinfo fail at userinfo, not at the ID token.
	 */
	private static Map<String, Object> profileClaims(String userInfoJson) {
		Map<String, Object> userInfo;
		try {
			userInfo = JSONObjectUtils.parse(userInfoJson);
		}
		catch (ParseException ex) {
			return Map.of();
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		for (String name : PROFILE_CLAIMS) {
			if (userInfo.get(name) instanceof String value) {
				claims.put(name, value);
			}
		}
		return claims;
	}

	private String sign(JWTClaimsSet claims) {
		RSAKey published = settings.signingKey();
		RSAKey key = switch (settings.idTokenSigning()) {
			case PUBLISHED_KEY -> published;
			case FOREIGN_KEY_SAME_KID -> FakeSettings.generateKey(published.getKeyID());
			case FOREIGN_KEY_UNKNOWN_KID -> FakeSettings.generateKey("unknown-key");
		};
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
				.keyID(key.getKeyID())
				.type(JOSEObjectType.JWT)
				.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the ID token", ex);
		}
		return jwt.serialize();
	}

}
