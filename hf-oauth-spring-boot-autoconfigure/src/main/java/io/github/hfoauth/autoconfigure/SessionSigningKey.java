package io.github.hfoauth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import io.github.hfoauth.session.HfSessionSerializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The secret the MAC of stored session values is keyed from, and the checks of the session
 * properties: {@code hf.oauth.session.signing-key}, else the client secret (from
 * {@code hf.oauth.client-secret} or the Space), else a key of this instance alone. Never
 * logged.
 */
final class SessionSigningKey {

	static final int MIN_LENGTH = 32;

	private static final Log logger = LogFactory.getLog(SessionSigningKey.class);

	private SessionSigningKey() {
	}

	static byte[] resolve(HfSessionProperties session, HfOAuthProperties oauth, Environment environment) {
		String signingKey = session.getSigningKey();
		if (StringUtils.hasText(signingKey)) {
			if (signingKey.trim().length() < MIN_LENGTH) {
				throw new HfOAuthConfigurationException(
						"hf.oauth.session.signing-key is shorter than " + MIN_LENGTH + " characters: too easy to guess "
								+ "for the key that proves stored sessions were written by the app.",
						"Set hf.oauth.session.signing-key to a random value of at least " + MIN_LENGTH
								+ " characters (e.g. the output of 'openssl rand -base64 32'), the same on every "
								+ "instance, or remove it to derive the key from the client secret.");
			}
			return signingKey.trim().getBytes(StandardCharsets.UTF_8);
		}
		String clientSecret = StringUtils.hasText(oauth.getClientSecret()) ? oauth.getClientSecret() : null;
		if (clientSecret == null) {
			SpaceEnvironment space = SpaceEnvironment.read(environment);
			clientSecret = (space != null) ? space.clientSecret() : null;
		}
		if (clientSecret != null) {
			return clientSecret.trim().getBytes(StandardCharsets.UTF_8);
		}
		logger.warn("Sessions in the shared store are sealed with a key of this instance alone (there is no client "
				+ "secret to derive it from): other instances, and this one after a restart, sign their users out. "
				+ "Set hf.oauth.session.signing-key to the same random value of at least " + MIN_LENGTH
				+ " characters on every instance.");
		byte[] random = new byte[MIN_LENGTH];
		new SecureRandom().nextBytes(random);
		return random;
	}

	static List<String> allowedClasses(HfSessionProperties session) {
		for (String pattern : session.getAllowedClasses()) {
			if (!HfSessionSerializer.isClassPattern(pattern.trim())) {
				throw new HfOAuthConfigurationException(
						"hf.oauth.session.allowed-classes holds '" + pattern + "', which is not a class name or a "
								+ "package pattern.",
						"List class names (com.example.Cart) or packages (com.example.cart.* for one package, "
								+ "com.example.** with its subpackages) in hf.oauth.session.allowed-classes.");
			}
		}
		return session.getAllowedClasses().stream().map(String::trim).toList();
	}

}
