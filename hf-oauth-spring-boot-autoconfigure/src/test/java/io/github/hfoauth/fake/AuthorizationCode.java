package io.github.hfoauth.fake;

import java.util.Optional;

import com.nimbusds.jose.util.Base64URL;

/**
 * An authorization code that carries the authorize request's nonce.
 * <p>
 * Encoding the nonce into the code keeps the fake stateless between the authorize and the token
 * endpoint, yet lets the ID token echo the nonce as a real provider does.
 *
 * @param nonce the nonce of the authorize request, {@code null} when it sent none
 */
record AuthorizationCode(String nonce) {

	private static final String PREFIX = "fake-code";

	private static final String SEPARATOR = ".";

	/** Returns a fresh code value: {@code fake-code.<base64url(nonce)>.<random>}. */
	String issue() {
		String encodedNonce = (nonce != null) ? Base64URL.encode(nonce).toString() : "";
		return PREFIX + SEPARATOR + encodedNonce + SEPARATOR + Randomness.token();
	}

	/** Reads a code issued by {@link #issue()}; empty for anything else. */
	static Optional<AuthorizationCode> parse(String value) {
		String[] parts = (value != null) ? value.split("\\.", -1) : new String[0];
		if (parts.length != 3 || !PREFIX.equals(parts[0]) || parts[2].isEmpty()) {
			return Optional.empty();
		}
		String nonce = parts[1].isEmpty() ? null : new Base64URL(parts[1]).decodeToString();
		return Optional.of(new AuthorizationCode(nonce));
	}

}
