package io.github.hfoauth;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;

/**
 * How an {@link HfOAuth2User} is stored by Java serialization (a session in a shared store):
 * what it is built from, the ID token, userinfo and the authorities, never what is derived from
 * them. Its values are written one after the other, without Java serialization's description
 * of each field:
 * <ol>
 * <li>the ID token's JWT;</li>
 * <li>its issued-at, expiry and claims, or three nulls when the JWT gives them back exactly
 * ({@link IdTokenRereading}): they would otherwise be stored twice;</li>
 * <li>the userinfo claims (or null), with null for the value of a claim the ID token
 * holds;</li>
 * <li>the names of those claims;</li>
 * <li>the authorities: a name for a {@link SimpleGrantedAuthority}, any other as it is.</li>
 * </ol>
 * <p>
 * <strong>Compatibility of stored sessions</strong> (stated here only; the starter's other stored
 * forms, of a sign-in, of the tokens and in JSON, follow it): one format per version, this one
 * pinned by a committed fixture ({@code SessionSerializationTests}). A version that changes a
 * format changes its {@code serialVersionUID} and the fixture together and says so in its
 * release notes. A session written in another format, or sealed with another key, does not read
 * back half-way: it is forgotten and its user signs in again ({@code HfSessionStoreFailureFilter},
 * on WebFlux {@code HfServerSessionStoreFailureFilter}).
 * <p>
 * The claims are read again from the JWT without checking its signature: through the
 * starter's session serializer every stored value carries a MAC that is checked before it is
 * read, so the JWT is the one sign-in verified. Read from elsewhere, it is trusted like the
 * store it comes from.
 */
final class StoredUser implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private transient HfOAuth2User user;

	StoredUser(HfOAuth2User user) {
		this.user = user;
	}

	@Serial
	private void writeObject(ObjectOutputStream out) throws IOException {
		out.defaultWriteObject();
		OidcIdToken idToken = this.user.getIdToken();
		boolean rereadable = IdTokenRereading.canReread(idToken);
		out.writeObject(idToken.getTokenValue());
		out.writeObject(rereadable ? null : idToken.getIssuedAt());
		out.writeObject(rereadable ? null : idToken.getExpiresAt());
		out.writeObject(rereadable ? null : new LinkedHashMap<>(idToken.getClaims()));
		OidcUserInfo userInfo = this.user.getUserInfo();
		LinkedHashMap<String, Object> userInfoClaims = null;
		ArrayList<String> claimsOfIdToken = null;
		if (userInfo != null) {
			userInfoClaims = new LinkedHashMap<>(userInfo.getClaims());
			claimsOfIdToken = new ArrayList<>();
			for (Map.Entry<String, Object> claim : userInfoClaims.entrySet()) {
				if (claim.getValue() != null && claim.getValue().equals(idToken.getClaims().get(claim.getKey()))) {
					claimsOfIdToken.add(claim.getKey());
					claim.setValue(null);
				}
			}
		}
		out.writeObject(userInfoClaims);
		out.writeObject(claimsOfIdToken);
		ArrayList<Object> authorities = new ArrayList<>(this.user.getAuthorities().size());
		for (GrantedAuthority authority : this.user.getAuthorities()) {
			authorities.add((authority instanceof SimpleGrantedAuthority) ? authority.getAuthority() : authority);
		}
		out.writeObject(authorities);
	}

	@Serial
	@SuppressWarnings("unchecked")
	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		in.defaultReadObject();
		try {
			String tokenValue = (String) in.readObject();
			Instant issuedAt = (Instant) in.readObject();
			Instant expiresAt = (Instant) in.readObject();
			Map<String, Object> idTokenClaims = (Map<String, Object>) in.readObject();
			Map<String, Object> userInfoClaims = (Map<String, Object>) in.readObject();
			List<String> claimsOfIdToken = (List<String>) in.readObject();
			List<Object> authorityValues = (List<Object>) in.readObject();
			OidcIdToken idToken = (idTokenClaims != null)
					? new OidcIdToken(tokenValue, issuedAt, expiresAt, idTokenClaims)
					: IdTokenRereading.reread(tokenValue);
			if (idToken == null) {
				throw new InvalidObjectException("The ID token in the session has no readable claims");
			}
			OidcUserInfo userInfo = null;
			if (userInfoClaims != null) {
				Map<String, Object> claims = new LinkedHashMap<>(userInfoClaims);
				if (claimsOfIdToken != null) {
					claimsOfIdToken.forEach((name) -> claims.put(name, idToken.getClaims().get(name)));
				}
				userInfo = new OidcUserInfo(claims);
			}
			List<GrantedAuthority> authorities = new ArrayList<>(authorityValues.size());
			for (Object authority : authorityValues) {
				authorities.add((authority instanceof String name) ? new SimpleGrantedAuthority(name)
						: (GrantedAuthority) authority);
			}
			this.user = new HfOAuth2User(authorities, idToken, userInfo);
		}
		catch (ClassCastException | IllegalArgumentException ex) {
			throw new InvalidObjectException("Not a user of a session: " + ex.getMessage());
		}
	}

	@Serial
	private Object readResolve() {
		return this.user;
	}

}
