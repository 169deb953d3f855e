package io.github.hfoauth.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * A MAC over each value written to the session store, so that a value read back is one this
 * app wrote: whoever can write to the store (a shared Redis) cannot edit a signed-in user's
 * organizations, authorities or ID token, nor slip in an object of their own, without the key.
 * <p>
 * A sealed value is {@code 'S'}, the HMAC-SHA256 of the payload truncated to 128 bits in
 * base64url (22 characters), then the payload. The key is derived from a secret every
 * instance shares; it never leaves this class.
 */
final class SessionSeal {

	static final byte MARK = 'S';

	private static final String ALGORITHM = "HmacSHA256";

	private static final int MAC_BYTES = 16;

	private static final int MAC_CHARS = 22;

	// Keeps the key apart from the secret's other uses (the client secret signs nothing else here).
	private static final byte[] PURPOSE = "hf-oauth-spring-boot session values v1".getBytes(StandardCharsets.US_ASCII);

	private final SecretKeySpec key;

	private SessionSeal(byte[] key) {
		this.key = new SecretKeySpec(key, ALGORITHM);
	}

	/**
	 * A seal keyed from a secret all instances of the app share.
	 * @param secret the secret, such as the client secret or a dedicated key
	 * @return the seal
	 */
	static SessionSeal fromSecret(byte[] secret) {
		return new SessionSeal(hmac(new SecretKeySpec(secret, ALGORITHM), PURPOSE));
	}

	static boolean isSealed(byte[] stored) {
		return stored.length > MAC_CHARS && stored[0] == MARK;
	}

	byte[] seal(byte[] payload) {
		byte[] mac = Base64.getUrlEncoder().withoutPadding().encode(mac(payload));
		byte[] sealed = new byte[1 + MAC_CHARS + payload.length];
		sealed[0] = MARK;
		System.arraycopy(mac, 0, sealed, 1, MAC_CHARS);
		System.arraycopy(payload, 0, sealed, 1 + MAC_CHARS, payload.length);
		return sealed;
	}

	/**
	 * The payload of a sealed value whose MAC is right.
	 * @param stored a value for which {@link #isSealed} holds
	 * @return the payload, or {@code null} if the MAC does not match it
	 */
	byte @Nullable [] open(byte[] stored) {
		byte[] payload = Arrays.copyOfRange(stored, 1 + MAC_CHARS, stored.length);
		byte[] expected = Base64.getUrlEncoder().withoutPadding().encode(mac(payload));
		// Constant time: a MAC compared byte by byte until the first difference can be guessed.
		return MessageDigest.isEqual(expected, Arrays.copyOfRange(stored, 1, 1 + MAC_CHARS)) ? payload : null;
	}

	private byte[] mac(byte[] payload) {
		return Arrays.copyOf(hmac(this.key, payload), MAC_BYTES);
	}

	private static byte[] hmac(SecretKeySpec key, byte[] data) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			// Every Java platform has HmacSHA256.
			throw new IllegalStateException(ex);
		}
	}

	// Never the key.
	@Override
	public String toString() {
		return "SessionSeal[HmacSHA256/128]";
	}

}
