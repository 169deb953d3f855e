package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfBearerTokenUsers;
import io.github.hfoauth.HfOAuth2UserConverter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebSessionIdResolverAutoConfiguration;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hf.oauth.bearer.*}: off by default, read and checked at startup when on (a bad path
 * pattern on both stacks), and a clear error when Spring Security's resource server module is
 * missing.
 */
class HfBearerTokenSettingsTests {

	// Mock mode: no provider is needed to build the token lookup.
	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthReactiveAutoConfiguration.class, HfOAuthAutoConfiguration.class,
				SecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class, WebSessionIdResolverAutoConfiguration.class));

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBeanProvider(HfBearerTokenUsers.class).getIfAvailable())
			.isNull());
	}

	@Test
	void onItAsksTheHubOfHfApiHubUrlForThePaths() {
		this.contextRunner
			.withPropertyValues("hf.oauth.bearer.enabled=true", "hf.api.hub-url=https://hub.example",
					"hf.oauth.bearer.paths=/api/**,/v1/**", "hf.oauth.bearer.cache-ttl=1m")
			.run((context) -> assertThat(context.getBean(HfBearerTokenUsers.class)).hasToString(
					"HfBearerTokenUsers[hubUrl=https://hub.example, paths=[/api/**, /v1/**], cacheTtl=PT1M, "
							+ "acceptOAuthTokens=false]"));
	}

	@Test
	void oauthTokensOfAnyAppCountOnlyWhenTheAppSaysSo() {
		this.contextRunner.withPropertyValues("hf.oauth.bearer.enabled=true", "hf.oauth.bearer.accept-oauth-tokens=true")
			.run((context) -> assertThat(context.getBean(HfBearerTokenUsers.class).toString())
				.endsWith("acceptOAuthTokens=true]"));
	}

	@Test
	void theApplicationsOwnLookupWins() {
		HfBearerTokenUsers own = HfBearerTokenSettings.users(new HfOAuthProperties(), new HfApiProperties(),
				new HfOAuth2UserConverter());
		this.contextRunner.withPropertyValues("hf.oauth.bearer.enabled=true")
			.withBean(HfBearerTokenUsers.class, () -> own)
			.run((context) -> assertThat(context.getBean(HfBearerTokenUsers.class)).isSameAs(own));
	}

	@Test
	void aPathThatIsNoPatternStopsStartup() {
		this.contextRunner.withPropertyValues("hf.oauth.bearer.enabled=true", "hf.oauth.bearer.paths=api/**")
			.run(failsWith("hf.oauth.bearer.paths contains 'api/**', which is not a path pattern.",
					"Start each pattern with a slash, such as hf.oauth.bearer.paths=/api/**."));
	}

	@Test
	void aPatternSpringCannotParseStopsStartupNamingIt() {
		this.contextRunner.withPropertyValues("hf.oauth.bearer.enabled=true", "hf.oauth.bearer.paths=/v1/**,/api/**/x")
			.run(failsWith("hf.oauth.bearer.paths contains '/api/**/x', which is not a valid path pattern: ",
					"Fix that pattern in hf.oauth.bearer.paths: '**' may only be the first or last part of a pattern"));
		this.contextRunner.withPropertyValues("hf.oauth.bearer.enabled=true", "hf.oauth.bearer.paths=/api/{id")
			.run(failsWith("hf.oauth.bearer.paths contains '/api/{id', which is not a valid path pattern: ",
					"Fix that pattern in hf.oauth.bearer.paths"));
		this.reactive.withPropertyValues("hf.oauth.bearer.enabled=true", "hf.oauth.bearer.paths=/api/**/x")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new HfOAuthFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).as("a failure analysis").isNotNull();
				assertThat(analysis.getDescription())
					.contains("hf.oauth.bearer.paths contains '/api/**/x', which is not a valid path pattern: ");
			});
	}

	@Test
	void aCacheThatCannotRememberStopsStartup() {
		this.contextRunner.withPropertyValues("hf.oauth.bearer.enabled=true", "hf.oauth.bearer.cache-ttl=0s")
			.run(failsWith("hf.oauth.bearer.cache-ttl is PT0S", "Set hf.oauth.bearer.cache-ttl to a positive duration"));
		this.contextRunner.withPropertyValues("hf.oauth.bearer.enabled=true", "hf.oauth.bearer.cache-size=0")
			.run(failsWith("hf.oauth.bearer.cache-size is 0", "Set hf.oauth.bearer.cache-size to at least 1"));
	}

	@Test
	void withoutTheResourceServerModuleStartupSaysWhatToAdd() {
		this.contextRunner.withPropertyValues("hf.oauth.bearer.enabled=true")
			.withClassLoader(new FilteredClassLoader(OpaqueTokenIntrospector.class))
			.run(failsWith("Spring Security's resource server module is missing",
					"org.springframework.security:spring-security-oauth2-resource-server"));
	}

}
