package io.github.hfoauth.session;

import java.util.Map;
import java.util.function.BiFunction;

import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.session.MapSession;
import org.springframework.session.data.redis.RedisSessionMapper;

/**
 * Public only for wiring: Spring Session's {@link RedisSessionMapper}, except that a stored
 * session it cannot map is unreadable ({@link SerializationException}) rather than an
 * {@link IllegalStateException}, so that it is forgotten (the user continues signed out) instead
 * of answered with a 500. Such a session lacks one of Spring Session's own times, or holds it in
 * another form: written by another version or serializer, or its time edited in the store (the
 * {@linkplain HfSessionSerializer serializer} then ignores it).
 */
public final class HfRedisSessionMapper implements BiFunction<String, Map<String, Object>, MapSession> {

	private final RedisSessionMapper delegate = new RedisSessionMapper();

	@Override
	public MapSession apply(String sessionId, Map<String, Object> stored) {
		try {
			return this.delegate.apply(sessionId, stored);
		}
		catch (IllegalStateException | IllegalArgumentException | ClassCastException ex) {
			// Never the values: the message names the field, no more.
			throw new SerializationException("A stored session cannot be read: " + ex.getMessage()
					+ " (written by another version or serializer, or edited in the store)", ex);
		}
	}

}
