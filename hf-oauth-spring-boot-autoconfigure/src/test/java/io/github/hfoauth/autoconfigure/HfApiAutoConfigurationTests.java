package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfHttpServiceGroupConfigurer;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API client for calling Hugging Face as the user: ready in every mode, backing off, set by
 * {@code hf.api.*}.
 */
class HfApiAutoConfigurationTests {

	private static FakeHuggingFace fake;

	private final WebApplicationContextRunner contextRunner = ApiClientContexts.servlet();

	@BeforeAll
	static void startFakeHuggingFace() {
		fake = FakeHuggingFace.start();
	}

	@AfterAll
	static void stopFakeHuggingFace() {
		fake.close();
	}

	@Test
	void anApiClientIsReadyInEveryMode() {
		this.contextRunner.withPropertyValues(properties(fake))
			.run((context) -> assertThat(context).hasSingleBean(HfApiClient.class)
				.hasSingleBean(HfHttpServiceGroupConfigurer.class)
				.hasSingleBean(OAuth2AuthorizedClientManager.class));
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(HfApiClient.class)
			.hasSingleBean(HfHttpServiceGroupConfigurer.class));
	}

	@Test
	void theApplicationsOwnGroupConfigurerWins() {
		HfHttpServiceGroupConfigurer own = new HfHttpServiceGroupConfigurer("https://hub.example",
				new org.springframework.http.client.SimpleClientHttpRequestFactory(),
				(request, body, execution) -> execution.execute(request, body));
		this.contextRunner.withPropertyValues(properties(fake))
			.withBean(HfHttpServiceGroupConfigurer.class, () -> own)
			.run((context) -> assertThat(context.getBean(HfHttpServiceGroupConfigurer.class)).isSameAs(own));
	}

	@Test
	void theClientIsBuiltOnlyWhenTheApplicationAsksForIt() {
		this.contextRunner.withPropertyValues(properties(fake)).run((context) -> {
			assertThat(context).hasSingleBean(HfApiClient.class);
			assertThat(context.getBeanFactory().containsSingleton("hfApiClient")).as("built at startup").isFalse();
			assertThat(context.getBeanFactory().containsSingleton("hfHttpServiceGroupConfigurer")).isFalse();
			context.getBean(HfApiClient.class);
			assertThat(context.getBeanFactory().containsSingleton("hfApiClient")).as("built when asked for").isTrue();
		});
	}

	@Test
	void theApplicationsApiClientAndClientManagerWin() {
		HfApiClient own = new HfApiClient(org.springframework.web.client.RestClient.create(),
				org.springframework.web.client.RestClient.create());
		this.contextRunner.withPropertyValues(properties(fake))
			.withBean(HfApiClient.class, () -> own)
			.withBean(OAuth2AuthorizedClientManager.class,
					() -> org.mockito.Mockito.mock(OAuth2AuthorizedClientManager.class))
			.run((context) -> {
				assertThat(context.getBean(HfApiClient.class)).isSameAs(own);
				assertThat(context).hasSingleBean(OAuth2AuthorizedClientManager.class);
			});
	}

	@Test
	void theApiTimeoutsAndUrlsAreProperties() {
		this.contextRunner
			.withPropertyValues("hf.api.hub-url=https://hub.example", "hf.api.read-timeout=2m")
			.run((context) -> {
				HfApiProperties api = context.getBean(HfApiProperties.class);
				assertThat(api.getHubUrl()).isEqualTo("https://hub.example");
				assertThat(api.getInferenceUrl()).isEqualTo("https://router.huggingface.co/v1");
				assertThat(api.getReadTimeout()).hasMinutes(2);
			});
	}

}
