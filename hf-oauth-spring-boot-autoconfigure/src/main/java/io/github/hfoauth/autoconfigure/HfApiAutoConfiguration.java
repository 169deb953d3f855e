package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.api.HfApiAuthentication;
import io.github.hfoauth.api.HfApiClient;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * {@link HfApiClient}: calling the Hub and Inference Providers as the signed-in user, or, in
 * mock mode, with the developer's own token if they opt in.
 */
@AutoConfiguration(after = HfOAuthAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RestClient.class, OAuth2ClientHttpRequestInterceptor.class, HttpSecurity.class })
@EnableConfigurationProperties(HfApiProperties.class)
public final class HfApiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ClientRegistrationRepository.class, OAuth2AuthorizedClientManager.class })
	HfApiClient hfApiClient(HfApiProperties properties, OAuth2AuthorizedClientManager manager,
			OAuth2AuthorizedClientRepository authorizedClients, ObjectProvider<ObservationRegistry> observations) {
		return client(properties, HfApiAuthentication.signedInUser(manager, authorizedClients), observations);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(HfMockLogin.class)
	HfApiClient hfMockApiClient(HfApiProperties properties, HfOAuthProperties oauth, Environment environment,
			ObjectProvider<ObservationRegistry> observations) {
		String token = MockApiToken.of(oauth, environment);
		if (token == null) {
			return client(properties, HfApiAuthentication.noToken(MockApiToken.NONE), observations);
		}
		return client(properties, HfApiAuthentication.fixedToken(token), observations);
	}

	private static HfApiClient client(HfApiProperties properties, ClientHttpRequestInterceptor authentication,
			ObjectProvider<ObservationRegistry> observations) {
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(properties.getConnectTimeout());
		requestFactory.setReadTimeout(properties.getReadTimeout());
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(requestFactory)
			.observationRegistry(observations.getIfUnique(() -> ObservationRegistry.NOOP));
		return new HfApiClient(forOrigin(builder.clone(), properties.getHubUrl(), authentication),
				forOrigin(builder.clone(), properties.getInferenceUrl(), authentication));
	}

	// The origin check runs first, so the token is never added to a request for another host.
	private static RestClient forOrigin(RestClient.Builder builder, String baseUrl,
			ClientHttpRequestInterceptor authentication) {
		return builder.baseUrl(baseUrl)
			.requestInterceptor(HfApiAuthentication.onlyTo(baseUrl))
			.requestInterceptor(authentication)
			.build();
	}

}
