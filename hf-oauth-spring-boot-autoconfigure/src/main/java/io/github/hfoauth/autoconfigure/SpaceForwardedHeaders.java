package io.github.hfoauth.autoconfigure;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * Which forwarded headers a Space's proxy is trusted with, decided once for both web stacks.
 * TLS ends at Hugging Face's proxy, so its {@code X-Forwarded-Proto} is needed for the URLs
 * Spring builds to be {@code https}. Nothing else is trusted: a forwarded host only when it is
 * one of {@code SPACE_HOST}'s entries, else a forged {@code X-Forwarded-Host: evil.example}
 * would send the sign-in and the return after it to another site. {@code Forwarded},
 * {@code X-Forwarded-Port}, {@code -Prefix}, {@code -For} and {@code -Ssl} are dropped.
 *
 * @param active whether to apply the headers at all: in a Space, unless the application chose
 * {@code server.forward-headers-strategy} itself
 * @param hosts the hosts of {@code SPACE_HOST}, lower case
 */
record SpaceForwardedHeaders(boolean active, List<String> hosts) {

	static final String PROTO = "X-Forwarded-Proto";

	static final String HOST = "X-Forwarded-Host";

	/**
	 * Decides from the environment at startup (not a condition: Spring AOT would freeze it).
	 * @param environment the environment
	 * @return the decision
	 */
	static SpaceForwardedHeaders of(Environment environment) {
		boolean active = SpaceEnvironment.isSpace(environment)
				&& environment.getProperty("server.forward-headers-strategy") == null;
		return new SpaceForwardedHeaders(active, SpaceEnvironment.allHosts(environment));
	}

	/**
	 * Whether a header is one a proxy forwards, which this decides about.
	 * @param name the header's name
	 * @return {@code true} for {@code Forwarded} and {@code X-Forwarded-*}
	 */
	static boolean isForwarded(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.equals("forwarded") || lower.startsWith("x-forwarded-");
	}

	/**
	 * The value of a forwarded header to keep.
	 * @param name the header's name
	 * @param values all its values in the request
	 * @return the one value to keep, or {@code null} to drop the header
	 */
	@Nullable String trusted(String name, List<String> values) {
		if (values.size() != 1) {
			return null;
		}
		// One value, as the proxy sends it: a list means someone else added to it.
		String value = values.get(0).trim();
		if (PROTO.equalsIgnoreCase(name)) {
			return (value.equalsIgnoreCase("https") || value.equalsIgnoreCase("http")) ? value : null;
		}
		if (HOST.equalsIgnoreCase(name)) {
			return this.hosts.contains(value.toLowerCase(Locale.ROOT)) ? value : null;
		}
		return null;
	}

}
