package io.github.hfoauth;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HfMockLogin}.
 */
class HfMockLoginTests {

	private final HfMockLogin mockLogin = new HfMockLogin(Map.of("sub", "mock-sub", "preferred_username", "mock"),
			List.of("openid", "profile"), new HfOAuth2UserConverter());

	@Test
	void signsInTheMockUserWithTheHuggingFaceRegistration() {
		OAuth2AuthenticationToken signIn = (OAuth2AuthenticationToken) this.mockLogin
			.authenticate(new MockLoginRequest());
		assertThat(signIn.getAuthorizedClientRegistrationId()).isEqualTo(HfOAuth2Registration.REGISTRATION_ID);
		assertThat(((HfOAuth2User) signIn.getPrincipal()).isMock()).isTrue();
	}

	@Test
	void aUserOfARealSignInIsNotTheMockUser() {
		assertThat(HfOAuth2User.builder("alice").build().isMock()).isFalse();
	}

}
