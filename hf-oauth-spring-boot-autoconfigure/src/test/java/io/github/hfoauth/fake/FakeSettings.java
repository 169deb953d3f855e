package io.github.hfoauth.fake;

import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;

/**
 * The mutable state shared by the fake's endpoints.
 * <p>
 * Every transformer reads from this single object on each request, so a test can change the
 * behaviour between logins and future misbehaviour switches (wrong issuer, expired tokens, ...)
 * only need a field here and a read in the endpoint concerned.
 */
final class FakeSettings {

	private static final int KEY_SIZE_BITS = 2048;

	private final AtomicInteger keyCounter = new AtomicInteger();

	/**
	 * Whom a sign-in is for: the configured user (read when used, so configuration applies to
	 * the next request), or with {@link FakeHuggingFace#distinctUsers} one user per sign-in.
	 * @param subject the ID token's and userinfo's sub
	 * @param userInfoJson the userinfo body
	 */
	record SignedInUser(String subject, String userInfoJson) {
	}

	private static final SignedInUser CONFIGURED_USER = new SignedInUser("", "");

	// Userinfo only accepts tokens this fake handed out, just like the real provider.
	private final Map<String, SignedInUser> issuedAccessTokens = new ConcurrentHashMap<>();

	private volatile boolean distinctUsers;

	private volatile @Nullable SignedInUser oneUser;

	private final AtomicLong distinctUserCounter = new AtomicLong();

	private volatile String issuer;

	private volatile String userInfoJson = FakeHuggingFace.DEFAULT_USERINFO;

	private volatile String idTokenSubject = FakeHuggingFace.DEFAULT_SUB;

	private volatile String scopes = FakeHuggingFace.DEFAULT_SCOPES;

	private volatile long expiresInSeconds = FakeHuggingFace.DEFAULT_EXPIRES_IN;

	private volatile boolean refreshTokens;

	private volatile boolean consentPage;

	private volatile String openerPolicy;

	private volatile RSAKey signingKey;

	// Refresh tokens rotate: each is good for one refresh, as Hugging Face's are.
	private final Map<String, SignedInUser> liveRefreshTokens = new ConcurrentHashMap<>();

	// Like a real provider, a code is good for one exchange only.
	private final Set<String> redeemedCodes = ConcurrentHashMap.newKeySet();

	private volatile Consumer<JWTClaimsSet.Builder> idTokenTampering = (claims) -> {
	};

	private volatile FakeHuggingFace.IdTokenSigning idTokenSigning = FakeHuggingFace.IdTokenSigning.PUBLISHED_KEY;

	FakeSettings() {
		rotateKey();
	}

	String issuer() {
		return issuer;
	}

	// Set after start because the issuer contains the port, which may be chosen by the OS.
	void issuer(String issuer) {
		this.issuer = issuer;
	}

	String userInfoJson() {
		return userInfoJson;
	}

	void userInfoJson(String userInfoJson) {
		this.userInfoJson = userInfoJson;
	}

	String idTokenSubject() {
		return idTokenSubject;
	}

	void idTokenSubject(String idTokenSubject) {
		this.idTokenSubject = idTokenSubject;
	}

	String scopes() {
		return scopes;
	}

	void scopes(String scopes) {
		this.scopes = scopes;
	}

	long expiresInSeconds() {
		return expiresInSeconds;
	}

	void expiresInSeconds(long expiresInSeconds) {
		this.expiresInSeconds = expiresInSeconds;
	}

	boolean refreshTokens() {
		return refreshTokens;
	}

	void refreshTokens(boolean refreshTokens) {
		this.refreshTokens = refreshTokens;
	}

	boolean consentPage() {
		return consentPage;
	}

	void consentPage(boolean consentPage) {
		this.consentPage = consentPage;
	}

	String openerPolicy() {
		return openerPolicy;
	}

	void openerPolicy(String openerPolicy) {
		this.openerPolicy = openerPolicy;
	}

	RSAKey signingKey() {
		return signingKey;
	}

	void rotateKey() {
		signingKey = generateKey("fake-key-" + keyCounter.incrementAndGet());
	}

	static RSAKey generateKey(String keyId) {
		try {
			return new RSAKeyGenerator(KEY_SIZE_BITS)
					.keyID(keyId)
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.RS256)
					.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate an RSA key", ex);
		}
	}

	void distinctUsers(boolean distinctUsers) {
		this.distinctUsers = distinctUsers;
	}

	/** Every sign-in from now on is one new user, whom no earlier sign-in has been; {@code null} ends it. */
	void oneUser(@Nullable SignedInUser user) {
		this.oneUser = user;
	}

	/** The user of a new sign-in: the configured one, or a new one when users are distinct. */
	SignedInUser nextUser() {
		SignedInUser one = this.oneUser;
		if (one != null) {
			return one;
		}
		if (!distinctUsers) {
			return CONFIGURED_USER;
		}
		return newUser();
	}

	SignedInUser newUser() {
		long number = distinctUserCounter.incrementAndGet();
		// Same shape as Hugging Face's: 24 hex digits.
		String subject = String.format("%024x", 0x5f00000000L + number);
		try {
			Map<String, Object> userInfo = JSONObjectUtils.parse(userInfoJson);
			userInfo.put("sub", subject);
			userInfo.put("name", "User " + number);
			userInfo.put("preferred_username", "user-" + number);
			if (userInfo.containsKey("email")) {
				userInfo.put("email", "user-" + number + "@example.com");
			}
			return new SignedInUser(subject, JSONObjectUtils.toJSONString(userInfo));
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Distinct users need a userinfo that is a JSON object", ex);
		}
	}

	String subjectOf(SignedInUser user) {
		return (user == CONFIGURED_USER) ? idTokenSubject : user.subject();
	}

	String userInfoJsonOf(SignedInUser user) {
		return (user == CONFIGURED_USER) ? userInfoJson : user.userInfoJson();
	}

	void rememberAccessToken(String accessToken, SignedInUser user) {
		issuedAccessTokens.put(accessToken, user);
	}

	/** The user an access token was handed out to, or {@code null} for a token not handed out. */
	SignedInUser userOfAccessToken(String accessToken) {
		return issuedAccessTokens.get(accessToken);
	}

	String issueRefreshToken(String refreshToken) {
		return issueRefreshToken(refreshToken, CONFIGURED_USER);
	}

	String issueRefreshToken(String refreshToken, SignedInUser user) {
		liveRefreshTokens.put(refreshToken, user);
		return refreshToken;
	}

	// Removing is the check: of two refreshes with one token at once, exactly one wins.
	SignedInUser spendRefreshToken(String refreshToken) {
		return liveRefreshTokens.remove(refreshToken);
	}

	void revokeRefreshTokens() {
		liveRefreshTokens.clear();
	}

	boolean redeem(String code) {
		return redeemedCodes.add(code);
	}

	Consumer<JWTClaimsSet.Builder> idTokenTampering() {
		return idTokenTampering;
	}

	void idTokenTampering(Consumer<JWTClaimsSet.Builder> idTokenTampering) {
		this.idTokenTampering = idTokenTampering;
	}

	FakeHuggingFace.IdTokenSigning idTokenSigning() {
		return idTokenSigning;
	}

	void idTokenSigning(FakeHuggingFace.IdTokenSigning idTokenSigning) {
		this.idTokenSigning = idTokenSigning;
	}

}
