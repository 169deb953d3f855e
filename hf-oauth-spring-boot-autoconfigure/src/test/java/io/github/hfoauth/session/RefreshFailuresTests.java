package io.github.hfoauth.session;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refresh Hugging Face refused ends the session; one it did not answer keeps it. The
 * failures as Spring Security's token clients raise them.
 */
class RefreshFailuresTests {

	@Test
	void anOAuth2ErrorHuggingFaceSentIsARefusal() {
		assertThat(RefreshFailures.isOutage(refused("invalid_grant"))).isFalse();
		assertThat(RefreshFailures.isOutage(refused("invalid_client"))).isFalse();
		assertThat(RefreshFailures.isOutage(refused("unauthorized_client"))).isFalse();
	}

	@Test
	void tooManyRequestsOrARequestTimeoutIsAnOutageNotASignOut() {
		assertThat(RefreshFailures.isOutage(unreadable(new HttpClientErrorException(HttpStatus.TOO_MANY_REQUESTS))))
			.as("servlet: 429 from Hugging Face").isTrue();
		assertThat(RefreshFailures.isOutage(unreadable(new HttpClientErrorException(HttpStatus.REQUEST_TIMEOUT))))
			.as("servlet: 408").isTrue();
		assertThat(RefreshFailures.isOutage(refused("slow_down"))).as("an OAuth2 error not about the grant").isTrue();
		assertThat(RefreshFailures.isOutage(refused("temporarily_unavailable"))).isTrue();
	}

	@Test
	void noAnswerOrA5xxIsAnOutage() {
		assertThat(RefreshFailures.isOutage(unreadable(new ResourceAccessException("down", new ConnectException()))))
			.isTrue();
		assertThat(RefreshFailures.isOutage(unreadable(new HttpServerErrorException(HttpStatus.SERVICE_UNAVAILABLE))))
			.isTrue();
		assertThat(RefreshFailures.isOutage(new OAuth2AuthorizationException(new OAuth2Error("invalid_token_response"))))
			.as("an answer that is no OAuth2 answer (WebFlux reads a 503 page so)").isTrue();
		assertThat(RefreshFailures.isOutage(refused("server_error"))).isTrue();
	}

	@Test
	void a400Or401AnswerWithoutOAuth2ErrorIsARefusal() {
		assertThat(RefreshFailures.isOutage(unreadable(new HttpClientErrorException(HttpStatus.UNAUTHORIZED)))).isFalse();
		assertThat(RefreshFailures.isOutage(unreadable(new HttpClientErrorException(HttpStatus.BAD_REQUEST)))).isFalse();
	}

	@Test
	void theReasonOfAFailedRefreshIsOneWordOfAFixedSet() {
		assertThat(RefreshFailures.reason(refused("invalid_grant"))).isEqualTo("invalid_grant");
		assertThat(RefreshFailures.reason(refused("unauthorized_client"))).isEqualTo("unauthorized_client");
		assertThat(RefreshFailures.reason(refused("server_error"))).isEqualTo("provider_unavailable");
		assertThat(RefreshFailures.reason(unreadable(new HttpClientErrorException(HttpStatus.BAD_REQUEST))))
			.isEqualTo("refused");
		assertThat(RefreshFailures.reason(refused("hf_Ada_Lovelace"))).as("a code Hugging Face made up")
			.isEqualTo("provider_unavailable");
	}

	private static ClientAuthorizationException refused(String code) {
		return new ClientAuthorizationException(new OAuth2Error(code), "huggingface");
	}

	private static ClientAuthorizationException unreadable(Throwable cause) {
		return new ClientAuthorizationException(new OAuth2Error("invalid_token_response"), "huggingface",
				new OAuth2AuthorizationException(new OAuth2Error("invalid_token_response"), cause));
	}

}
