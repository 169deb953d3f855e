package io.github.hfoauth.fake;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;

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

	// Userinfo only accepts tokens this fake handed out, just like the real provider.
	private final Set<String> issuedAccessTokens = ConcurrentHashMap.newKeySet();

	private volatile String issuer;

	private volatile String userInfoJson = FakeHuggingFace.DEFAULT_USERINFO;

	private volatile String idTokenSubject = FakeHuggingFace.DEFAULT_SUB;

	private volatile String scopes = FakeHuggingFace.DEFAULT_SCOPES;

	private volatile long expiresInSeconds = FakeHuggingFace.DEFAULT_EXPIRES_IN;

	private volatile boolean refreshTokens;

	private volatile boolean consentPage;

	private volatile RSAKey signingKey;

	// Refresh tokens rotate: each is good for one refresh, as Hugging Face's are.
	private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();

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

	void rememberAccessToken(String accessToken) {
		issuedAccessTokens.add(accessToken);
	}

	boolean isIssuedAccessToken(String accessToken) {
		return issuedAccessTokens.contains(accessToken);
	}

	String issueRefreshToken(String refreshToken) {
		liveRefreshTokens.add(refreshToken);
		return refreshToken;
	}

	// Removing is the check: of two refreshes with one token at once, exactly one wins.
	boolean spendRefreshToken(String refreshToken) {
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
