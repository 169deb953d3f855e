package io.github.hfoauth.autoconfigure;

import java.net.http.HttpClient;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The WebFlux twin of {@link HfProviderHttp}: Spring Security's reactive clients for the token
 * and userinfo endpoints, on one {@link WebClient} with the connect and read timeouts of
 * {@code hf.oauth.*} and Spring Boot's codec settings ({@link HfWebClientCodecs}: a userinfo of
 * a user in 1,000 organizations is larger than Spring's default limit). It runs on the JDK's
 * HTTP client, so an app on any server (Netty, Tomcat, Jetty) gets the same behaviour.
 */
final class HfReactiveProviderHttp {

	private final WebClient webClient;

	HfReactiveProviderHttp(HfOAuthProperties properties, HfWebClientCodecs codecs,
			ObjectProvider<ObservationRegistry> observations) {
		// HTTP/1.1 as on the servlet side: the JDK client's HTTP/2 upgrade on plain http can
		// leave a bodiless 401 unanswered until the read timeout.
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.getConnectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpConnector connector = new JdkClientHttpConnector(httpClient);
		connector.setReadTimeout(properties.getReadTimeout());
		this.webClient = WebClient.builder()
			.clientConnector(connector)
			.codecs(codecs)
			.observationRegistry(observations.getIfUnique(() -> ObservationRegistry.NOOP))
			.build();
	}

	DefaultReactiveOAuth2UserService userInfo() {
		DefaultReactiveOAuth2UserService userInfo = new DefaultReactiveOAuth2UserService();
		userInfo.setWebClient(this.webClient);
		return userInfo;
	}

	ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeTokenClient() {
		WebClientReactiveAuthorizationCodeTokenResponseClient client = new WebClientReactiveAuthorizationCodeTokenResponseClient();
		client.setWebClient(this.webClient);
		return readingFailures(client);
	}

	ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenClient() {
		WebClientReactiveRefreshTokenTokenResponseClient client = new WebClientReactiveRefreshTokenTokenResponseClient();
		client.setWebClient(this.webClient);
		return readingFailures(client);
	}

	// The servlet clients report a token endpoint out of reach as an OAuth2 error with the I/O
	// failure as its cause; the reactive ones let the WebClient's exception through, which the
	// sign-in filter does not handle (a 500). Same shape here, so the same page answers.
	private static <T extends AbstractOAuth2AuthorizationGrantRequest> ReactiveOAuth2AccessTokenResponseClient<T> readingFailures(
			ReactiveOAuth2AccessTokenResponseClient<T> client) {
		return (grantRequest) -> client.getTokenResponse(grantRequest)
			.onErrorMap((ex) -> !(ex instanceof OAuth2AuthorizationException),
					(ex) -> new OAuth2AuthorizationException(new OAuth2Error("invalid_token_response",
							"Could not read the token response from Hugging Face", null), ex));
	}

}
