package io.github.hfoauth.autoconfigure;

import jakarta.servlet.DispatcherType;

import io.github.hfoauth.HfAuthorizationRequestResolver;
import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfSessionRegistry;
import io.github.hfoauth.HfSignInMode;
import io.github.hfoauth.session.HfOneRefreshPerSession;
import io.github.hfoauth.session.HfRefreshTimes;
import io.github.hfoauth.session.HfRefreshLock;
import io.github.hfoauth.session.HfSessionAuthorizedClientRepository;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultServletWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Sign in with Hugging Face for servlet web applications: the {@code huggingface} client
 * registration (from {@code hf.oauth.*} or the Space's environment), the
 * {@link io.github.hfoauth.HfOAuth2User} principal, the mock sign-in for local development,
 * and a default {@link SecurityFilterChain} when the application has none.
 * <p>
 * Runs before Spring Boot's OAuth2 client and web security auto-configurations, so that its
 * beans are the ones theirs back off from; every bean backs off from the application's own.
 */
@AutoConfiguration(before = { OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class,
		ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
		UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, ClientRegistration.class, JwtDecoder.class,
		ConditionalOnDefaultServletWebSecurity.class })
@EnableConfigurationProperties(HfOAuthProperties.class)
@Import(HfOAuthSharedConfiguration.class)
public final class HfOAuthAutoConfiguration {

	// Registered in every mode (Spring AOT freezes conditions at build time); in mock mode the
	// repository holds no registration, and Spring Boot's own backs off all the same.
	@Configuration(proxyBeanMethods = false)
	static class HuggingFaceClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(ClientRegistrationRepository.class)
		HfClientRegistrationRepository hfClientRegistrationRepository(HfOAuthProperties properties,
				Environment environment, HfSignInMode mode, ObjectProvider<ObservationRegistry> observations) {
			return HfClientRegistrationRepository.create(properties, environment, mode, observations);
		}

		@Bean
		@ConditionalOnMissingBean
		OAuth2AuthorizationRequestResolver hfAuthorizationRequestResolver(ClientRegistrationRepository registrations,
				HfOAuthProperties properties) {
			return new HfAuthorizationRequestResolver(registrations, HfOrganizationSettings.orgIds(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> hfAuthorizationCodeTokenResponseClient(
				HfOAuthProperties properties, ObjectProvider<ObservationRegistry> observations) {
			return new HfProviderHttp(properties, observations).authorizationCodeTokenClient();
		}

		// Picked up by the OAuth2AuthorizedClientManager Spring Security registers, which refreshes tokens.
		@Bean
		@ConditionalOnMissingBean
		OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> hfRefreshTokenResponseClient(
				HfOAuthProperties properties, ObjectProvider<ObservationRegistry> observations) {
			return new HfProviderHttp(properties, observations).refreshTokenClient();
		}

		// Renews tokens (for HfApiClient and the token expiry check) with the refresh client
		// above; declared so that both use the same, and Spring Security adds none of its own.
		// Hugging Face rotates refresh tokens: one refresh per session, on any instance.
		@Bean
		@ConditionalOnMissingBean
		OAuth2AuthorizedClientManager hfAuthorizedClientManager(ClientRegistrationRepository registrations,
				OAuth2AuthorizedClientRepository authorizedClients,
				OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenClient,
				HfOAuthProperties properties, ObjectProvider<HfRefreshLock> lock,
				ObjectProvider<HfOneRefreshPerSession.Store> sharedSessions) {
			DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
					authorizedClients);
			manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
				.authorizationCode()
				.refreshToken((refresh) -> refresh.accessTokenResponseClient(refreshTokenClient))
				.build());
			return new HfOneRefreshPerSession(manager, authorizedClients, lock.getIfAvailable(HfRefreshLock::inMemory),
					sharedSessions.getIfUnique(), properties.getTokenExpiry().getOutageRetryInterval(),
					HfRefreshTimes.of(properties.getConnectTimeout(), properties.getReadTimeout()));
		}

		@Bean
		@ConditionalOnMissingBean
		JwtDecoderFactory<ClientRegistration> hfIdTokenDecoderFactory(HfOAuthProperties properties,
				ObjectProvider<ObservationRegistry> observations) {
			return new HfIdTokenDecoderFactory(new HfProviderHttp(properties, observations).documents());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OAuth2UserService<OidcUserRequest, OidcUser> hfOidcUserService(HfOAuth2UserConverter converter,
				HfOAuthProperties properties, ObjectProvider<ObservationRegistry> observations) {
			DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
			userInfo.setRestOperations(new HfProviderHttp(properties, observations).userInfo());
			OidcUserService userService = new OidcUserService();
			userService.setOauth2UserService(userInfo);
			// isPro, canPay and the organizations are only in userinfo, never in the ID token.
			userService.setRetrieveUserInfo((request) -> true);
			// Keep userinfo as Hugging Face sent it: HfOAuth2User reads it leniently, where
			// the default conversion would turn a wrongly typed field into a wrong value.
			userService.setClaimTypeConverterFactory((registration) -> (claims) -> claims);
			userService.setOidcUserConverter(converter);
			return userService;
		}

		// In the session rather than in memory keyed by user: it goes away with the session,
		// and follows the session into a shared store when the app runs several instances.
		// The registration is resolved when needed (mock mode has none, and no tokens either).
		@Bean
		@ConditionalOnMissingBean
		OAuth2AuthorizedClientRepository hfAuthorizedClientRepository(
				ObjectProvider<ClientRegistrationRepository> registrations) {
			return new HfSessionAuthorizedClientRepository((registrationId) -> registrations
				.getObject()
				.findByRegistrationId(registrationId));
		}

	}

	// Always registered, doing nothing outside a Space: decided at startup, not by conditions
	// that Spring AOT would freeze at build time.
	@Configuration(proxyBeanMethods = false)
	static class SpaceWebConfiguration {

		@Bean
		@ConditionalOnClass(ConfigurableServletWebServerFactory.class)
		SpaceSessionCookieCustomizer hfSpaceSessionCookieCustomizer(Environment environment,
				HfOAuthProperties properties) {
			return new SpaceSessionCookieCustomizer(SpaceSessionCookie.of(environment,
					SpaceSessionCookie.SERVLET_PROPERTIES, properties.getSpace().isPartitionedCookie()));
		}

		// TLS ends at Hugging Face's proxy, the only way into a Space: its X-Forwarded-Proto is
		// trusted there, and a forwarded host only when it is the Space's own.
		@Bean
		@ConditionalOnClass(FilterRegistrationBean.class)
		@ConditionalOnMissingFilterBean(SpaceForwardedHeaderFilter.class)
		FilterRegistrationBean<SpaceForwardedHeaderFilter> hfSpaceForwardedHeaderFilter(Environment environment) {
			SpaceForwardedHeaders trust = SpaceForwardedHeaders.of(environment);
			FilterRegistrationBean<SpaceForwardedHeaderFilter> registration = new FilterRegistrationBean<>(
					new SpaceForwardedHeaderFilter(trust));
			registration.setEnabled(trust.active());
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	// The app's signed-in sessions on this instance, so that a sign-out can say whether another
	// tab (or the Space page's frame) is still signed in; the container's session events keep it
	// current. With Spring Session, HfSessionAutoConfiguration declares one that asks the store.
	@Configuration(proxyBeanMethods = false)
	static class SignedInSessionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SessionRegistry hfSessionRegistry() {
			return new HfSessionRegistry();
		}

		@Bean
		@ConditionalOnMissingBean
		HttpSessionEventPublisher hfHttpSessionEventPublisher() {
			return new HttpSessionEventPublisher();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultServletWebSecurity
	static class DefaultSecurityFilterChainConfiguration {

		@Bean
		SecurityFilterChain hfOAuthSecurityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.with(HfOAuth2LoginConfigurer.huggingFace(), Customizer.withDefaults());
			return http.build();
		}

	}

}
