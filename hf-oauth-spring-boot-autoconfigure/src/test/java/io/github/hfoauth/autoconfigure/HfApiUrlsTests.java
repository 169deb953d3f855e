package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfReactiveApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hf.api.hub-url} and {@code hf.api.inference-url}: absolute http(s) base URLs, or a
 * startup error naming the property, on both stacks and for bearer tokens.
 */
class HfApiUrlsTests {

	private final WebApplicationContextRunner servlet = ApiClientContexts.servlet();

	private final ReactiveWebApplicationContextRunner reactive = ApiClientContexts.reactive();

	@Test
	void baseUrlsOfTheHubAndInferenceProvidersAreAccepted() {
		this.servlet
			.withPropertyValues("hf.api.hub-url=http://127.0.0.1:8080/", "hf.api.inference-url=https://router.example/v1")
			.run((context) -> assertThat(context).hasSingleBean(HfApiClient.class));
		this.reactive.withPropertyValues("hf.api.hub-url=HTTPS://hub.example")
			.run((context) -> assertThat(context).hasSingleBean(HfReactiveApiClient.class));
	}

	@Test
	void anythingElseFailsAtStartupNamingTheProperty() {
		String[][] cases = { { "huggingface.co", "is 'huggingface.co', which is not an absolute http(s) URL" },
				{ "ftp://hub.example", "is 'ftp://hub.example', which is not an absolute http(s) URL" },
				{ "https://hub example", "is 'https://hub example', which is not a URL" },
				{ "https:/hub.example", "is 'https:/hub.example', which has no host" },
				{ "https://hub.example/?token=1", "is 'https://hub.example/?token=1', which has a query" },
				{ "https://hub.example/#top", "is 'https://hub.example/#top', which has a fragment" },
				{ " ", "is empty" } };
		for (String[] bad : cases) {
			this.servlet.withPropertyValues("hf.api.hub-url=" + bad[0])
				.run(failsWith("hf.api.hub-url " + bad[1] + ", so no call to Hugging Face could use it.",
						"Set hf.api.hub-url to an absolute http(s) base URL without user info, query or fragment, "
								+ "such as https://huggingface.co, or remove it to use that default."));
		}
		this.servlet.withPropertyValues("hf.api.inference-url=router.huggingface.co/v1")
			.run(failsWith("hf.api.inference-url is 'router.huggingface.co/v1', which is not an absolute http(s) URL",
					"such as https://router.huggingface.co/v1"));
		this.reactive.withPropertyValues("hf.api.inference-url=https://router.example/v1?x")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.isEqualTo("hf.api.inference-url is 'https://router.example/v1?x', which has a query, so no call to "
						+ "Hugging Face could use it."));
	}

	@Test
	void userInfoIsRefusedWithoutRepeatingIt() {
		this.servlet.withPropertyValues("hf.api.hub-url=https://ada:s3cret@hub.example")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.isEqualTo("hf.api.hub-url has user info, so no call to Hugging Face could use it."));
	}

	@Test
	void bearerTokensCheckTheHubUrlToo() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues("hf.oauth.bearer.enabled=true", "hf.api.hub-url=hub.example")
			.run(failsWith("hf.api.hub-url is 'hub.example', which is not an absolute http(s) URL",
					"Set hf.api.hub-url to an absolute http(s) base URL"));
	}

	private static FailureAnalysis analysis(Throwable failure) {
		assertThat(failure).as("a startup failure").isNotNull();
		FailureAnalysis analysis = new HfOAuthFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("a failure analysis").isNotNull();
		return analysis;
	}

}
