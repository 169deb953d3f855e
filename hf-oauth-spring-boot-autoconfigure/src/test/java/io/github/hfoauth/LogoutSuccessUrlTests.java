package io.github.hfoauth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Where users land after logout is the app's own page: a URL to another site is refused when the
 * chain is built, on both web stacks, so no logout can become an open redirect.
 */
class LogoutSuccessUrlTests {

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example", "https://evil.example/", "bye", "" })
	void anythingButASameOriginPathIsRefused(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> HfOAuth2LoginConfigurer.huggingFace().logoutSuccessUrl(url))
			.withMessageContaining("same-origin path");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HfServerOAuth2Login(new DefaultListableBeanFactory()).withLogoutSuccessUrl(url))
			.withMessageContaining("same-origin path");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/bye", "/signed-out?see=you" })
	void aSameOriginPathIsTaken(String url) {
		assertThat(HfOAuth2LoginConfigurer.huggingFace().logoutSuccessUrl(url)).isNotNull();
		assertThat(new HfServerOAuth2Login(new DefaultListableBeanFactory()).withLogoutSuccessUrl(url)).isNotNull();
	}

}
