package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.jackson.HfJacksonModules;
import io.github.hfoauth.session.HfSessionSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.ClassUtils;

/**
 * The JSON session form ({@code hf.oauth.session.serialization=json}), chosen when the
 * application starts. Its own class, so that Jackson is loaded only when JSON is chosen: the
 * JDK form needs no Jackson on the classpath.
 */
final class JsonSessionSerializer {

	private static final String JACKSON = "tools.jackson.databind.json.JsonMapper";

	private static final String SECURITY_JACKSON = "org.springframework.security.jackson.SecurityJacksonModules";

	private JsonSessionSerializer() {
	}

	static RedisSerializer<Object> create(byte[] signingKey, ClassLoader classLoader) {
		if (!ClassUtils.isPresent(JACKSON, classLoader) || !ClassUtils.isPresent(SECURITY_JACKSON, classLoader)) {
			throw new HfOAuthConfigurationException(
					"hf.oauth.session.serialization is json, but Jackson 3 (tools.jackson.core:jackson-databind) is "
							+ "not on the classpath, so sessions cannot be written as JSON.",
					"Add tools.jackson.core:jackson-databind (spring-boot-starter-json brings it), or remove "
							+ "hf.oauth.session.serialization to store sessions with Java serialization.");
		}
		JsonMapper mapper = JsonMapper.builder().addModules(HfJacksonModules.getModules(classLoader)).build();
		return HfSessionSerializer.json(signingKey, mapper);
	}

}
