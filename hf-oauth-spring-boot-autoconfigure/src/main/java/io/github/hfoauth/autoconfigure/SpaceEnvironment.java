package io.github.hfoauth.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * What a Hugging Face Space tells the app through its environment. {@code SPACE_ID} is set
 * in every Space (it is how huggingface_hub detects one); the {@code OAUTH_*} variables and
 * {@code OPENID_PROVIDER_URL} only when the Space's README metadata says
 * {@code hf_oauth: true}.
 */
record SpaceEnvironment(String spaceId, @Nullable String host, @Nullable String clientId,
		@Nullable String clientSecret, List<String> scopes, @Nullable String providerUrl) {

	static final String SPACE_ID = "SPACE_ID";

	/**
	 * Reads the Space's variables, or returns {@code null} outside a Space.
	 * @param environment the application's environment (system environment included)
	 * @return the Space's variables, or {@code null} when {@code SPACE_ID} is not set
	 */
	static @Nullable SpaceEnvironment read(Environment environment) {
		String spaceId = value(environment, SPACE_ID);
		if (spaceId == null) {
			return null;
		}
		return new SpaceEnvironment(spaceId, firstHost(value(environment, "SPACE_HOST")),
				value(environment, "OAUTH_CLIENT_ID"), value(environment, "OAUTH_CLIENT_SECRET"),
				words(value(environment, "OAUTH_SCOPES")), value(environment, "OPENID_PROVIDER_URL"));
	}

	// Never the secret: a record's own toString would print it.
	@Override
	public String toString() {
		return "SpaceEnvironment[spaceId=" + this.spaceId + ", host=" + this.host + ", clientId=" + this.clientId
				+ ", clientSecret=" + ((this.clientSecret != null) ? "****" : "none") + ", scopes=" + this.scopes
				+ ", providerUrl=" + this.providerUrl + "]";
	}

	/**
	 * Every host of {@code SPACE_HOST}: the hf.space host, then any custom domains.
	 * @param environment the application's environment
	 * @return the hosts, lower case; empty outside a Space or when {@code SPACE_HOST} is unset
	 */
	static List<String> allHosts(Environment environment) {
		String spaceHost = value(environment, "SPACE_HOST");
		if (spaceHost == null || !isSpace(environment)) {
			return List.of();
		}
		return Arrays.stream(spaceHost.split(","))
			.map((host) -> host.trim().toLowerCase(Locale.ROOT))
			.filter(StringUtils::hasText)
			.toList();
	}

	static boolean isSpace(Environment environment) {
		return value(environment, SPACE_ID) != null;
	}

	// With a custom domain SPACE_HOST lists several hosts; the first is the hf.space host,
	// the one Hugging Face accepts redirect URIs on.
	private static @Nullable String firstHost(@Nullable String spaceHost) {
		if (spaceHost == null) {
			return null;
		}
		String first = spaceHost.split(",", 2)[0].trim();
		return first.isEmpty() ? null : first;
	}

	private static List<String> words(@Nullable String text) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(text.trim().split("[\\s,]+")).filter(StringUtils::hasText).toList();
	}

	private static @Nullable String value(Environment environment, String name) {
		String value = environment.getProperty(name);
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
