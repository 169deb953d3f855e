package io.github.hfoauth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.hfoauth.HfSignInMode;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Decides the {@link HfSignInMode} from the environment when the beans are created. Not a
 * condition: Spring AOT evaluates conditions at build time, and an image built without any
 * {@code OAUTH_*} variables would then sign in the mock user inside a Space. Mock mode is
 * chosen only when nothing says otherwise; a half-configured client is a startup error.
 */
final class SignInModes {

	private static final String BOOT_REGISTRATION = "spring.security.oauth2.client.registration.huggingface";

	private static final String BOOT_PROVIDER = "spring.security.oauth2.client.provider.huggingface";

	private SignInModes() {
	}

	/**
	 * Decides the mode, for an application that leaves the client registrations to the starter.
	 * @param environment the environment (system environment included)
	 * @param properties {@code hf.oauth.*}
	 * @return the mode
	 * @throws HfOAuthConfigurationException when the configuration is half a client, or Spring
	 * Boot's own registration properties name the {@code huggingface} client
	 */
	static HfSignInMode decide(Environment environment, HfOAuthProperties properties) {
		refuseBootRegistration(environment);
		if (SpaceEnvironment.isSpace(environment)) {
			return HfSignInMode.SPACE;
		}
		if (StringUtils.hasText(properties.getClientId())) {
			return HfSignInMode.PROPERTIES;
		}
		List<String> clientSettings = clientSettings(properties);
		if (!clientSettings.isEmpty()) {
			throw new HfOAuthConfigurationException(String.join(", ", clientSettings)
					+ (clientSettings.size() == 1 ? " is" : " are") + " set, but hf.oauth.client-id is not, so the "
					+ "Hugging Face client is only half configured (mock mode starts only when nothing configures a "
					+ "client).",
					"Set hf.oauth.client-id to the client ID of your OAuth app at "
							+ "https://huggingface.co/settings/connected-applications, or remove "
							+ String.join(" and ", clientSettings) + " to sign in the mock user during local development.");
		}
		if (!properties.getMock().isEnabled()) {
			throw HfClientSettings.missingClient(properties, null);
		}
		return HfSignInMode.MOCK;
	}

	/**
	 * The mode of an application that registers its own clients: the starter's client
	 * settings and the mock user play no part then.
	 * @param environment the environment
	 * @return {@link HfSignInMode#SPACE} in a Space, else {@link HfSignInMode#PROPERTIES}
	 */
	static HfSignInMode withOwnRegistrations(Environment environment) {
		return SpaceEnvironment.isSpace(environment) ? HfSignInMode.SPACE : HfSignInMode.PROPERTIES;
	}

	// The starter's repository replaces Spring Boot's, which would silently ignore these: say so,
	// rather than sign in the mock user beside a client the developer believes configured.
	private static void refuseBootRegistration(Environment environment) {
		Binder binder = Binder.get(environment);
		for (String prefix : List.of(BOOT_REGISTRATION, BOOT_PROVIDER)) {
			if (binder.bind(prefix, Bindable.mapOf(String.class, Object.class)).isBound()) {
				throw new HfOAuthConfigurationException(prefix + ".* is set, but this starter registers the "
						+ "huggingface client itself, from hf.oauth.* or a Space's environment, and Spring Boot's "
						+ "registration properties would be ignored.",
						"Use hf.oauth.client-id, hf.oauth.client-secret, hf.oauth.scopes, hf.oauth.redirect-uri and "
								+ "hf.oauth.provider-url instead, and remove " + prefix + ".*.");
			}
		}
	}

	private static List<String> clientSettings(HfOAuthProperties properties) {
		List<String> names = new ArrayList<>();
		if (StringUtils.hasText(properties.getClientSecret())) {
			names.add("hf.oauth.client-secret");
		}
		if (properties.getScopes() != null && !properties.getScopes().isEmpty()) {
			names.add("hf.oauth.scopes");
		}
		if (StringUtils.hasText(properties.getProviderUrl())) {
			names.add("hf.oauth.provider-url");
		}
		if (StringUtils.hasText(properties.getRedirectUri())) {
			names.add("hf.oauth.redirect-uri");
		}
		return names;
	}

}
