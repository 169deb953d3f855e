package io.github.hfoauth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The token the API clients call Hugging Face with in mock mode: the developer's own, only
 * when they opt in, since every mock sign-in then acts as them. Shared by the servlet and
 * the reactive API auto-configurations.
 */
final class MockApiToken {

	static final String NONE = "Mock mode has no Hugging Face token, so the app cannot call Hugging Face for the "
			+ "mock user. Set hf.oauth.mock.token, or hf.oauth.mock.use-hf-token=true to use HF_TOKEN: with your "
			+ "own token, which every mock sign-in then acts as.";

	private MockApiToken() {
	}

	/**
	 * The developer's token.
	 * @param oauth {@code hf.oauth.*}
	 * @param environment where {@code HF_TOKEN} is read from
	 * @return the token, or {@code null} when they did not opt in (then calls say {@link #NONE})
	 */
	static @Nullable String of(HfOAuthProperties oauth, Environment environment) {
		HfOAuthProperties.Mock mock = oauth.getMock();
		String token = StringUtils.hasText(mock.getToken()) ? mock.getToken()
				: mock.isUseHfToken() ? environment.getProperty("HF_TOKEN") : null;
		return StringUtils.hasText(token) ? token : null;
	}

}
