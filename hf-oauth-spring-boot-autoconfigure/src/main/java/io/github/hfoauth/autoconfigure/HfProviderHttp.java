package io.github.hfoauth.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The HTTP clients that talk to Hugging Face: Spring Security's own, as it configures them,
 * plus the connect and read timeouts of {@code hf.oauth.*}; those that carry a token or the
 * client secret follow no redirect. Spring's defaults wait forever on
 * a provider that accepts the connection and never answers, holding a request thread (and,
 * for the JWKS, a lock every sign-in needs).
 */
final class HfProviderHttp {

	private final HfOAuthProperties properties;

	private final ObservationRegistry observations;

	/**
	 * The clients of the given settings.
	 * @param properties the timeouts
	 * @param observations the application's registry, if any: every call is then observed
	 * ({@code http.client.requests}, traces), as with Spring Boot's own client builders
	 */
	HfProviderHttp(HfOAuthProperties properties, ObjectProvider<ObservationRegistry> observations) {
		this.properties = properties;
		this.observations = observations.getIfUnique(() -> ObservationRegistry.NOOP);
	}

	ClientHttpRequestFactory requestFactory() {
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(this.properties.getConnectTimeout());
		requestFactory.setReadTimeout(this.properties.getReadTimeout());
		return requestFactory;
	}

	// For the calls that carry a credential (a token, the client secret): no redirect followed.
	private ClientHttpRequestFactory withToken() {
		return new NoRedirects(this.properties.getConnectTimeout(), this.properties.getReadTimeout());
	}

	/** For discovery and the JWKS: plain GETs of JSON documents. */
	RestTemplate documents() {
		RestTemplate restTemplate = new RestTemplate(requestFactory());
		restTemplate.setObservationRegistry(this.observations);
		return restTemplate;
	}

	RestClient plain() {
		return RestClient.builder().requestFactory(requestFactory()).observationRegistry(this.observations).build();
	}

	/**
	 * For userinfo: OAuth2 error bodies become OAuth2 errors, as in DefaultOAuth2UserService.
	 * It carries the user's token: no redirect is followed.
	 */
	RestTemplate userInfo() {
		RestTemplate restTemplate = new RestTemplate(withToken());
		restTemplate.setObservationRegistry(this.observations);
		restTemplate.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		return restTemplate;
	}

	OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCodeTokenClient() {
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(tokenEndpoint());
		return client;
	}

	OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenClient() {
		RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
		client.setRestClient(tokenEndpoint());
		return client;
	}

	// The converters and error handler of AbstractRestClientOAuth2AccessTokenResponseClient.
	private RestClient tokenEndpoint() {
		return RestClient.builder()
			.requestFactory(withToken())
			.observationRegistry(this.observations)
			.configureMessageConverters((converters) -> {
				converters.addCustomConverter(new FormHttpMessageConverter());
				converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

}
