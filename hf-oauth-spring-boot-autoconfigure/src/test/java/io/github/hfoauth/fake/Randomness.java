package io.github.hfoauth.fake;

import java.security.SecureRandom;

import com.nimbusds.jose.util.Base64URL;

/** Unguessable, URL-safe values for codes and tokens. */
final class Randomness {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Randomness() {
	}

	static String token() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64URL.encode(bytes).toString();
	}

}
