package io.github.hfoauth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.hfoauth.HfAuthoritiesMapper;
import io.github.hfoauth.HfBearerTokenUsers;
import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfOrganizationAuthorities;
import io.github.hfoauth.HfSecurityExpressions;
import io.github.hfoauth.HfSignInMode;
import io.github.hfoauth.HfSpace;
import io.github.hfoauth.HfTokenExpiry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * What servlet and reactive apps share: the principal's mapping, the organization gate and
 * authorities, the token expiry policy, the Space, the mock user, Hugging Face tokens on the
 * app's own API and the actuator masking.
 * Imported by {@link HfOAuthAutoConfiguration} and {@link HfOAuthReactiveAutoConfiguration};
 * only the web glue around these beans differs between the two.
 */
@Configuration(proxyBeanMethods = false)
class HfOAuthSharedConfiguration {

	private static final Log logger = LogFactory.getLog(HfOAuthSharedConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	HfAuthoritiesMapper hfAuthoritiesMapper() {
		return new HfOrganizationAuthorities();
	}

	@Bean
	@ConditionalOnMissingBean
	HfOAuth2UserConverter hfOAuth2UserConverter(HfAuthoritiesMapper authoritiesMapper, HfOAuthProperties properties) {
		return new HfOAuth2UserConverter(authoritiesMapper, HfOrganizationSettings.gate(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	HfTokenExpiry hfTokenExpiry(HfOAuthProperties properties) {
		HfOAuthProperties.TokenExpiry expiry = properties.getTokenExpiry();
		return new HfTokenExpiry(expiry.isEndSession(), expiry.isRefresh(), expiry.getOutageGrace());
	}

	// @PreAuthorize("@hf.memberOf('acme')")
	@Bean(name = "hf")
	@ConditionalOnMissingBean(name = "hf")
	HfSecurityExpressions hfSecurityExpressions() {
		return new HfSecurityExpressions();
	}

	// For an application that leaves the client registrations to the starter. The mode, the
	// mock user and the Space are decided when the beans are created, not by conditions, which
	// Spring AOT would freeze at build time: these beans are always registered, and the mock
	// user and the Space are null beans (absent to ObjectProvider) when not chosen.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(value = { ClientRegistrationRepository.class, ReactiveClientRegistrationRepository.class },
			ignored = { HfClientRegistrationRepository.class, HfReactiveClientRegistrationRepository.class })
	static class StarterClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HfSignInMode hfSignInMode(Environment environment, HfOAuthProperties properties) {
			return SignInModes.decide(environment, properties);
		}

		@Bean
		@Nullable HfMockLogin hfMockLogin(HfSignInMode mode, HfOAuthProperties properties,
				HfOAuth2UserConverter converter, ApplicationContext context) {
			if (mode != HfSignInMode.MOCK) {
				return null;
			}
			HfOAuthProperties.Mock mock = properties.getMock();
			// Loopback only is judged by the client's address: not where X-Forwarded-For decides it.
			MockModeForwardedHeaders.check(context, mock.isAllowRemote());
			logger.warn("MOCK MODE: no Hugging Face client is configured, so anyone who signs in becomes the mock "
					+ "user '" + mock.getUsername() + "'. For real sign-in set hf.oauth.client-id or run in a Space "
					+ "with 'hf_oauth: true'; set hf.oauth.mock.enabled=false to make missing configuration an error.");
			return new HfMockLogin(MockUserClaims.of(mock), HfClientSettings.DEFAULT_SCOPES, converter,
					mock.isAllowRemote());
		}

	}

	// The application registers its own clients: no mock user beside them.
	@Bean
	@ConditionalOnMissingBean
	HfSignInMode hfSignInModeWithOwnRegistrations(Environment environment) {
		return SignInModes.withOwnRegistrations(environment);
	}

	// hf.oauth.bearer.enabled: Hugging Face tokens on the app's own API; the sign-in configurers
	// of both stacks put them on their chain when this bean is there. Decided when the bean is
	// created (a null bean when off), not by a condition Spring AOT would freeze at build time.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OpaqueTokenIntrospector.class)
	@EnableConfigurationProperties(HfApiProperties.class)
	static class BearerTokenConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Nullable HfBearerTokenUsers hfBearerTokenUsers(HfOAuthProperties oauth, HfApiProperties api,
				HfOAuth2UserConverter converter) {
			return oauth.getBearer().isEnabled() ? HfBearerTokenSettings.users(oauth, api, converter) : null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector")
	static class BearerTokenModuleMissingConfiguration {

		@Bean
		@Nullable Object hfBearerTokenModuleMissing(HfOAuthProperties oauth) {
			if (!oauth.getBearer().isEnabled()) {
				return null;
			}
			throw new HfOAuthConfigurationException(
					"hf.oauth.bearer.enabled is true but Spring Security's resource server module is missing.",
					"Depend on hf-oauth-spring-boot-starter, which brings it, or add "
							+ "org.springframework.security:spring-security-oauth2-resource-server.");
		}

	}

	@Bean
	@ConditionalOnMissingBean
	@Nullable HfSpace hfSpace(Environment environment, HfOAuthProperties properties) {
		SpaceEnvironment space = SpaceEnvironment.read(environment);
		if (space == null) {
			return null;
		}
		List<String> ancestors = new ArrayList<>(properties.getSpace().getFrameAncestors());
		if (!ancestors.isEmpty() && space.host() != null) {
			ancestors.add("https://" + space.host());
		}
		return new HfSpace(space.spaceId(), space.host(), ancestors, SpaceEnvironment.allHosts(environment));
	}

	// Masked under each name even when an app sets Actuator's show-values=ALWAYS: the client
	// secret, the session signing key and the developer's own token.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorConfiguration {

		@Bean
		SanitizingFunction hfClientSecretSanitizer() {
			return SanitizingFunction.sanitizeValue()
				.ifKeyEndsWith("client-secret", "clientsecret", "client_secret", "signing-key", "signingkey", "signing_key",
						"mock.token", "hf_token");
		}

	}

}
