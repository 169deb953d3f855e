package io.github.hfoauth.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The Hugging Face client an application signs in with, resolved once at startup from
 * {@code hf.oauth.*} properties and, inside a Space, the Space's environment. A property that
 * is set wins over the Space's environment. Resolving never touches the network.
 */
record HfClientSettings(String clientId, @Nullable String clientSecret, Set<String> scopes, String providerUrl,
		String redirectUri, String source) {

	static final String DEFAULT_PROVIDER_URL = "https://huggingface.co";

	static final List<String> DEFAULT_SCOPES = List.of("openid", "profile");

	static final String DEFAULT_REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

	private static final String ENABLE_IN_SPACE = "Add 'hf_oauth: true' to the YAML metadata at the top of the "
			+ "Space's README.md and restart the Space: Hugging Face then sets OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, "
			+ "OAUTH_SCOPES and OPENID_PROVIDER_URL. (Or set hf.oauth.client-id to use an OAuth app of your own.)";

	/**
	 * Resolves the client, or reports what is missing.
	 * @param properties the {@code hf.oauth.*} properties
	 * @param space the Space's environment, or {@code null} outside a Space
	 * @return the settings
	 * @throws HfOAuthConfigurationException when the configuration cannot sign anyone in
	 */
	static HfClientSettings resolve(HfOAuthProperties properties, @Nullable SpaceEnvironment space) {
		String clientId = firstText(properties.getClientId(), (space != null) ? space.clientId() : null);
		if (clientId == null) {
			throw missingClient(properties, space);
		}
		String clientSecret = firstText(properties.getClientSecret(), (space != null) ? space.clientSecret() : null);
		String providerUrl = providerUrl(properties, space);
		Set<String> scopes = scopes(properties, space);
		if (space != null && clientId.equals(space.clientId())) {
			requireGrantedBySpace(scopes, space);
		}
		String redirectUri = redirectUri(properties, space);
		String source = (space != null && !StringUtils.hasText(properties.getClientId()))
				? "the environment of Space " + space.spaceId() : "hf.oauth.* properties";
		return new HfClientSettings(clientId, clientSecret, scopes, providerUrl, redirectUri, source);
	}

	static HfOAuthConfigurationException missingClient(HfOAuthProperties properties,
			@Nullable SpaceEnvironment space) {
		if (space != null) {
			return new HfOAuthConfigurationException("This app runs in the Hugging Face Space '" + space.spaceId()
					+ "', but OAUTH_CLIENT_ID is not set, so nobody can sign in with Hugging Face.", ENABLE_IN_SPACE);
		}
		String mockHint = properties.getMock().isEnabled() ? ""
				: " Or remove hf.oauth.mock.enabled=false to sign in a mock user during local development.";
		return new HfOAuthConfigurationException(
				"No Hugging Face OAuth client is configured and the mock user is switched off "
						+ "(hf.oauth.mock.enabled=false).",
				"Set hf.oauth.client-id (and hf.oauth.client-secret, unless the app is a public client) to the "
						+ "values of your OAuth app at https://huggingface.co/settings/connected-applications, "
						+ "or deploy to a Space with 'hf_oauth: true' in its README metadata." + mockHint);
	}

	private static String providerUrl(HfOAuthProperties properties, @Nullable SpaceEnvironment space) {
		boolean fromProperty = StringUtils.hasText(properties.getProviderUrl());
		String url = firstText(properties.getProviderUrl(), (space != null) ? space.providerUrl() : null);
		if (url == null) {
			return DEFAULT_PROVIDER_URL;
		}
		String name = fromProperty ? "hf.oauth.provider-url" : "OPENID_PROVIDER_URL";
		if (!isHttpUrl(url)) {
			throw new HfOAuthConfigurationException(name + " is '" + url + "', which is not an http(s) URL.",
					"Set hf.oauth.provider-url to the provider's base URL, such as " + DEFAULT_PROVIDER_URL
							+ ", or remove it to use that default.");
		}
		// The issuer has no trailing slash; discovery appends its own path.
		return url.replaceAll("/+$", "");
	}

	private static Set<String> scopes(HfOAuthProperties properties, @Nullable SpaceEnvironment space) {
		List<String> configured = words(properties.getScopes());
		boolean fromProperty = !configured.isEmpty();
		if (!fromProperty) {
			configured = (space != null && !space.scopes().isEmpty()) ? space.scopes() : DEFAULT_SCOPES;
		}
		Set<String> scopes = new LinkedHashSet<>(configured);
		if (!scopes.contains("openid")) {
			String name = fromProperty ? "hf.oauth.scopes" : "OAUTH_SCOPES";
			throw new HfOAuthConfigurationException(
					name + " is '" + String.join(" ", scopes) + "', which lacks 'openid': Hugging Face then "
							+ "issues no ID token and the sign-in cannot be verified.",
					"Add openid to hf.oauth.scopes: hf.oauth.scopes=openid," + String.join(",", scopes) + ".");
		}
		return Collections.unmodifiableSet(scopes);
	}

	// The Space's client may only ask for what its README metadata granted (OAUTH_SCOPES);
	// openid and profile are always granted there.
	private static void requireGrantedBySpace(Set<String> scopes, SpaceEnvironment space) {
		if (space.scopes().isEmpty()) {
			return;
		}
		Set<String> granted = new LinkedHashSet<>(List.of("openid", "profile"));
		granted.addAll(space.scopes());
		List<String> missing = scopes.stream().filter((scope) -> !granted.contains(scope)).toList();
		if (missing.isEmpty()) {
			return;
		}
		List<String> metadata = new ArrayList<>(space.scopes().stream()
			.filter((scope) -> !scope.equals("openid") && !scope.equals("profile"))
			.toList());
		metadata.addAll(missing);
		throw new HfOAuthConfigurationException("hf.oauth.scopes asks for '" + String.join(" ", missing)
				+ "', which the Space '" + space.spaceId() + "' was not granted (OAUTH_SCOPES is '"
				+ String.join(" ", space.scopes()) + "'): Hugging Face would refuse the sign-in or grant less.",
				"Add the scopes to the YAML metadata at the top of the Space's README.md and restart the Space: "
						+ "hf_oauth_scopes: [" + String.join(", ", metadata) + "]. Or remove "
						+ String.join(", ", missing) + " from hf.oauth.scopes (unset, it takes the Space's scopes).");
	}

	private static String redirectUri(HfOAuthProperties properties, @Nullable SpaceEnvironment space) {
		String configured = properties.getRedirectUri();
		if (StringUtils.hasText(configured)) {
			configured = configured.trim();
			if (!configured.startsWith("{baseUrl}") && !isHttpUrl(configured)) {
				throw new HfOAuthConfigurationException(
						"hf.oauth.redirect-uri is '" + configured + "', which is neither an http(s) URL nor a "
								+ "template starting with {baseUrl}.",
						"Set hf.oauth.redirect-uri to the exact callback URL registered with your OAuth app, such as "
								+ "https://my-app.example/login/oauth2/code/huggingface, or remove it to use "
								+ DEFAULT_REDIRECT_URI + ".");
			}
			return configured;
		}
		if (space == null) {
			return DEFAULT_REDIRECT_URI;
		}
		if (space.host() == null) {
			throw new HfOAuthConfigurationException(
					"This app runs in the Hugging Face Space '" + space.spaceId()
							+ "', but SPACE_HOST is not set, so the redirect URI Hugging Face expects is unknown.",
					"Set hf.oauth.redirect-uri to https://<owner>-<space>.hf.space/login/oauth2/code/huggingface.");
		}
		// TLS ends at Hugging Face's proxy: the app sees http, but the browser comes back on https.
		return "https://" + space.host() + "/login/oauth2/code/huggingface";
	}

	private static boolean isHttpUrl(String text) {
		try {
			URI uri = new URI(text);
			return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
					&& StringUtils.hasText(uri.getHost());
		}
		catch (Exception ex) {
			return false;
		}
	}

	// Boot binds "openid,profile" as two entries and "openid profile" as one: accept both.
	private static List<String> words(@Nullable List<String> values) {
		List<String> words = new ArrayList<>();
		if (values != null) {
			for (String value : values) {
				for (String word : value.trim().split("[\\s,]+")) {
					if (!word.isEmpty()) {
						words.add(word);
					}
				}
			}
		}
		return words;
	}

	private static @Nullable String firstText(@Nullable String preferred, @Nullable String fallback) {
		if (StringUtils.hasText(preferred)) {
			return preferred.trim();
		}
		return StringUtils.hasText(fallback) ? fallback.trim() : null;
	}

	@Override
	public String toString() {
		// Never the secret: this record can end up in a log line or a debugger.
		return "HfClientSettings[clientId=" + this.clientId + ", clientSecret=" + ((this.clientSecret != null) ? "****" : "none")
				+ ", scopes=" + this.scopes + ", providerUrl=" + this.providerUrl + ", redirectUri=" + this.redirectUri
				+ ", source=" + this.source + "]";
	}

}
