package io.github.hfoauth.reactive;

import io.github.hfoauth.api.HfApiAnswers;
import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfReactiveApiClient;
import io.github.hfoauth.api.HfReactiveHttpServiceGroupConfigurer;
import io.github.hfoauth.autoconfigure.HfApiAutoConfiguration;
import io.github.hfoauth.autoconfigure.HfOAuthAutoConfiguration;
import io.github.hfoauth.autoconfigure.HfOAuthReactiveAutoConfiguration;
import io.github.hfoauth.autoconfigure.HfReactiveApiAutoConfiguration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
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
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When {@link HfReactiveApiAutoConfiguration} gives an app {@link HfReactiveApiClient}: in a
 * reactive app with Hugging Face login (real or mock), never in a servlet app.
 */
class HfReactiveApiAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfReactiveApiAutoConfiguration.class));

	@Test
	void aReactiveAppWithHuggingFaceLoginGetsTheClient() {
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.SignedIn.class)
			.run((context) -> assertThat(context).hasSingleBean(HfReactiveApiClient.class)
				.hasSingleBean(HfReactiveHttpServiceGroupConfigurer.class));
	}

	@Test
	void theClientIsBuiltOnlyWhenTheApplicationAsksForIt() {
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.SignedIn.class).run((context) -> {
			assertThat(context).hasSingleBean(HfReactiveApiClient.class);
			assertThat(context.getBeanFactory().containsSingleton("hfReactiveApiClient")).as("built at startup").isFalse();
			assertThat(context.getBeanFactory().containsSingleton("hfReactiveHttpServiceGroupConfigurer")).isFalse();
			context.getBean(HfReactiveApiClient.class);
			assertThat(context.getBeanFactory().containsSingleton("hfReactiveApiClient")).as("built when asked for")
				.isTrue();
		});
	}

	@Test
	void aServletAppGetsNone() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(HfReactiveApiAutoConfiguration.class))
			.withUserConfiguration(ReactiveLoginBeans.SignedIn.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HfReactiveApiClient.class));
	}

	@Test
	void withoutHuggingFaceLoginThereIsNone() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HfReactiveApiClient.class));
	}

	@Test
	void withoutWebClientThereIsNone() {
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.SignedIn.class)
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HfReactiveApiClient.class));
	}

	@Test
	void theAppsOwnClientWins() {
		HfReactiveApiClient own = new HfReactiveApiClient(WebClient.create(), WebClient.create());
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.SignedIn.class)
			.withBean(HfReactiveApiClient.class, () -> own)
			.run((context) -> assertThat(context.getBean(HfReactiveApiClient.class)).isSameAs(own));
	}

	@Test
	void inMockModeTheClientSaysThereIsNoToken() {
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.MockMode.class).run((context) -> {
			HfReactiveApiClient client = context.getBean(HfReactiveApiClient.class);
			assertThat(HfApiAnswers.describe(assertThatExceptionOfType(HfApiException.class)
				.isThrownBy(() -> client.whoami().block())
				.actual())).startsWith(HfApiAnswers.MOCK_WITHOUT_TOKEN);
		});
	}

	@Test
	void inMockModeTheDeveloperMayOptInToHfToken() {
		try (FakeHuggingFace fake = FakeHuggingFace.start()) {
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			this.contextRunner.withUserConfiguration(ReactiveLoginBeans.MockMode.class)
				.withPropertyValues("hf.oauth.mock.use-hf-token=true", "HF_TOKEN=hf_from_the_environment",
						"hf.api.hub-url=" + fake.baseUrl())
				.run((context) -> {
					assertThat(context.getBean(HfReactiveApiClient.class).whoami().block())
						.hasToString(HfApiAnswers.WHOAMI_MAPPED);
					assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2"))))
						.singleElement()
						.satisfies((request) -> assertThat(request.getHeader("Authorization"))
							.isEqualTo("Bearer hf_from_the_environment"));
				});
		}
	}

	@Nested
	class WithTheStartersLogin {

		private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HfReactiveApiAutoConfiguration.class,
					HfOAuthReactiveAutoConfiguration.class, HfOAuthAutoConfiguration.class, HfApiAutoConfiguration.class,
					SecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
					ReactiveUserDetailsServiceAutoConfiguration.class, ReactiveOAuth2ClientAutoConfiguration.class,
					ReactiveOAuth2ClientWebSecurityAutoConfiguration.class, WebSessionIdResolverAutoConfiguration.class));

		@Test
		void aConfiguredClientGivesTheSignedInUsersClient() {
			this.contextRunner.withPropertyValues("hf.oauth.client-id=c", "hf.oauth.client-secret=s")
				.run((context) -> assertThat(context).hasSingleBean(HfReactiveApiClient.class)
					.hasBean("hfReactiveApiClient")
					.doesNotHaveBean(HfApiClient.class));
		}

		@Test
		void mockModeGivesTheMockClient() {
			this.contextRunner.run((context) -> {
				HfReactiveApiClient client = context.getBean(HfReactiveApiClient.class);
				assertThat(HfApiAnswers.describe(assertThatExceptionOfType(HfApiException.class)
					.isThrownBy(() -> client.whoami().block())
					.actual())).startsWith(HfApiAnswers.MOCK_WITHOUT_TOKEN);
			});
		}

		@Test
		void aServletAppGetsTheServletClientOnly() {
			new WebApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(HfReactiveApiAutoConfiguration.class,
						HfOAuthReactiveAutoConfiguration.class, HfOAuthAutoConfiguration.class,
						HfApiAutoConfiguration.class, SecurityAutoConfiguration.class,
						ServletWebSecurityAutoConfiguration.class))
				.withPropertyValues("hf.oauth.client-id=c", "hf.oauth.client-secret=s")
				.run((context) -> assertThat(context).hasSingleBean(HfApiClient.class)
					.doesNotHaveBean(HfReactiveApiClient.class));
		}

	}

}
