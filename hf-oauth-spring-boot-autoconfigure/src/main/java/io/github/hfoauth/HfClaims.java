package io.github.hfoauth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Lenient reads of Hugging Face's userinfo: a missing field, a field of the wrong type or a
 * blank string all read as absent. Hugging Face adds and retires fields over time, and a
 * sign-in must never fail because one of them changed shape.
 */
final class HfClaims {

	private HfClaims() {
	}

	static @Nullable String text(Map<String, ?> claims, String name) {
		return (claims.get(name) instanceof String text && !text.isBlank()) ? text : null;
	}

	static @Nullable Boolean flag(Map<String, ?> claims, String name) {
		return (claims.get(name) instanceof Boolean flag) ? flag : null;
	}

	static List<String> texts(Map<String, ?> claims, String name) {
		if (!(claims.get(name) instanceof List<?> values)) {
			return List.of();
		}
		List<String> texts = new ArrayList<>(values.size());
		for (Object value : values) {
			if (value instanceof String text && !text.isBlank()) {
				texts.add(text);
			}
		}
		return Collections.unmodifiableList(texts);
	}

	static List<Map<String, ?>> objects(Map<String, ?> claims, String name) {
		if (!(claims.get(name) instanceof List<?> values)) {
			return List.of();
		}
		List<Map<String, ?>> objects = new ArrayList<>(values.size());
		for (Object value : values) {
			if (value instanceof Map<?, ?> object) {
				objects.add(stringKeys(object));
			}
		}
		return objects;
	}

	private static Map<String, ?> stringKeys(Map<?, ?> object) {
		for (Object key : object.keySet()) {
			if (!(key instanceof String)) {
				return Map.of();
			}
		}
		@SuppressWarnings("unchecked")
		Map<String, ?> typed = (Map<String, ?>) object;
		return typed;
	}

}
