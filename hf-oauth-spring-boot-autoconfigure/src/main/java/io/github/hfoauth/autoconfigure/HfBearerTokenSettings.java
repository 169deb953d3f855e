package io.github.hfoauth.autoconfigure;

import java.util.List;

import io.github.hfoauth.HfBearerTokenUsers;
import io.github.hfoauth.HfOAuth2UserConverter;

import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Reads and checks {@code hf.oauth.bearer.*} at startup: Hugging Face tokens on the app's own
 * API, checked with the Hub at {@code hf.api.hub-url}.
 */
final class HfBearerTokenSettings {

	private HfBearerTokenSettings() {
	}

	static HfBearerTokenUsers users(HfOAuthProperties oauth, HfApiProperties api, HfOAuth2UserConverter converter) {
		HfOAuthProperties.Bearer bearer = oauth.getBearer();
		List<String> paths = bearer.getPaths().stream().filter(StringUtils::hasText).map(String::trim).toList();
		if (paths.isEmpty()) {
			throw new HfOAuthConfigurationException("hf.oauth.bearer.paths is empty, so no request could use a token.",
					"Set hf.oauth.bearer.paths to the API's paths, such as hf.oauth.bearer.paths=/api/**, or set "
							+ "hf.oauth.bearer.enabled=false.");
		}
		for (String path : paths) {
			if (!path.startsWith("/")) {
				throw new HfOAuthConfigurationException(
						"hf.oauth.bearer.paths contains '" + path + "', which is not a path pattern.",
						"Start each pattern with a slash, such as hf.oauth.bearer.paths=/api/**.");
			}
			checkPattern(path);
		}
		if (bearer.getCacheTtl() == null || bearer.getCacheTtl().isNegative() || bearer.getCacheTtl().isZero()) {
			throw new HfOAuthConfigurationException(
					"hf.oauth.bearer.cache-ttl is " + bearer.getCacheTtl() + ", so every request would ask the Hub.",
					"Set hf.oauth.bearer.cache-ttl to a positive duration, such as 5m.");
		}
		// The Hub answers for each token: a mistyped URL would make every token "unreachable".
		HfApiUrls.check(api);
		if (bearer.getCacheSize() < 1) {
			throw new HfOAuthConfigurationException(
					"hf.oauth.bearer.cache-size is " + bearer.getCacheSize() + ", so no answer could be remembered.",
					"Set hf.oauth.bearer.cache-size to at least 1, such as 10000.");
		}
		return new HfBearerTokenUsers(converter, api.getHubUrl(), oauth.getConnectTimeout(), oauth.getReadTimeout(),
				paths, bearer.getCacheTtl(), bearer.getCacheSize(), bearer.isAcceptOauthTokens());
	}

	// Parsed as both stacks' matchers will parse it, so that a bad pattern stops startup here and
	// not as a stack trace while the security chain is built.
	private static void checkPattern(String path) {
		try {
			PathPatternParser.defaultInstance.parse(path);
		}
		catch (PatternParseException ex) {
			throw new HfOAuthConfigurationException("hf.oauth.bearer.paths contains '" + path
					+ "', which is not a valid path pattern: " + ex.getMessage() + ".",
					"Fix that pattern in hf.oauth.bearer.paths: '**' may only be the first or last part of a pattern, such as /api/**, and "
							+ "'{name}' names one path segment.");
		}
	}

}
