package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.api.HfApiAuthentication;
import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfHttpServiceGroupConfigurer;
import io.micrometer.observation.ObservationRegistry;

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
 * mock mode, with the developer's own token if they opt in; and the same for the app's own
 * {@code @HttpExchange} interfaces in the group {@code huggingface}
 * ({@link HfHttpServiceGroupConfigurer}).
 */
@AutoConfiguration(after = HfOAuthAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RestClient.class, OAuth2ClientHttpRequestInterceptor.class, HttpSecurity.class })
@EnableConfigurationProperties(HfApiProperties.class)
public final class HfApiAutoConfiguration {

	// The clients are @Lazy: built when the application first asks for one (injects it, or
	// declares HTTP services), so an app that never calls Hugging Face pays nothing at startup.
	// The URLs are therefore checked here, and hf.api.bill-to is a bean of its own, not lazy, so
	// that a typo still fails at startup, not when the first user asks a model.
	HfApiAutoConfiguration(HfApiProperties properties) {
		HfApiUrls.check(properties);
	}

	// Not lazy: a bad hf.api.bill-to stops the app at startup.
	@Bean
	BillTo hfApiBillTo(HfApiProperties properties) {
		return BillTo.of(properties);
	}

	// The mock user or the signed-in user, decided when the bean is created: Spring AOT would
	// freeze a condition at build time.
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ClientRegistrationRepository.class, OAuth2AuthorizedClientManager.class })
	HfApiClient hfApiClient(HfApiProperties properties, BillTo billTo, ObjectProvider<HfMockLogin> mockLogin,
			HfOAuthProperties oauth, Environment environment, OAuth2AuthorizedClientManager manager,
			OAuth2AuthorizedClientRepository authorizedClients, ObjectProvider<ObservationRegistry> observations) {
		return client(properties, billTo, authentication(mockLogin, oauth, environment, manager, authorizedClients),
				observations.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ClientRegistrationRepository.class, OAuth2AuthorizedClientManager.class })
	HfHttpServiceGroupConfigurer hfHttpServiceGroupConfigurer(HfApiProperties properties,
			ObjectProvider<HfMockLogin> mockLogin, HfOAuthProperties oauth, Environment environment,
			OAuth2AuthorizedClientManager manager, OAuth2AuthorizedClientRepository authorizedClients) {
		return new HfHttpServiceGroupConfigurer(properties.getHubUrl(), requestFactory(properties),
				authentication(mockLogin, oauth, environment, manager, authorizedClients));
	}

	private static ClientHttpRequestInterceptor authentication(ObjectProvider<HfMockLogin> mockLogin,
			HfOAuthProperties oauth, Environment environment, OAuth2AuthorizedClientManager manager,
			OAuth2AuthorizedClientRepository authorizedClients) {
		if (mockLogin.getIfAvailable() == null) {
			return HfApiAuthentication.signedInUser(manager, authorizedClients);
		}
		String token = MockApiToken.of(oauth, environment);
		return (token != null) ? HfApiAuthentication.fixedToken(token) : HfApiAuthentication.noToken(MockApiToken.NONE);
	}

	// The calls carry the user's token: no redirect is followed (to another host, it would be
	// that host's answer read as Hugging Face's).
	private static SimpleClientHttpRequestFactory requestFactory(HfApiProperties properties) {
		return new NoRedirects(properties.getConnectTimeout(), properties.getReadTimeout());
	}

	private static HfApiClient client(HfApiProperties properties, BillTo billTo,
			ClientHttpRequestInterceptor authentication, ObservationRegistry observations) {
		RestClient.Builder builder = RestClient.builder()
			.requestFactory(requestFactory(properties))
			.observationRegistry(observations);
		RestClient.Builder inference = builder.clone();
		if (billTo.organization() != null) {
			// A default header: a request's own billTo replaces it.
			inference.defaultHeaders(HfApiAuthentication.billTo(billTo.organization()));
		}
		return new HfApiClient(forOrigin(builder.clone(), properties.getHubUrl(), authentication),
				forOrigin(inference, properties.getInferenceUrl(), authentication));
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
