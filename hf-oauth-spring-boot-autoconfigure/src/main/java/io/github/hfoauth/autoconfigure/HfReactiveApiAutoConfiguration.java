package io.github.hfoauth.autoconfigure;

import java.net.http.HttpClient;

import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.api.HfReactiveApiAuthentication;
import io.github.hfoauth.api.HfReactiveApiClient;
import io.github.hfoauth.api.HfReactiveHttpServiceGroupConfigurer;
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
import org.springframework.context.annotation.Lazy;
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
 * {@link HfReactiveApiClient} and {@link HfReactiveHttpServiceGroupConfigurer}: the WebFlux
 * twin of {@link HfApiAutoConfiguration}, with the same conditions and settings, and Spring Boot's codec settings ({@link HfWebClientCodecs}).
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

	// The clients are @Lazy, as on the servlet side: each brings JDK HTTP clients (a selector
	// thread each), built only when the application first asks for one. The URLs are therefore
	// checked here (hf.api.bill-to by its own bean), so that a typo still fails at startup.
	HfReactiveApiAutoConfiguration(HfApiProperties properties) {
		HfApiUrls.check(properties);
	}

	// Also declared by the login's auto-configuration; here for an app with the API client only.
	@Bean
	@ConditionalOnMissingBean
	HfWebClientCodecs hfWebClientCodecs(ListableBeanFactory beans, Environment environment) {
		return HfWebClientCodecs.from(beans, environment);
	}

	// Not lazy: a bad hf.api.bill-to stops the app at startup.
	@Bean
	BillTo hfApiBillTo(HfApiProperties properties) {
		return BillTo.of(properties);
	}

	// The mock user or the signed-in user, decided when the bean is created, as on the servlet side.
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ReactiveClientRegistrationRepository.class, ReactiveOAuth2AuthorizedClientManager.class })
	HfReactiveApiClient hfReactiveApiClient(HfApiProperties properties, BillTo billTo,
			ObjectProvider<HfMockLogin> mockLogin, HfOAuthProperties oauth, Environment environment,
			ReactiveOAuth2AuthorizedClientManager manager, ServerOAuth2AuthorizedClientRepository authorizedClients,
			HfWebClientCodecs codecs, ObjectProvider<ObservationRegistry> observations) {
		return client(properties, billTo, authentication(mockLogin, oauth, environment, manager, authorizedClients), codecs,
				observations.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ReactiveClientRegistrationRepository.class, ReactiveOAuth2AuthorizedClientManager.class })
	HfReactiveHttpServiceGroupConfigurer hfReactiveHttpServiceGroupConfigurer(HfApiProperties properties,
			ObjectProvider<HfMockLogin> mockLogin, HfOAuthProperties oauth, Environment environment,
			ReactiveOAuth2AuthorizedClientManager manager, ServerOAuth2AuthorizedClientRepository authorizedClients,
			HfWebClientCodecs codecs) {
		return new HfReactiveHttpServiceGroupConfigurer(properties.getHubUrl(), connector(properties), codecs,
				authentication(mockLogin, oauth, environment, manager, authorizedClients));
	}

	private static ExchangeFilterFunction authentication(ObjectProvider<HfMockLogin> mockLogin,
			HfOAuthProperties oauth, Environment environment, ReactiveOAuth2AuthorizedClientManager manager,
			ServerOAuth2AuthorizedClientRepository authorizedClients) {
		if (mockLogin.getIfAvailable() == null) {
			return HfReactiveApiAuthentication.signedInUser(manager, authorizedClients);
		}
		String token = MockApiToken.of(oauth, environment);
		return (token != null) ? HfReactiveApiAuthentication.fixedToken(token)
				: HfReactiveApiAuthentication.noToken(MockApiToken.NONE);
	}

	private static JdkClientHttpConnector connector(HfApiProperties properties) {
		return connector(http(properties), properties);
	}

	private static JdkClientHttpConnector connector(HttpClient http, HfApiProperties properties) {
		JdkClientHttpConnector connector = new JdkClientHttpConnector(http);
		connector.setReadTimeout(properties.getReadTimeout());
		return connector;
	}

	private static HttpClient http(HfApiProperties properties) {
		// HTTP/1.1, as the servlet client speaks: the JDK client's upgrade to HTTP/2 on plain
		// http never completes a 401 answer to a request with an Authorization header (JDK 17
		// and 25), so a revoked token would read as a timeout.
		// No redirect followed (the JDK's default, said here): the calls carry the user's token.
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.getConnectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	private static HfReactiveApiClient client(HfApiProperties properties, BillTo billTo,
			ExchangeFilterFunction authentication, HfWebClientCodecs codecs, ObservationRegistry observations) {
		HttpClient http = http(properties);
		WebClient.Builder builder = WebClient.builder()
			.clientConnector(connector(http, properties))
			.codecs(codecs)
			.observationRegistry(observations);
		// Streamed answers must stop when their subscriber cancels: see CancellableJdkConnector.
		WebClient.Builder inference = builder.clone()
			.clientConnector(new CancellableJdkConnector(http, properties.getReadTimeout()));
		if (billTo.organization() != null) {
			// A default header: a request's own billTo replaces it.
			inference.defaultHeaders(HfReactiveApiAuthentication.billTo(billTo.organization()));
		}
		return new HfReactiveApiClient(forOrigin(builder.clone(), properties.getHubUrl(), authentication),
				forOrigin(inference, properties.getInferenceUrl(), authentication));
	}

	// The origin check runs first, so the token is never added to a request for another host.
	private static WebClient forOrigin(WebClient.Builder builder, String baseUrl, ExchangeFilterFunction authentication) {
		return builder.baseUrl(baseUrl)
			.filter(HfReactiveApiAuthentication.onlyTo(baseUrl))
			.filter(authentication)
			.build();
	}

}
