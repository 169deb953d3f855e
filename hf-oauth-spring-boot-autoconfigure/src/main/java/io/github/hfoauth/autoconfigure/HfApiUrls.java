package io.github.hfoauth.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * {@code hf.api.hub-url} and {@code hf.api.inference-url}, checked at startup: a mistyped URL
 * would otherwise only show at the first call, and for a bearer token as a misleading "could
 * not be reached".
 */
final class HfApiUrls {

	private HfApiUrls() {
	}

	/**
	 * Checks both base URLs.
	 * @param properties the API properties
	 * @throws HfOAuthConfigurationException naming the property when one is not an absolute
	 * http(s) URL without user info, query or fragment
	 */
	static void check(HfApiProperties properties) {
		check("hf.api.hub-url", properties.getHubUrl(), "https://huggingface.co");
		check("hf.api.inference-url", properties.getInferenceUrl(), "https://router.huggingface.co/v1");
	}

	private static void check(String name, @Nullable String url, String example) {
		String problem = problem(url);
		if (problem != null) {
			// User info may hold a password: such a value is not repeated.
			boolean repeat = url != null && !url.isBlank() && url.indexOf('@') < 0;
			throw new HfOAuthConfigurationException((repeat ? name + " is '" + url + "', which " : name + " ") + problem
					+ ", so no call to Hugging Face could use it.",
					"Set " + name + " to an absolute http(s) base URL without user info, query or fragment, such as "
							+ example + ", or remove it to use that default.");
		}
	}

	private static @Nullable String problem(@Nullable String url) {
		if (url == null || url.isBlank()) {
			return "is empty";
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "is not a URL";
		}
		if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
			return "is not an absolute http(s) URL";
		}
		if (uri.getRawUserInfo() != null) {
			return "has user info";
		}
		if (uri.getHost() == null) {
			return "has no host";
		}
		if (uri.getRawQuery() != null) {
			return "has a query";
		}
		if (uri.getRawFragment() != null) {
			return "has a fragment";
		}
		return null;
	}

}
