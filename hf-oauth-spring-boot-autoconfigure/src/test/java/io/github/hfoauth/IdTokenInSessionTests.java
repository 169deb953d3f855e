package io.github.hfoauth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session holds the ID token once, as the JWT sign-in verified: its claims are read from it
 * again, and equal what sign-in decoded.
 */
class IdTokenInSessionTests {

	private static final RSAKey KEY = generateKey();

	@Test
	void theClaimsOfASignedIdTokenReadBackFromTheTokenAlone() {
		HfOAuth2User ada = adaSignedIn();

		byte[] written = SessionFixtures.jdkSerialized(ada);
		HfOAuth2User read = (HfOAuth2User) SessionFixtures.jdkDeserialized(written);

		OidcIdToken signedIn = ada.getIdToken();
		assertThat(read.getIdToken().getTokenValue()).isEqualTo(signedIn.getTokenValue());
		assertThat(read.getIdToken().getClaims()).isEqualTo(signedIn.getClaims());
		assertThat(read.getIdToken().getIssuedAt()).isEqualTo(signedIn.getIssuedAt());
		assertThat(read.getIdToken().getExpiresAt()).isEqualTo(signedIn.getExpiresAt());
		assertThat(read.getIdToken().getIssuer()).isEqualTo(signedIn.getIssuer());
		assertThat(read.getIdToken().getAudience()).isEqualTo(signedIn.getAudience());
		assertThat(read.getIdToken().getAuthenticatedAt()).isEqualTo(signedIn.getAuthenticatedAt());
		assertThat(read.getUserInfo().getClaims()).isEqualTo(ada.getUserInfo().getClaims());
		assertThat(List.copyOf(read.getUserInfo().getClaims().keySet()))
			.isEqualTo(List.copyOf(ada.getUserInfo().getClaims().keySet()));
		SessionFixtures.assertSameUser(read, ada);
		// The nonce is in the JWT's payload, in base64: stored as a claim, it would be in plain text.
		assertThat(new String(written, StandardCharsets.ISO_8859_1)).doesNotContain("n-0S6_WzA2Mj", "auth_time");
	}

	@Test
	void aTokenWhoseClaimsTheJwtDoesNotGiveKeepsThem() {
		HfOAuth2User ada = SessionFixtures.ada(3);
		OidcIdToken signedIn = adaSignedIn().getIdToken();
		// Claims that differ from the JWT's, as an application's own decoder could make them.
		OidcIdToken changed = new OidcIdToken(signedIn.getTokenValue(), signedIn.getIssuedAt(),
				signedIn.getExpiresAt(), Map.of("sub", "62f264b9f3c90f4b6514a269", "name", "Ada L."));
		HfOAuth2User user = new HfOAuth2User(ada.getAuthorities(), changed, ada.getUserInfo());

		HfOAuth2User read = (HfOAuth2User) SessionFixtures.jdkDeserialized(SessionFixtures.jdkSerialized(user));

		assertThat(read.getIdToken().getClaims()).isEqualTo(changed.getClaims());
		assertThat(read.getDisplayName()).isEqualTo("Ada L.");
	}

	// Ada as sign-in builds her: the JWT decoded and converted as HfIdTokenDecoderFactory does.
	static HfOAuth2User adaSignedIn() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://huggingface.co")
			.subject("62f264b9f3c90f4b6514a269")
			.audience("fixture-client")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(3600)))
			.claim("auth_time", Date.from(now))
			.claim("nonce", "n-0S6_WzA2Mj")
			.claim("name", "Ada Lovelace")
			.claim("preferred_username", "ada")
			.claim("picture", "https://cdn-avatars.example/ada.png")
			.claim("profile", "https://hf.example/ada")
			.claim("email_verified", true)
			.build();
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey()).build();
		decoder.setClaimSetConverter(
				MappedJwtClaimSetConverter.withDefaults(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters()));
		Jwt jwt = decoder.decode(sign(claims));
		OidcIdToken idToken = new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(),
				jwt.getClaims());
		return new HfOAuth2UserConverter().convert(idToken, new OidcUserInfo(SessionFixtures.userInfo(3)),
				List.of("openid", "profile", "email", "read-memberships"));
	}

	private static String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(KEY));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static java.security.interfaces.RSAPublicKey publicKey() {
		try {
			return KEY.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generateKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("session-test").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
