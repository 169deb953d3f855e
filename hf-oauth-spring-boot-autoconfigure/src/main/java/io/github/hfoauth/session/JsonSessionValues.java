package io.github.hfoauth.session;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.serializer.SerializationException;

/**
 * Session values in JSON ({@code hf.oauth.session.serialization=json}): Spring Security's
 * Jackson support with the starter's types, whose type allow-list decides what may be read.
 */
final class JsonSessionValues implements SessionValueCodec {

	private final JsonMapper mapper;

	JsonSessionValues(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public byte[] write(Object value) {
		try {
			return this.mapper.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Cannot write a session value of " + value.getClass().getName()
					+ " as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public Object read(byte[] bytes) {
		try {
			return this.mapper.readValue(bytes, Object.class);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Cannot read a stored session value: " + ex.getOriginalMessage(), ex);
		}
	}

}
