package io.github.hfoauth;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;

/**
 * One instance for what many signed-in users hold alike, as {@link String#intern()} does for
 * text: claim names, the claims every ID token of an app carries alike ({@code iss},
 * {@code aud}, {@code azp}), the organizations of their members, and sets of authorities.
 * Only immutable values are shared. Each table stops growing at {@value #LIMIT} entries (a
 * value not in it is then kept as it is), so no input can make it grow without end.
 */
final class SharedClaimValues {

	static final int LIMIT = 4096;

	private static final Set<String> ALIKE_IN_EVERY_TOKEN = Set.of("iss", "aud", "azp");

	private static final Table<String, String> NAMES = new Table<>(LIMIT);

	private static final Table<List<String>, String[]> NAME_ARRAYS = new Table<>(LIMIT);

	private static final Table<Object, Object> VALUES = new Table<>(LIMIT);

	private static final Table<Map<String, ?>, HfOrganization> ORGANIZATIONS = new Table<>(LIMIT);

	private static final Table<List<String>, Set<GrantedAuthority>> AUTHORITIES = new Table<>(LIMIT);

	private SharedClaimValues() {
	}

	// The array must never be written to once shared: CompactClaims only reads it.
	static String[] names(String[] names) {
		for (int i = 0; i < names.length; i++) {
			names[i] = NAMES.shared(names[i], names[i]);
		}
		return NAME_ARRAYS.shared(List.of(names), names);
	}

	static @Nullable Object value(String name, @Nullable Object value) {
		return (value != null && ALIKE_IN_EVERY_TOKEN.contains(name)) ? shared(value) : value;
	}

	/** An element of a claim's array: an object in it (an organization in {@code orgs}) is shared. */
	static @Nullable Object element(@Nullable Object value) {
		// Keyed in order: an equal map in another order would read differently.
		return (value instanceof CompactClaims object) ? VALUES.shared(new ArrayList<>(object.entrySet()), value)
				: value;
	}

	static @Nullable HfOrganization organization(Map<String, ?> claims) {
		HfOrganization organization = ORGANIZATIONS.lookup(claims);
		return (organization != null) ? organization : ORGANIZATIONS.sharedOrNull(claims, HfOrganization::from);
	}

	/**
	 * The same set of authorities as one of another user, when it holds the same names in
	 * the same order and nothing but plain names.
	 */
	static Set<GrantedAuthority> authorities(Set<GrantedAuthority> authorities, List<String> names,
			boolean plainNames) {
		return plainNames ? AUTHORITIES.shared(names, authorities) : authorities;
	}

	// A URL's equals may resolve its host: URLs are keyed by their text.
	private static Object shared(Object value) {
		Object key = (value instanceof URL url) ? List.of(URL.class, url.toString()) : value;
		return (value instanceof String || value instanceof URL || value instanceof List<?>)
				? VALUES.shared(key, value) : value;
	}

	static final class Table<K, V> {

		private final Map<K, V> entries = new ConcurrentHashMap<>();

		private final int limit;

		Table(int limit) {
			this.limit = limit;
		}

		V shared(K key, V value) {
			V existing = this.entries.get(key);
			if (existing != null) {
				return existing;
			}
			if (this.entries.size() >= this.limit) {
				return value;
			}
			existing = this.entries.putIfAbsent(key, value);
			return (existing != null) ? existing : value;
		}

		int size() {
			return this.entries.size();
		}

		@Nullable V lookup(K key) {
			return this.entries.get(key);
		}

		@Nullable V sharedOrNull(K key, Function<K, @Nullable V> create) {
			V value = create.apply(key);
			return (value != null) ? shared(key, value) : null;
		}

	}

}
