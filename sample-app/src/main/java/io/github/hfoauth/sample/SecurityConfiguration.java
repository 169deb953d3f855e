package io.github.hfoauth.sample;

import io.github.hfoauth.HfAuthorization;
import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfOrganizationRole;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The app's own security: its pages need a signed-in user, except the home page, which
 * offers the sign-in. Defining this chain replaces the starter's default one; the app opts
 * into Sign in with Hugging Face with {@link HfOAuth2LoginConfigurer}, and through it into
 * Hugging Face tokens on {@code /api/**} ({@code hf.oauth.bearer.*}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain appSecurityFilterChain(HttpSecurity http, JsonMapper jsonMapper, SampleProperties sample) {
		String organization = sample.organization();
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", "/css/**", "/js/**", "/images/**", "/favicon.ico", "/favicon.svg", "/error", "/forbidden")
			.permitAll()
			// Health without details, for the Space's and load balancers' probes.
			.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			// The organization page is for its members; its one action for its admins.
			.requestMatchers(HttpMethod.POST, "/org/announcements")
			.access(HfAuthorization.hasRoleIn(organization, HfOrganizationRole.ADMIN))
			.requestMatchers("/org", "/org/**").access(HfAuthorization.memberOf(organization))
			.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions
				.accessDeniedHandler(new OrganizationAccessDeniedHandler(organization, jsonMapper)))
			// An API client cannot follow a redirect to Hugging Face: /api/** answers a JSON 401.
			// With hf.oauth.bearer.enabled=true (application.properties) the configurer also lets
			// scripts call /api/** with a Hugging Face token: no session, no CSRF, the token decides.
			.with(HfOAuth2LoginConfigurer.huggingFace(), (huggingFace) -> huggingFace.apiPaths("/api/**"));
		return http.build();
	}

}
