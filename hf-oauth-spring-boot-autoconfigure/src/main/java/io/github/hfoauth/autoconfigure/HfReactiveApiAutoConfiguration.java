package io.github.hfoauth.autoconfigure;

import java.net.http.HttpClient;

import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.api.HfReactiveApiAuthentication;
import io.github.hfoauth.api.HfReactiveApiClient;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link HfReactiveApiClient}: the WebFlux twin of {@link HfApiAutoConfiguration}, with the
 * same conditions and settings, and Spring Boot's codec settings ({@link HfWebClientCodecs}).
 * It runs on the JDK's HTTP client, so the app needs no particular reactive HTTP client
 * (Reactor Netty or other) for it.
 */
@AutoConfiguration(after = HfOAuthReactiveAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ WebClient.class, ServerOAuth2AuthorizedClientExchangeFilterFunction.class,
		ServerHttpSecurity.class })
// HfOAuthProperties too: mock mode reads its token from them, whichever login is in place.
@EnableConfigurationProperties({ HfApiProperties.class, HfOAuthProperties.class })
public final class HfReactiveApiAutoConfiguration {

	// Also declared by the login's auto-configuration; here for an app with the API client only.
	@Bean
	@ConditionalOnMissingBean
	HfWebClientCodecs hfWebClientCodecs(ListableBeanFactory beans, Environment environment) {
		return HfWebClientCodecs.from(beans, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ReactiveClientRegistrationRepository.class, ReactiveOAuth2AuthorizedClientManager.class })
	HfReactiveApiClient hfReactiveApiClient(HfApiProperties properties, ReactiveOAuth2AuthorizedClientManager manager,
			ServerOAuth2AuthorizedClientRepository authorizedClients, HfWebClientCodecs codecs,
			ObjectProvider<ObservationRegistry> observations) {
		return client(properties, HfReactiveApiAuthentication.signedInUser(manager, authorizedClients), codecs,
				observations);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(HfMockLogin.class)
	HfReactiveApiClient hfMockReactiveApiClient(HfApiProperties properties, HfOAuthProperties oauth,
			Environment environment, HfWebClientCodecs codecs, ObjectProvider<ObservationRegistry> observations) {
		String token = MockApiToken.of(oauth, environment);
		return client(properties, (token != null) ? HfReactiveApiAuthentication.fixedToken(token)
				: HfReactiveApiAuthentication.noToken(MockApiToken.NONE), codecs, observations);
	}

	private static HfReactiveApiClient client(HfApiProperties properties, ExchangeFilterFunction authentication,
			HfWebClientCodecs codecs, ObjectProvider<ObservationRegistry> observations) {
		// HTTP/1.1, as the servlet client speaks: the JDK client's upgrade to HTTP/2 on plain
		// http never completes a 401 answer to a request with an Authorization header (JDK 17
		// and 25), so a revoked token would read as a timeout.
		JdkClientHttpConnector connector = new JdkClientHttpConnector(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.getConnectTimeout())
			.build());
		connector.setReadTimeout(properties.getReadTimeout());
		WebClient.Builder builder = WebClient.builder()
			.clientConnector(connector)
			.codecs(codecs)
			.observationRegistry(observations.getIfUnique(() -> ObservationRegistry.NOOP));
		return new HfReactiveApiClient(forOrigin(builder.clone(), properties.getHubUrl(), authentication),
				forOrigin(builder.clone(), properties.getInferenceUrl(), authentication));
	}

	// The origin check runs first, so the token is never added to a request for another host.
	private static WebClient forOrigin(WebClient.Builder builder, String baseUrl, ExchangeFilterFunction authentication) {
		return builder.baseUrl(baseUrl)
			.filter(HfReactiveApiAuthentication.onlyTo(baseUrl))
			.filter(authentication)
			.build();
	}

}
