package io.github.hfoauth.autoconfigure;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Userinfo answering 503 after a successful token call must not throw the new tokens away:
 * Hugging Face already spent the old refresh token.
 */
class HfBestEffortUserRefreshTests {

	@Test
	void aUserinfoOutageAfterTheTokenCallLetsTheNewTokensBeSaved() {
		HfBestEffortUserRefresh refresh = new HfBestEffortUserRefresh((client, principal, attributes) -> Mono
			.error(WebClientResponseException.create(503, "Service Unavailable", null, null, null)));
		OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(ClientRegistration.withRegistrationId("huggingface")
			.clientId("client")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1/login/oauth2/code/huggingface")
			.authorizationUri("http://127.0.0.1/oauth/authorize")
			.tokenUri("http://127.0.0.1/oauth/token")
			.build(), "alice",
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "new", Instant.now(), Instant.now().plusSeconds(60)));
		assertThatNoException()
			.isThrownBy(() -> refresh.onAuthorizationSuccess(client, new TestingAuthenticationToken("alice", null), Map.of())
				.block());
	}

}
