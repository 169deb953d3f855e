package io.github.hfoauth.sample;

import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON answers into plain maps and lists, so that tests see exactly the keys the app
 * sent, {@code null} values included.
 */
public final class Json {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private Json() {
	}

	public static Map<String, Object> parse(String json) {
		return mapper.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> asObject(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	public static List<Object> asList(Object value) {
		return (List<Object>) value;
	}

}
