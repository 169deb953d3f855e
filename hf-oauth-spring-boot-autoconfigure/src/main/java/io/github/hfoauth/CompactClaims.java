package io.github.hfoauth;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Claims as a signed-in user keeps them for as long as the session lives: an unmodifiable map
 * in insertion order, held in two arrays instead of a {@code LinkedHashMap}'s entry per claim
 * (some 40 bytes a claim), its array of names shared by every map with the same names. Nested
 * objects and arrays become unmodifiable too, since they may be shared (see
 * {@link SharedClaimValues}).
 */
final class CompactClaims extends AbstractMap<String, @Nullable Object> implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String[] names;

	private final @Nullable Object[] values;

	private CompactClaims(String[] names, @Nullable Object[] values) {
		this.names = names;
		this.values = values;
	}

	/**
	 * The claims in compact form.
	 * @param claims the claims as parsed
	 * @param sameValues claims whose equal values are taken from here, so that a value the ID
	 * token and userinfo both carry is held once; may be empty
	 * @return the compact claims
	 */
	static Map<String, @Nullable Object> of(Map<String, ?> claims, Map<String, ?> sameValues) {
		if (claims instanceof CompactClaims compact && sameValues.isEmpty()) {
			return compact;
		}
		String[] names = new String[claims.size()];
		@Nullable Object[] values = new Object[claims.size()];
		int i = 0;
		for (Map.Entry<String, ?> claim : claims.entrySet()) {
			names[i] = claim.getKey();
			Object same = sameValues.get(claim.getKey());
			values[i] = (same != null && same.equals(claim.getValue())) ? same
					: SharedClaimValues.value(claim.getKey(), compact(claim.getValue()));
			i++;
		}
		return new CompactClaims(SharedClaimValues.names(names), values);
	}

	/**
	 * The claims of both maps, those of {@code winning} over those of {@code other} for a name
	 * both have, in the order of {@code other} first; the values are not copied.
	 */
	static Map<String, @Nullable Object> merged(Map<String, ?> other, Map<String, ?> winning) {
		Map<String, @Nullable Object> merged = new LinkedHashMap<>(other);
		merged.putAll(winning);
		String[] names = new String[merged.size()];
		@Nullable Object[] values = new Object[merged.size()];
		int i = 0;
		for (Map.Entry<String, @Nullable Object> claim : merged.entrySet()) {
			names[i] = claim.getKey();
			values[i] = claim.getValue();
			i++;
		}
		return new CompactClaims(SharedClaimValues.names(names), values);
	}

	// Nested JSON objects and arrays, unmodifiable since the same one may be handed to many users.
	@SuppressWarnings("unchecked")
	static @Nullable Object compact(@Nullable Object value) {
		if (value instanceof Map<?, ?> object && !(value instanceof CompactClaims)
				&& object.keySet().stream().allMatch(String.class::isInstance)) {
			return of((Map<String, ?>) object, Map.of());
		}
		if (value instanceof List<?> array) {
			Object[] elements = new Object[array.size()];
			for (int i = 0; i < elements.length; i++) {
				elements[i] = SharedClaimValues.element(compact(array.get(i)));
			}
			return Collections.unmodifiableList(Arrays.asList(elements));
		}
		return value;
	}

	/**
	 * The claims as a {@code LinkedHashMap} whose nested objects and arrays are
	 * {@code LinkedHashMap}s and {@code ArrayList}s, as parsing built them.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, @Nullable Object> plain(Map<String, ?> claims) {
		return (Map<String, @Nullable Object>) plainValue(claims);
	}

	private static @Nullable Object plainValue(@Nullable Object value) {
		if (value instanceof CompactClaims object) {
			Map<String, @Nullable Object> plain = new LinkedHashMap<>();
			for (int i = 0; i < object.names.length; i++) {
				plain.put(object.names[i], plainValue(object.values[i]));
			}
			return plain;
		}
		if (value instanceof Map<?, ?> object) {
			Map<Object, @Nullable Object> plain = new LinkedHashMap<>();
			object.forEach((name, element) -> plain.put(name, plainValue(element)));
			return plain;
		}
		if (value instanceof List<?> array) {
			List<@Nullable Object> plain = new ArrayList<>(array.size());
			array.forEach((element) -> plain.add(plainValue(element)));
			return plain;
		}
		return value;
	}

	@Override
	public @Nullable Object get(Object name) {
		int index = indexOf(name);
		return (index >= 0) ? this.values[index] : null;
	}

	@Override
	public boolean containsKey(Object name) {
		return indexOf(name) >= 0;
	}

	@Override
	public int size() {
		return this.names.length;
	}

	private int indexOf(Object name) {
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equals(name)) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public Set<Map.Entry<String, @Nullable Object>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < CompactClaims.this.names.length;
					}

					@Override
					public Map.Entry<String, @Nullable Object> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						int index = this.next++;
						return new SimpleImmutableEntry<>(CompactClaims.this.names[index],
								CompactClaims.this.values[index]);
					}

				};
			}

			@Override
			public int size() {
				return CompactClaims.this.names.length;
			}

		};
	}

	// Written as the map Java serialization knows, never as this class.
	@Serial
	private Object writeReplace() {
		return plain(this);
	}

}
