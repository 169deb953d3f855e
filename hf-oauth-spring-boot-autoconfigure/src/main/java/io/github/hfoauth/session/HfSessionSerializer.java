package io.github.hfoauth.session;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Public only for wiring: Spring Session's Redis serializer ({@code
 * springSessionDefaultRedisSerializer}) that the starter declares for both web stacks, in
 * the format of {@code hf.oauth.session.serialization}. The session store is not trusted:
 * <ul>
 * <li>every value, numbers included, carries a MAC ({@link SessionSeal}) keyed by a secret all
 * instances share; a value whose MAC does not match (edited in the store, or written by
 * something else than the app) is ignored with a warning, so the user is signed out and the
 * rest of the session stays; a session whose own times (Spring Session's) are so ignored is
 * forgotten ({@link HfRedisSessionMapper});</li>
 * <li>Java-serialized values are read through an allow-list of classes
 * ({@link SessionClassFilter}); a refused class makes the session unreadable: it is
 * forgotten.</li>
 * </ul>
 * Numbers, Spring Session's own times among them, are stored as text after their MAC
 * ({@code L1733...}); a Hugging Face
 * sign-in is stored as a {@link StoredSignIn}, without the copies Spring Security's token
 * carries.
 */
public final class HfSessionSerializer implements RedisSerializer<Object> {

	private static final Log logger = LogFactory.getLog(HfSessionSerializer.class);

	private static final byte[] EMPTY = {};

	private static final byte LONG = 'L';

	private static final byte INTEGER = 'I';

	private final SessionSeal seal;

	private final SessionValueCodec codec;

	private HfSessionSerializer(SessionSeal seal, SessionValueCodec codec) {
		this.seal = seal;
		this.codec = codec;
	}

	/**
	 * Sessions in Java serialization, read through the allow-list.
	 * @param secret the secret every instance shares, from which the MAC's key is derived
	 * @param allowedClasses the application's own classes and packages (as
	 * {@code com.example.Cart}, {@code com.example.*} or {@code com.example.**})
	 * @param classLoader the class loader to read classes with
	 * @return the serializer
	 */
	public static HfSessionSerializer jdk(byte[] secret, Collection<String> allowedClasses, ClassLoader classLoader) {
		return new HfSessionSerializer(SessionSeal.fromSecret(secret),
				new JdkSessionValues(new SessionClassFilter(allowedClasses), classLoader));
	}

	/**
	 * Sessions in JSON.
	 * @param secret the secret every instance shares, from which the MAC's key is derived
	 * @param mapper a mapper with the starter's modules
	 * ({@code io.github.hfoauth.jackson.HfJacksonModules})
	 * @return the serializer
	 */
	public static HfSessionSerializer json(byte[] secret, JsonMapper mapper) {
		return new HfSessionSerializer(SessionSeal.fromSecret(secret), new JsonSessionValues(mapper));
	}

	/**
	 * Whether a pattern can be given as an allowed class of {@link #jdk}.
	 * @param pattern the pattern
	 * @return {@code true} for a class name, {@code com.example.*} or {@code com.example.**}
	 */
	public static boolean isClassPattern(String pattern) {
		return SessionClassFilter.isClassPattern(pattern);
	}

	@Override
	public byte[] serialize(@Nullable Object value) {
		if (value == null) {
			return EMPTY;
		}
		if (value instanceof Long number) {
			return this.seal.seal(ascii(LONG, number));
		}
		if (value instanceof Integer number) {
			return this.seal.seal(ascii(INTEGER, number));
		}
		StoredSignIn signIn = StoredSignIn.of(value);
		return this.seal.seal(this.codec.write((signIn != null) ? signIn : value));
	}

	@Override
	public @Nullable Object deserialize(byte @Nullable [] bytes) {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		byte[] payload = SessionSeal.isSealed(bytes) ? this.seal.open(bytes) : null;
		if (payload == null) {
			// Never the value: it may hold tokens.
			logger.warn("Ignored a stored session value that fails its integrity check (" + bytes.length + " bytes): "
					+ "the user continues signed out, the rest of the session stays. The session store was written by "
					+ "something other than this app, or by an instance with another key (hf.oauth.session.signing-key, "
					+ "or the client secret it is derived from by default).");
			return null;
		}
		// Neither format begins with these letters (Java streams begin with 0xACED, JSON with a
		// brace, bracket or quote).
		if (payload.length > 0 && (payload[0] == LONG || payload[0] == INTEGER)) {
			return number(payload);
		}
		Object value = this.codec.read(payload);
		return (value instanceof StoredSignIn signIn) ? signIn.toSecurityContext() : value;
	}

	private static byte[] ascii(byte type, Number number) {
		byte[] digits = number.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = new byte[digits.length + 1];
		bytes[0] = type;
		System.arraycopy(digits, 0, bytes, 1, digits.length);
		return bytes;
	}

	private static Object number(byte[] bytes) {
		String digits = new String(bytes, 1, bytes.length - 1, StandardCharsets.US_ASCII);
		try {
			return (bytes[0] == LONG) ? (Object) Long.valueOf(digits) : (Object) Integer.valueOf(digits);
		}
		catch (NumberFormatException ex) {
			throw new SerializationException("A stored session number is not one");
		}
	}

}
