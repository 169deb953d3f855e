package io.github.hfoauth.session;

/**
 * Turns a session value into bytes and back, in one of the formats of
 * {@code hf.oauth.session.serialization}. Only ever reads bytes whose MAC was checked.
 */
interface SessionValueCodec {

	byte[] write(Object value);

	/**
	 * Reads a value written by {@link #write}.
	 * @param bytes the bytes
	 * @return the value
	 * @throws org.springframework.data.redis.serializer.SerializationException if the bytes
	 * cannot be read, which makes the session unreadable
	 */
	Object read(byte[] bytes);

}
