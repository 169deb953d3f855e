package io.github.hfoauth;

import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.util.ClassUtils;

/**
 * Public only for wiring: the JSON form of {@link HfOAuth2User} (package {@code jackson}) uses it.
 * <p>
 * Reads an ID token's claims again from its JWT, for the stored forms of the user (Java and
 * JSON), converted as the sign-in's decoder did ({@code HfIdTokenDecoderFactory}, like Spring
 * Security's), so that a session need not hold the claims next to the token that carries them.
 * <p>
 * Never verifies the signature: it is only for a token that was verified at sign-in and read
 * back from a session whose integrity was checked (the starter's session serializer checks a
 * MAC over every stored value before reading it). A token is only stored without its claims
 * when reading it again gives exactly them.
 */
public final class IdTokenRereading {

	private static final boolean NIMBUS_PRESENT = ClassUtils.isPresent("com.nimbusds.jwt.JWTParser",
			IdTokenRereading.class.getClassLoader());

	private IdTokenRereading() {
	}

	/**
	 * Whether {@link #reread(String)} gives back this very token.
	 * @param idToken the token as sign-in built it
	 * @return {@code true} if its claims need not be stored
	 */
	public static boolean canReread(OidcIdToken idToken) {
		OidcIdToken reread = reread(idToken.getTokenValue());
		return reread != null && reread.getClaims().equals(idToken.getClaims())
				&& Objects.equals(reread.getIssuedAt(), idToken.getIssuedAt())
				&& Objects.equals(reread.getExpiresAt(), idToken.getExpiresAt());
	}

	/**
	 * The token with the claims of its JWT payload.
	 * @param tokenValue the JWT
	 * @return the token, or {@code null} if the value is no JWT with claims
	 */
	public static @Nullable OidcIdToken reread(String tokenValue) {
		if (!NIMBUS_PRESENT) {
			return null;
		}
		Map<String, Object> claims;
		try {
			claims = Decoding.CLAIMS.convert(JWTParser.parse(tokenValue).getJWTClaimsSet().getClaims());
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
		if (claims == null || claims.isEmpty()) {
			return null;
		}
		// As NimbusJwtDecoder builds its Jwt, and the login provider the OidcIdToken from it.
		return new OidcIdToken(tokenValue, instant(claims.get(IdTokenClaimNames.IAT)),
				instant(claims.get(IdTokenClaimNames.EXP)), new LinkedHashMap<>(claims));
	}

	private static @Nullable Instant instant(@Nullable Object claim) {
		return (claim instanceof Instant instant) ? instant : null;
	}

	// Loaded only when Nimbus (and with it Spring Security's JOSE support) is on the class path.
	private static final class Decoding {

		static final Converter<Map<String, Object>, Map<String, Object>> CLAIMS = MappedJwtClaimSetConverter
			.withDefaults(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters());

	}

}
