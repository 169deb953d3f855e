package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfServerAuthorizationRequestResolver;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.HfSpace;
import io.github.hfoauth.session.HfWebSessionAuthorizedClientRepository;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebSessionIdResolverAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.session.WebSessionIdResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux auto-configuration: chosen by the application type, from the same properties and
 * Space environment as the servlet one, and backing off from the application's own beans.
 */
class HfOAuthReactiveAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthReactiveAutoConfiguration.class,
				HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class,
				ReactiveOAuth2ClientAutoConfiguration.class, ReactiveOAuth2ClientWebSecurityAutoConfiguration.class,
				WebSessionIdResolverAutoConfiguration.class));

	@Test
	void aReactiveAppGetsTheReactiveSignInFromTheProperties() {
		this.contextRunner.withPropertyValues("hf.oauth.client-id=abc", "hf.oauth.client-secret=s3cret",
				"hf.oauth.org-ids=5e9ecfc04957053f60648a3e")
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactiveClientRegistrationRepository.class)
					.hasSingleBean(HfServerOAuth2Login.class)
					.hasSingleBean(HfServerAuthorizationRequestResolver.class)
					.hasSingleBean(ReactiveOAuth2AuthorizedClientManager.class)
					.hasSingleBean(HfOAuth2UserConverter.class)
					.hasBean("hfOAuthSecurityWebFilterChain")
					.hasBean("hf")
					.satisfies(ActiveBeans::notInMockMode)
					.doesNotHaveBean(ClientRegistrationRepository.class)
					.doesNotHaveBean(ReactiveUserDetailsService.class);
				assertThat(context.getBean(ServerOAuth2AuthorizedClientRepository.class))
					.isInstanceOf(HfWebSessionAuthorizedClientRepository.class);
			});
	}

	@Test
	void withNothingConfiguredOutsideASpaceTheMockUserSignsIn() {
		this.contextRunner.run((context) -> {
			assertThat(context).satisfies(ActiveBeans::inMockMode)
				.hasSingleBean(HfServerOAuth2Login.class)
				.hasBean("hfOAuthSecurityWebFilterChain");
			assertThat(context.getBean(ReactiveClientRegistrationRepository.class).findByRegistrationId("huggingface")
				.block()).isNull();
		});
	}

	@Test
	void configurationErrorsStopTheStartAsOnTheServletSide() {
		this.contextRunner.withPropertyValues("hf.oauth.mock.enabled=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(HfOAuthConfigurationException.class)
				.hasMessageContaining("hf.oauth.mock.enabled=false"));
	}

	@Test
	void inASpaceTheSessionCookieGetsTheThirdPartyAttributesAndProxyHeadersAreTrusted() {
		this.contextRunner.withPropertyValues("SPACE_ID=ada/demo", "SPACE_HOST=ada-demo.hf.space",
				"OAUTH_CLIENT_ID=abc", "OAUTH_CLIENT_SECRET=s3cret", "OAUTH_SCOPES=openid profile",
				"OPENID_PROVIDER_URL=https://huggingface.co")
			.run((context) -> {
				assertThat(context).hasSingleBean(HfSpace.class).hasSingleBean(ForwardedHeaderTransformer.class);
				assertThat(sessionCookie(context.getBean(WebSessionIdResolver.class))).contains("Secure",
						"SameSite=None", "Partitioned", "HttpOnly");
			});
	}

	@Test
	void cookieAttributesTheAppSetsAreKeptInASpace() {
		this.contextRunner.withPropertyValues("SPACE_ID=ada/demo", "SPACE_HOST=ada-demo.hf.space",
				"OAUTH_CLIENT_ID=abc", "OAUTH_SCOPES=openid", "server.reactive.session.cookie.same-site=lax",
				"hf.oauth.space.partitioned-cookie=false")
			.run((context) -> assertThat(sessionCookie(context.getBean(WebSessionIdResolver.class)))
				.contains("SameSite=Lax", "Secure")
				.doesNotContain("Partitioned"));
	}

	@Test
	void outsideASpaceTheCookieAndProxyHeadersStayAsSpringSetsThem() {
		this.contextRunner.run((context) -> {
			assertThat(context).satisfies(ActiveBeans::noSpace);
			MockServerHttpRequest forwarded = MockServerHttpRequest.get("http://localhost/")
				.header("X-Forwarded-Host", "ada-demo.hf.space")
				.header("X-Forwarded-Proto", "https")
				.build();
			assertThat(context.getBean(ForwardedHeaderTransformer.class).apply(forwarded)).isSameAs(forwarded);
			assertThat(sessionCookie(context.getBean(WebSessionIdResolver.class))).doesNotContain("Secure",
					"Partitioned");
		});
	}

	@Test
	void theApplicationsOwnChainWinsAndCanOptIn() {
		this.contextRunner.withUserConfiguration(OwnChain.class).run((context) -> assertThat(context)
			.hasSingleBean(SecurityWebFilterChain.class)
			.hasBean("ownChain")
			.doesNotHaveBean("hfOAuthSecurityWebFilterChain"));
	}

	@Test
	void theApplicationsOwnBeansWin() {
		this.contextRunner.withPropertyValues("hf.oauth.client-id=abc")
			.withUserConfiguration(OwnBeans.class)
			.run((context) -> {
				assertThat(context.getBean(ReactiveClientRegistrationRepository.class))
					.isSameAs(context.getBean("ownRegistrations"));
				assertThat(context.getBean(ServerOAuth2AuthorizationRequestResolver.class))
					.isSameAs(context.getBean("ownResolver"));
				assertThat(context).hasBean("ownUserService").doesNotHaveBean("hfOidcUserService");
				assertThat(context.getBean(ServerOAuth2AuthorizedClientRepository.class))
					.isSameAs(context.getBean("ownAuthorizedClients"));
			});
	}

	@Test
	void aServletAppGetsNothingReactive() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HfOAuthReactiveAutoConfiguration.class,
					HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HfServerOAuth2Login.class)
				.doesNotHaveBean(ReactiveClientRegistrationRepository.class));
	}

	@Test
	void nothingHappensWithoutWebFluxsClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive.function.client"))
			.run((context) -> assertThat(context).doesNotHaveBean(HfServerOAuth2Login.class));
	}

	private static String sessionCookie(WebSessionIdResolver resolver) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		resolver.setSessionId(exchange, "abc");
		ResponseCookie cookie = exchange.getResponse().getCookies().getFirst("SESSION");
		assertThat(cookie).isNotNull();
		return cookie.toString();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityWebFilterChain ownChain(ServerHttpSecurity http, HfServerOAuth2Login huggingFace) {
			huggingFace.configure(http);
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		@Bean
		ReactiveClientRegistrationRepository ownRegistrations() {
			return (id) -> Mono.empty();
		}

		@Bean
		ServerOAuth2AuthorizationRequestResolver ownResolver(ReactiveClientRegistrationRepository registrations) {
			return new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
		}

		@Bean
		ReactiveOAuth2UserService<OidcUserRequest, OidcUser> ownUserService() {
			return (request) -> Mono.empty();
		}

		@Bean
		ServerOAuth2AuthorizedClientRepository ownAuthorizedClients(ReactiveClientRegistrationRepository registrations) {
			return new AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository(
					new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		}

	}

}
