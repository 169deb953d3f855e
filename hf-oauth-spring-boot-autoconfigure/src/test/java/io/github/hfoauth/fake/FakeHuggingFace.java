package io.github.hfoauth.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fake Hugging Face OpenID Connect provider on WireMock, bound to 127.0.0.1.
 * <p>
 * It serves discovery, authorize, token, userinfo and JWKS the way huggingface.co does, so a
 * Spring Security client can run a complete OAuth2 login over real HTTP. Its issuer is
 * {@link #baseUrl()}. The configuration methods may be called between logins.
 */
public final class FakeHuggingFace implements AutoCloseable {

	/** The {@code sub} of {@link #DEFAULT_USERINFO}, also the default ID token subject. */
	public static final String DEFAULT_SUB = "62f264b9f3c90f4b6514a269";

	/** A client id tests can register; the fake accepts any. */
	public static final String DEFAULT_CLIENT_ID = "fake-client-id";

	/** A client secret tests can register; the fake does not check secrets. */
	public static final String DEFAULT_CLIENT_SECRET = "fake-client-secret";

	/** The scopes granted unless {@link #scopes(String)} says otherwise. */
	public static final String DEFAULT_SCOPES = "openid profile";

	/** The access token lifetime unless {@link #expiresIn(long)} says otherwise (HF's 8 hours). */
	public static final long DEFAULT_EXPIRES_IN = 28800;

	/** A typical HF user who belongs to two organizations. */
	public static final String DEFAULT_USERINFO = """
			{"sub":"62f264b9f3c90f4b6514a269","name":"Ada Lovelace","preferred_username":"ada",\
			"email":"ada@example.com","email_verified":true,"picture":"https://cdn.example/avatars/ada.png",\
			"profile":"https://hf.example/ada","website":"https://ada.example","isPro":true,"canPay":false,\
			"orgs":[{"sub":"5e67bd5b1009063689407478","name":"Acme Corp","preferred_username":"acme",\
			"picture":"https://cdn.example/avatars/acme.png","plan":"team","canPay":true,"roleInOrg":"admin",\
			"securityRestrictions":["mfa","sso"]},{"sub":"6a1b2c3d4e5f60718293a4b5","name":"Open Science",\
			"preferred_username":"open-science","picture":"https://cdn.example/avatars/os.png",\
			"plan":"enterprise","canPay":false,"roleInOrg":"read"}]}""";

	/** Bob: a writer in acme, nothing more (same sub as Ada, so the default ID token fits). */
	public static final String ACME_WRITER_USERINFO = """
			{"sub":"62f264b9f3c90f4b6514a269","preferred_username":"bob","name":"Bob",
			 "orgs":[{"sub":"5e67bd5b1009063689407478","name":"Acme Corp","preferred_username":"acme","roleInOrg":"write"}]}""";

	/** Eve: in no organization (same sub as Ada). */
	public static final String NO_ORGANIZATION_USERINFO = """
			{"sub":"62f264b9f3c90f4b6514a269","preferred_username":"eve","name":"Eve","orgs":[]}""";

	static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	static final String AUTHORIZE_PATH = "/oauth/authorize";

	static final String TOKEN_PATH = "/oauth/token";

	static final String USERINFO_PATH = "/oauth/userinfo";

	static final String JWKS_PATH = "/oauth/jwks";

	private static final String HOST = "127.0.0.1";

	private final FakeSettings settings = new FakeSettings();

	private final WireMockServer server;

	private FakeHuggingFace(WireMockConfiguration configuration) {
		server = new WireMockServer(configuration
				.bindAddress(HOST)
				// Plain bodies keep recorded responses readable and clients free of decoding quirks.
				.gzipDisabled(true)
				.extensions(new AuthorizeEndpoint(settings), new TokenEndpoint(settings),
						new UserInfoEndpoint(settings), new JwksEndpoint(settings)));
		server.start();
		settings.issuer(baseUrl());
		registerStubs();
	}

	/** Starts the fake on a free port chosen by the operating system. */
	public static FakeHuggingFace start() {
		return new FakeHuggingFace(options().dynamicPort());
	}

	/** Starts the fake on the given port, e.g. one from {@link #freePort()} fixed in app properties. */
	public static FakeHuggingFace startOn(int port) {
		return new FakeHuggingFace(options().port(port));
	}

	/**
	 * A port that was free on 127.0.0.1 a moment ago, for when the port must be known before
	 * the fake starts (for example to put the issuer into properties of a context started first).
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + HOST, ex);
		}
	}

	/** Stops the server. */
	@Override
	public void close() {
		server.stop();
	}

	/** {@code http://127.0.0.1:PORT} without trailing slash: the issuer and the provider URL. */
	public String baseUrl() {
		return "http://" + HOST + ":" + server.port();
	}

	/** The underlying server, for verifying requests beyond the helpers below. */
	public WireMockServer server() {
		return server;
	}

	/** Sets the raw userinfo body, sent exactly as given even if it is odd or invalid JSON. */
	public FakeHuggingFace userInfo(String json) {
		settings.userInfoJson(json);
		return this;
	}

	/** Sets the ID token {@code sub}, independent of the userinfo {@code sub}. */
	public FakeHuggingFace idTokenSubject(String sub) {
		settings.idTokenSubject(sub);
		return this;
	}

	/**
	 * Switches distinct users on or off. Off (the default), every sign-in is the configured
	 * user; on, each authorization code is for a new user: the configured userinfo with its own
	 * {@code sub} (also the ID token's), {@code name}, {@code preferred_username} and
	 * {@code email}, as many different people signing in (the benchmark's sessions).
	 * @param enabled whether each sign-in is a new user
	 * @return this fake
	 */
	public FakeHuggingFace distinctUsers(boolean enabled) {
		settings.distinctUsers(enabled);
		return this;
	}

	/**
	 * Runs a sign-in as a user of its own, whom no other sign-in of the test run has been: a
	 * sign-out then counts no other test's live session of the same user as another tab.
	 * @param <T> what the sign-in gives back
	 * @param signIn the sign-in
	 * @return what it gave back
	 */
	public <T> T asANewUser(Supplier<T> signIn) {
		distinctUsers(true);
		try {
			return signIn.get();
		}
		finally {
			distinctUsers(false);
		}
	}

	/**
	 * Runs a sign-in as a user of its own, as {@link #asANewUser(Supplier)} does.
	 * @param signIn the sign-in
	 */
	public void asANewUser(Runnable signIn) {
		asANewUser(() -> {
			signIn.run();
			return signIn;
		});
	}

	/**
	 * Runs sign-ins that are all one user of its own, whom no other sign-in of the test run has
	 * been: two cookie jars of one visitor, with no other test's session of that user beside them.
	 * @param signIns the sign-ins and what follows them
	 */
	public void asOneNewUser(Runnable signIns) {
		settings.oneUser(settings.newUser());
		try {
			signIns.run();
		}
		finally {
			settings.oneUser(null);
		}
	}

	/** Sets the space-separated scopes reported as granted by the token endpoint. */
	public FakeHuggingFace scopes(String spaceSeparated) {
		settings.scopes(spaceSeparated);
		return this;
	}

	/** Sets the access token's {@code expires_in}. */
	public FakeHuggingFace expiresIn(long seconds) {
		settings.expiresInSeconds(seconds);
		return this;
	}

	/**
	 * Switches issuing refresh tokens (and accepting the refresh grant) on or off. Refresh
	 * tokens rotate: a refresh spends the token presented and answers with a new one; a spent
	 * or unknown token is refused with 400 {@code invalid_grant}, as Hugging Face refuses it.
	 */
	public FakeHuggingFace refreshTokens(boolean enabled) {
		settings.refreshTokens(enabled);
		return this;
	}

	/**
	 * A live refresh token, as if handed out at a sign-in, for tests that store tokens
	 * themselves.
	 * @return the refresh token, good for one refresh
	 */
	public String issueRefreshToken() {
		return settings.issueRefreshToken(TokenEndpoint.REFRESH_TOKEN_PREFIX + Randomness.token());
	}

	/**
	 * Spends every refresh token handed out so far, as when the user revokes the app: their
	 * next refresh is refused with {@code invalid_grant}.
	 * @return this fake
	 */
	public FakeHuggingFace revokeRefreshTokens() {
		settings.revokeRefreshTokens();
		return this;
	}

	/**
	 * Switches the consent page on or off. Off (the default), the authorize endpoint approves at
	 * once; on, it shows a page with "Authorize" and "Cancel" buttons, as huggingface.co does,
	 * for tests that drive a real browser. "Cancel" sends the user back with
	 * {@code error=access_denied}. {@link #authorizeRequests()} counts the visits to the page,
	 * not the decisions.
	 * @param enabled whether to ask the user
	 * @return this fake
	 */
	public FakeHuggingFace consentPage(boolean enabled) {
		settings.consentPage(enabled);
		return this;
	}

	/**
	 * Makes the consent page send {@code Cross-Origin-Opener-Policy}, as huggingface.co might:
	 * with {@code same-origin}, a pop-up that shows it loses its {@code window.opener}.
	 * @param policy the header's value, or {@code null} for none (the default)
	 * @return this fake
	 */
	public FakeHuggingFace openerPolicy(String policy) {
		settings.openerPolicy(policy);
		return this;
	}

	/** Signs with a new RSA key under a new kid; JWKS then serves only the new key. */
	public FakeHuggingFace rotateKey() {
		settings.rotateKey();
		return this;
	}

	/**
	 * Points an application under test at this fake, as its own OAuth app would be configured:
	 * {@code hf.oauth.client-id}, {@code client-secret} and {@code provider-url}.
	 * @param registry the test's dynamic properties
	 */
	public void configureClient(DynamicPropertyRegistry registry) {
		registry.add("hf.oauth.client-id", () -> DEFAULT_CLIENT_ID);
		registry.add("hf.oauth.client-secret", () -> DEFAULT_CLIENT_SECRET);
		registry.add("hf.oauth.provider-url", this::baseUrl);
	}

	/** How the token endpoint signs ID tokens, to test that the client checks signatures. */
	public enum IdTokenSigning {

		/** With the key JWKS publishes: a valid signature. */
		PUBLISHED_KEY,

		/** With another key under the published kid: a bad signature. */
		FOREIGN_KEY_SAME_KID,

		/** With another key under a kid JWKS does not publish. */
		FOREIGN_KEY_UNKNOWN_KID

	}

	/**
	 * Changes the claims of the ID tokens issued from now on, after the fake has set them:
	 * e.g. {@code claims -> claims.issuer("https://evil.example")}.
	 * @param tampering what to change
	 * @return this fake
	 */
	public FakeHuggingFace tamperIdToken(Consumer<JWTClaimsSet.Builder> tampering) {
		settings.idTokenTampering(tampering);
		return this;
	}

	/**
	 * Sets which key signs the ID tokens issued from now on.
	 * @param signing the signing behaviour
	 * @return this fake
	 */
	public FakeHuggingFace signIdTokens(IdTokenSigning signing) {
		settings.idTokenSigning(signing);
		return this;
	}

	/**
	 * Makes an endpoint answer with the given response instead of its normal one, until
	 * {@link #repair()}: e.g. {@code breakEndpoint("/oauth/token", serverError())}.
	 * @param path one of the endpoint paths, such as {@code /oauth/userinfo}
	 * @param answer what it answers now
	 * @return this fake
	 */
	public FakeHuggingFace breakEndpoint(String path, ResponseDefinitionBuilder answer) {
		server.stubFor(any(urlPathEqualTo(path)).atPriority(1).willReturn(answer));
		return this;
	}

	/**
	 * Undoes {@link #breakEndpoint}, {@link #tamperIdToken} and {@link #signIdTokens}: the fake
	 * behaves as a healthy provider again.
	 * @return this fake
	 */
	public FakeHuggingFace repair() {
		server.resetMappings();
		registerStubs();
		settings.idTokenTampering((claims) -> {
		});
		settings.idTokenSigning(IdTokenSigning.PUBLISHED_KEY);
		return this;
	}

	/** The kid of the key currently signing ID tokens. */
	public String currentKeyId() {
		return settings.signingKey().getKeyID();
	}

	/** Forgets the recorded requests; issued tokens stay valid. */
	public FakeHuggingFace resetRequests() {
		server.resetRequests();
		return this;
	}

	/** Requests to the authorize endpoint. */
	public List<LoggedRequest> authorizeRequests() {
		return server.findAll(getRequestedFor(urlPathEqualTo(AUTHORIZE_PATH)));
	}

	/** Requests to the token endpoint. */
	public List<LoggedRequest> tokenRequests() {
		return server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	/** Requests to the token endpoint with the refresh grant, granted or refused. */
	public List<LoggedRequest> refreshRequests() {
		return tokenRequests().stream()
			.filter((request) -> "refresh_token".equals(Requests.formParams(request).get("grant_type")))
			.toList();
	}

	/** Requests to the userinfo endpoint. */
	public List<LoggedRequest> userInfoRequests() {
		return server.findAll(getRequestedFor(urlPathEqualTo(USERINFO_PATH)));
	}

	/** Requests to the discovery document. */
	public List<LoggedRequest> discoveryRequests() {
		return server.findAll(getRequestedFor(urlPathEqualTo(DISCOVERY_PATH)));
	}

	/** Requests to the JWKS endpoint. */
	public List<LoggedRequest> jwksRequests() {
		return server.findAll(getRequestedFor(urlPathEqualTo(JWKS_PATH)));
	}

	/** All requests served since start or the last {@link #resetRequests()}, stubbed or not. */
	public int totalRequests() {
		return server.getAllServeEvents().size();
	}

	/** The URL-decoded form parameters of a request body (first value per name). */
	public static Map<String, String> formParams(LoggedRequest request) {
		return Requests.formParams(request);
	}

	/** The URL-decoded query parameters of a URL (first value per name; empty without query). */
	public static Map<String, String> queryParams(String url) {
		return Requests.queryParams(url);
	}

	private void registerStubs() {
		server.stubFor(get(urlPathEqualTo(DISCOVERY_PATH)).willReturn(okJson(discoveryDocument())));
		server.stubFor(transformed(get(urlPathEqualTo(AUTHORIZE_PATH)), AuthorizeEndpoint.NAME));
		server.stubFor(transformed(post(urlPathEqualTo(AUTHORIZE_PATH)), AuthorizeEndpoint.NAME));
		server.stubFor(transformed(post(urlPathEqualTo(TOKEN_PATH)), TokenEndpoint.NAME));
		server.stubFor(transformed(get(urlPathEqualTo(USERINFO_PATH)), UserInfoEndpoint.NAME));
		server.stubFor(transformed(get(urlPathEqualTo(JWKS_PATH)), JwksEndpoint.NAME));
	}

	private static MappingBuilder transformed(MappingBuilder request, String transformer) {
		return request.willReturn(aResponse().withTransformers(transformer));
	}

	// Mirrors HF's document, including what it leaves out: scopes_supported and end_session_endpoint.
	private String discoveryDocument() {
		String base = baseUrl();
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", base);
		document.put("authorization_endpoint", base + AUTHORIZE_PATH);
		document.put("token_endpoint", base + TOKEN_PATH);
		document.put("userinfo_endpoint", base + USERINFO_PATH);
		document.put("jwks_uri", base + JWKS_PATH);
		document.put("response_types_supported", List.of("code"));
		document.put("response_modes_supported", List.of("query"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		document.put("code_challenge_methods_supported", List.of("S256"));
		document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		document.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
		document.put("claims_supported", List.of("iss", "aud", "sub", "exp", "iat", "auth_time", "nonce", "name",
				"preferred_username", "email", "email_verified", "picture", "profile", "website"));
		return JSONObjectUtils.toJSONString(document);
	}

}
