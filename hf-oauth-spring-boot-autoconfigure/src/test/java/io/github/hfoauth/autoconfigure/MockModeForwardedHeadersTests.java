package io.github.hfoauth.autoconfigure;

import java.net.InetSocketAddress;

import io.github.hfoauth.HfSignInMode;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mock mode refuses to start where forwarded headers decide the client's address, which its
 * loopback-only answer relies on: anyone could send {@code X-Forwarded-For: 127.0.0.1}. Spring
 * Boot's own rules decide: {@code framework} everywhere, {@code native}, a detected cloud platform
 * and Tomcat's remote IP headers where Spring Boot runs the server.
 * {@code hf.oauth.mock.allow-remote=true} or a client id still start.
 */
class MockModeForwardedHeadersTests {

	static final String ALLOW_REMOTE = "hf.oauth.mock.allow-remote=true";

	static final String CLIENT_ID = "hf.oauth.client-id=own-client";

	/** The decision itself, from the environment. */
	@Nested
	class SpringBootsRules {

		@Test
		void nothingSetTrustsNothing() {
			assertThat(trust(false)).isNull();
			assertThat(trust(true)).isNull();
		}

		@Test
		void frameworkIsTrustWithOrWithoutAServer() {
			assertThat(trust(false, "server.forward-headers-strategy=framework"))
				.isEqualTo(new MockModeForwardedHeaders.Trust("server.forward-headers-strategy=framework",
						"set server.forward-headers-strategy=none"));
			assertThat(trust(true, "server.forward-headers-strategy=framework")).isNotNull();
			assertThat(trust(true, "server.forward-headers-strategy=FRAMEWORK")).as("bound as Spring Boot binds it")
				.isNotNull();
		}

		@Test
		void nativeIsTrustWhereSpringBootRunsTheServer() {
			assertThat(trust(true, "server.forward-headers-strategy=native").setting())
				.isEqualTo("server.forward-headers-strategy=native");
			assertThat(trust(false, "server.forward-headers-strategy=native")).as("a bound MockMvc or WebTestClient")
				.isNull();
		}

		@Test
		void aDetectedCloudPlatformIsTrustUnlessTheStrategySaysOtherwise() {
			assertThat(trust(true, "spring.main.cloud-platform=kubernetes").setting()).contains("KUBERNETES");
			assertThat(trust(true, "VCAP_APPLICATION={}").setting()).contains("CLOUD_FOUNDRY");
			assertThat(trust(true, "DYNO=web.1").setting()).contains("HEROKU");
			assertThat(trust(true, "spring.main.cloud-platform=kubernetes", "server.forward-headers-strategy=none"))
				.isNull();
			assertThat(trust(true, "spring.main.cloud-platform=none")).isNull();
			assertThat(trust(false, "spring.main.cloud-platform=kubernetes")).as("no server: a test on a CI runner")
				.isNull();
		}

		@Test
		void tomcatsRemoteIpHeadersAreTrustWhateverTheStrategy() {
			assertThat(trust(true, "server.tomcat.remoteip.remote-ip-header=X-Real-IP"))
				.isEqualTo(new MockModeForwardedHeaders.Trust(
						"server.tomcat.remoteip.remote-ip-header (Tomcat's RemoteIpValve)",
						"remove server.tomcat.remoteip.remote-ip-header"));
			assertThat(trust(true, "server.tomcat.remoteip.protocol-header=X-Forwarded-Proto",
					"server.forward-headers-strategy=none"))
				.isNotNull();
			assertThat(trust(true, "server.tomcat.remoteip.remote-ip-header=X-Real-IP",
					"server.forward-headers-strategy=none"))
				.isNotNull();
		}

		@Test
		void withoutSpringBootsServerConfigurationNothingOfItApplies() {
			MockEnvironment environment = new MockEnvironment().withProperty("server.forward-headers-strategy",
					"framework");
			assertThat(MockModeForwardedHeaders.of(environment, true,
					new FilteredClassLoader("org.springframework.boot.web.server.autoconfigure")))
				.isNull();
		}

		private static MockModeForwardedHeaders.@Nullable Trust trust(boolean embeddedServer, String... properties) {
			MockEnvironment environment = new MockEnvironment();
			for (String property : properties) {
				int equals = property.indexOf('=');
				environment.setProperty(property.substring(0, equals), property.substring(equals + 1));
			}
			return MockModeForwardedHeaders.of(environment, embeddedServer,
					MockModeForwardedHeadersTests.class.getClassLoader());
		}

	}

	/** Without a server, as an app's tests with a bound MockMvc or WebTestClient. */
	@Nested
	class WithoutAServer {

		private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
					OAuth2ClientAutoConfiguration.class));

		private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HfOAuthReactiveAutoConfiguration.class,
					SecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
					ReactiveUserDetailsServiceAutoConfiguration.class, ReactiveOAuth2ClientAutoConfiguration.class,
					ReactiveOAuth2ClientWebSecurityAutoConfiguration.class));

		@ParameterizedTest
		@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
		void frameworkIsRefusedWithBothFixesNamed(WebApplicationType stack) {
			runner(stack).withPropertyValues("server.forward-headers-strategy=framework").run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new HfOAuthFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).as("a failure analysis").isNotNull();
				assertThat(analysis.getDescription()).contains("server.forward-headers-strategy=framework",
						"X-Forwarded-For: 127.0.0.1", "mock user");
				assertThat(analysis.getAction()).contains("hf.oauth.client-id", "server.forward-headers-strategy=none",
						"hf.oauth.mock.allow-remote=true", "HF_OAUTH_MOCK_ALLOW_REMOTE=true");
			});
		}

		@ParameterizedTest
		@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
		void frameworkStartsWhenRemoteRequestsAreAllowedOrAClientIsConfigured(WebApplicationType stack) {
			runner(stack).withPropertyValues("server.forward-headers-strategy=framework", ALLOW_REMOTE)
				.run((context) -> assertThat(context).hasNotFailed()
					.satisfies(ActiveBeans::inMockMode)
					.getBean(HfSignInMode.class)
					.isEqualTo(HfSignInMode.MOCK));
			runner(stack).withPropertyValues("server.forward-headers-strategy=framework", CLIENT_ID)
				.run((context) -> assertThat(context).hasNotFailed()
					.satisfies(ActiveBeans::notInMockMode)
					.getBean(HfSignInMode.class)
					.isEqualTo(HfSignInMode.PROPERTIES));
		}

		@ParameterizedTest
		@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
		void nativeAndACloudPlatformStartWhereNoServerRuns(WebApplicationType stack) {
			runner(stack).withPropertyValues("server.forward-headers-strategy=native")
				.run((context) -> assertThat(context).hasNotFailed().satisfies(ActiveBeans::inMockMode));
			runner(stack).withPropertyValues("spring.main.cloud-platform=kubernetes")
				.run((context) -> assertThat(context).hasNotFailed().satisfies(ActiveBeans::inMockMode));
		}

		private AbstractApplicationContextRunner<?, ?, ?> runner(WebApplicationType stack) {
			return (stack == WebApplicationType.SERVLET) ? this.servlet : this.reactive;
		}

	}

	/** With the server Spring Boot runs, as the app runs for real. */
	@Nested
	class WithTheServer {

		@ParameterizedTest
		@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
		void nativeIsRefused(WebApplicationType stack) {
			assertThat(refusal(stack, "server.forward-headers-strategy=native").getDescription())
				.contains("server.forward-headers-strategy=native");
		}

		@ParameterizedTest
		@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
		void aCloudPlatformIsRefusedUnlessTheStrategyIsNone(WebApplicationType stack) {
			FailureAnalysis analysis = refusal(stack, "spring.main.cloud-platform=kubernetes");
			assertThat(analysis.getDescription()).contains("KUBERNETES");
			assertThat(analysis.getAction()).contains("set server.forward-headers-strategy=none");
			try (ConfigurableApplicationContext context = start(stack, "spring.main.cloud-platform=kubernetes",
					"server.forward-headers-strategy=none")) {
				assertThat(context.getBean(HfSignInMode.class)).isEqualTo(HfSignInMode.MOCK);
			}
		}

		@Test
		void tomcatsRemoteIpHeaderIsRefused() {
			assertThat(refusal(WebApplicationType.SERVLET, "server.tomcat.remoteip.remote-ip-header=X-Real-IP")
				.getAction()).contains("remove server.tomcat.remoteip.remote-ip-header");
		}

		@ParameterizedTest
		@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
		void nativeStartsWhenRemoteRequestsAreAllowedOrAClientIsConfigured(WebApplicationType stack) {
			try (ConfigurableApplicationContext context = start(stack, "server.forward-headers-strategy=native",
					ALLOW_REMOTE)) {
				assertThat(context.getBean(HfSignInMode.class)).isEqualTo(HfSignInMode.MOCK);
			}
			try (ConfigurableApplicationContext context = start(stack, "server.forward-headers-strategy=native",
					CLIENT_ID)) {
				assertThat(context.getBean(HfSignInMode.class)).isEqualTo(HfSignInMode.PROPERTIES);
			}
		}

		// The starter's Space transformer has the bean name WebFlux looks up, so Spring Boot's own
		// backs off from it: with framework it must do that one's work, and otherwise nothing.
		@Test
		void onWebFluxFrameworkIsAppliedAsSpringBootWouldApplyIt() {
			MockServerHttpRequest forwarded = MockServerHttpRequest.get("http://localhost/")
				.remoteAddress(new InetSocketAddress("10.0.0.5", 40000))
				.header("X-Forwarded-For", "203.0.113.7")
				.header("X-Forwarded-Proto", "https")
				.build();
			try (ConfigurableApplicationContext context = start(WebApplicationType.REACTIVE,
					"server.forward-headers-strategy=framework", CLIENT_ID)) {
				ServerHttpRequest applied = context.getBean("forwardedHeaderTransformer", ForwardedHeaderTransformer.class)
					.apply(forwarded);
				assertThat(applied.getRemoteAddress().getHostString()).isEqualTo("203.0.113.7");
				assertThat(applied.getURI().getScheme()).isEqualTo("https");
			}
			try (ConfigurableApplicationContext context = start(WebApplicationType.REACTIVE, CLIENT_ID)) {
				assertThat(context.getBean("forwardedHeaderTransformer", ForwardedHeaderTransformer.class)
					.apply(forwarded)).as("outside a Space, nothing asked for").isSameAs(forwarded);
			}
		}

		private static FailureAnalysis refusal(WebApplicationType stack, String... properties) {
			Throwable[] failure = new Throwable[1];
			assertThatThrownBy(() -> start(stack, properties).close()).satisfies((ex) -> failure[0] = ex);
			FailureAnalysis analysis = new HfOAuthFailureAnalyzer().analyze(failure[0]);
			assertThat(analysis).as("a failure analysis of " + failure[0]).isNotNull();
			assertThat(analysis.getAction()).contains("hf.oauth.client-id", "hf.oauth.mock.allow-remote=true");
			return analysis;
		}

		private static ConfigurableApplicationContext start(WebApplicationType stack, String... properties) {
			return new SpringApplicationBuilder(App.class).web(stack)
				.properties("server.port=0", "spring.main.banner-mode=off")
				.properties(properties)
				.run();
		}

	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
