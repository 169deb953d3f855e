package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfReactiveSessionRegistry;
import io.github.hfoauth.HfServerAuthorizationRequestResolver;
import io.github.hfoauth.HfServerBearerTokens;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.HfSignInMode;
import io.github.hfoauth.session.HfReactiveRefreshLock;
import io.github.hfoauth.session.HfRefreshTimes;
import io.github.hfoauth.session.HfServerOneRefreshPerSession;
import io.github.hfoauth.session.HfWebSessionAuthorizedClientRepository;
import reactor.core.publisher.Mono;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ConditionalOnDefaultReactiveWebSecurity;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.RefreshOidcUserReactiveOAuth2AuthorizationSuccessHandler;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoderFactory;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Sign in with Hugging Face for WebFlux applications: the twin of
 * {@link HfOAuthAutoConfiguration}, with the same registration, principal, gate, mock user
 * and Space handling ({@link HfOAuthSharedConfiguration}) and reactive web glue: Spring
 * Security's reactive OAuth2 login, {@link HfServerOAuth2Login} for the application's own
 * {@link SecurityWebFilterChain}, and a default chain when the application has none.
 * <p>
 * Runs before Spring Boot's reactive OAuth2 client and web security auto-configurations, so
 * that its beans are the ones theirs back off from; every bean backs off from the
 * application's own.
 */
@AutoConfiguration(before = { ReactiveOAuth2ClientAutoConfiguration.class,
		ReactiveOAuth2ClientWebSecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
		ReactiveManagementWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, ClientRegistration.class, JwtDecoder.class, WebClient.class,
		ConditionalOnDefaultReactiveWebSecurity.class })
@EnableConfigurationProperties(HfOAuthProperties.class)
@Import(HfOAuthSharedConfiguration.class)
public final class HfOAuthReactiveAutoConfiguration {

	// The app's signed-in sessions on this instance, so that a sign-out can say whether another
	// tab (or the Space page's frame) is still signed in; checked against the session store.
	// With Spring Session's indexed store, HfReactiveSessionAutoConfiguration declares its own.
	@Bean
	@ConditionalOnMissingBean
	ReactiveSessionRegistry hfReactiveSessionRegistry(ObjectProvider<WebSessionManager> sessionManager) {
		return new HfReactiveSessionRegistry(sessionManager);
	}

	@Bean
	@ConditionalOnMissingBean
	HfServerOAuth2Login hfServerOAuth2Login(ApplicationContext context) {
		// The context rather than its bean factory: it also publishes the sign-in events.
		return new HfServerOAuth2Login(context);
	}

	@Bean
	@ConditionalOnMissingBean
	HfWebClientCodecs hfWebClientCodecs(ListableBeanFactory beans, Environment environment) {
		return HfWebClientCodecs.from(beans, environment);
	}

	// Applied by HfServerOAuth2Login when hf.oauth.bearer.enabled gives an HfBearerTokenUsers
	// (HfOAuthSharedConfiguration's); always registered, so that AOT freezes no decision.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveOpaqueTokenIntrospector.class)
	static class BearerTokenConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HfServerBearerTokens hfServerBearerTokens(ListableBeanFactory beans) {
			return new HfServerBearerTokens(beans);
		}

	}

	// Registered in every mode, as on the servlet side: no registration in mock mode.
	@Configuration(proxyBeanMethods = false)
	static class HuggingFaceClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(ReactiveClientRegistrationRepository.class)
		HfReactiveClientRegistrationRepository hfClientRegistrationRepository(HfOAuthProperties properties,
				Environment environment, HfSignInMode mode, ObjectProvider<ObservationRegistry> observations) {
			return new HfReactiveClientRegistrationRepository(
					HfClientRegistrationRepository.create(properties, environment, mode, observations));
		}

		@Bean
		@ConditionalOnMissingBean
		ServerOAuth2AuthorizationRequestResolver hfAuthorizationRequestResolver(
				ReactiveClientRegistrationRepository registrations, HfOAuthProperties properties) {
			return new HfServerAuthorizationRequestResolver(registrations, HfOrganizationSettings.orgIds(properties));
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveOAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> hfAuthorizationCodeTokenResponseClient(
				HfOAuthProperties properties, HfWebClientCodecs codecs,
				ObjectProvider<ObservationRegistry> observations) {
			return new HfReactiveProviderHttp(properties, codecs, observations).authorizationCodeTokenClient();
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> hfRefreshTokenResponseClient(
				HfOAuthProperties properties, HfWebClientCodecs codecs,
				ObjectProvider<ObservationRegistry> observations) {
			return new HfReactiveProviderHttp(properties, codecs, observations).refreshTokenClient();
		}

		// A refresh that brings a new ID token renews the signed-in user: through the starter's user
		// service, else Spring Security's default would make the principal no HfOAuth2User.
		@Bean
		@ConditionalOnMissingBean
		ReactiveOAuth2AuthorizedClientManager hfAuthorizedClientManager(ReactiveClientRegistrationRepository registrations,
				ServerOAuth2AuthorizedClientRepository authorizedClients,
				ReactiveOAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshTokenClient,
				ReactiveOAuth2UserService<OidcUserRequest, OidcUser> userService,
				ReactiveJwtDecoderFactory<ClientRegistration> idTokenDecoders, HfOAuthProperties properties,
				ObjectProvider<HfReactiveRefreshLock> lock, ObjectProvider<HfServerOneRefreshPerSession.Store> sharedSessions) {
			RefreshOidcUserReactiveOAuth2AuthorizationSuccessHandler refreshUser = new RefreshOidcUserReactiveOAuth2AuthorizationSuccessHandler();
			refreshUser.setUserService(userService);
			refreshUser.setJwtDecoderFactory(idTokenDecoders);
			DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(
					registrations, authorizedClients);
			manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
				.authorizationCode()
				.refreshToken((refresh) -> refresh.accessTokenResponseClient(refreshTokenClient)
					.authorizationSuccessHandler(new HfBestEffortUserRefresh(refreshUser)))
				.build());
			// Hugging Face rotates refresh tokens: one refresh per session, on any instance.
			return new HfServerOneRefreshPerSession(manager, authorizedClients,
					lock.getIfAvailable(HfReactiveRefreshLock::inMemory), sharedSessions.getIfUnique(),
					properties.getTokenExpiry().getOutageRetryInterval(),
					HfRefreshTimes.of(properties.getConnectTimeout(), properties.getReadTimeout()));
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveJwtDecoderFactory<ClientRegistration> hfIdTokenDecoderFactory(HfOAuthProperties properties,
				ObjectProvider<ObservationRegistry> observations) {
			return new HfReactiveIdTokenDecoderFactory(
					new HfIdTokenDecoderFactory(new HfProviderHttp(properties, observations).documents()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveOAuth2UserService<OidcUserRequest, OidcUser> hfOidcUserService(HfOAuth2UserConverter converter,
				HfOAuthProperties properties, HfWebClientCodecs codecs,
				ObjectProvider<ObservationRegistry> observations) {
			OidcReactiveOAuth2UserService userService = new OidcReactiveOAuth2UserService();
			userService.setOauth2UserService(new HfReactiveProviderHttp(properties, codecs, observations).userInfo());
			// As on the servlet side: userinfo always (isPro, canPay and the organizations are
			// only there), kept as Hugging Face sent it, and one converter builds the principal.
			userService.setRetrieveUserInfo((request) -> true);
			userService.setClaimTypeConverterFactory((registration) -> (claims) -> claims);
			userService.setOidcUserConverter((source) -> Mono.fromCallable(() -> converter.convert(source)));
			return userService;
		}

		// In the session, as on the servlet side: only the tokens, so that a shared session store
		// gets no client secret. The registration is resolved when needed (mock mode has none,
		// and no tokens either).
		@Bean
		@ConditionalOnMissingBean
		ServerOAuth2AuthorizedClientRepository hfAuthorizedClientRepository(
				ObjectProvider<ReactiveClientRegistrationRepository> registrations) {
			return new HfWebSessionAuthorizedClientRepository(
					(registrationId) -> registrations.getObject().findByRegistrationId(registrationId));
		}

	}

	// Always registered, doing nothing outside a Space, as on the servlet side.
	@Configuration(proxyBeanMethods = false)
	static class SpaceWebConfiguration {

		@Bean
		static SpaceWebSessionCookieInitializer hfSpaceWebSessionCookieInitializer(Environment environment) {
			boolean partitioned = environment.getProperty("hf.oauth.space.partitioned-cookie", Boolean.class, true);
			return new SpaceWebSessionCookieInitializer(
					SpaceSessionCookie.of(environment, SpaceSessionCookie.REACTIVE_PROPERTIES, partitioned));
		}

		// As on the servlet side: the Space proxy's X-Forwarded-Proto is trusted, and a forwarded
		// host only when it is the Space's own. The bean name is the one WebFlux looks up, and
		// Spring Boot's transformer for server.forward-headers-strategy=framework backs off from
		// it (this configuration comes first): it then does that transformer's work.
		@Bean(name = "forwardedHeaderTransformer")
		@ConditionalOnMissingBean
		ForwardedHeaderTransformer hfSpaceForwardedHeaderTransformer(Environment environment) {
			return new SpaceForwardedHeaderTransformer(SpaceForwardedHeaders.of(environment),
					SpaceForwardedHeaderTransformer.framework(environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultReactiveWebSecurity
	static class DefaultSecurityWebFilterChainConfiguration {

		@Bean
		SecurityWebFilterChain hfOAuthSecurityWebFilterChain(ServerHttpSecurity http, HfServerOAuth2Login huggingFace) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			huggingFace.configure(http);
			return http.build();
		}

	}

}
