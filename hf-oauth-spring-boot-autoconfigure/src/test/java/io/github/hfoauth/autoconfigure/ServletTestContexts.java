package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.fake.FakeHuggingFace;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environments and assertions the servlet auto-configuration tests share: a Space, a client
 * set by properties, the registration they produce, and a startup failure that names its fix.
 */
final class ServletTestContexts {

	private ServletTestContexts() {
	}

	static String[] space(FakeHuggingFace fake) {
		return new String[] { "SPACE_ID=ada/demo", "SPACE_HOST=ada-demo.hf.space", "OAUTH_CLIENT_ID=space-client",
				"OAUTH_CLIENT_SECRET=space-secret", "OAUTH_SCOPES=openid profile read-memberships",
				"OPENID_PROVIDER_URL=" + fake.baseUrl() };
	}

	static String[] properties(FakeHuggingFace fake) {
		return new String[] { "hf.oauth.client-id=prop-client", "hf.oauth.client-secret=prop-secret",
				"hf.oauth.provider-url=" + fake.baseUrl() };
	}

	static ClientRegistration huggingFace(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(ClientRegistrationRepository.class).findByRegistrationId("huggingface");
	}

	static ContextConsumer<AssertableWebApplicationContext> failsWith(String description, String action) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new HfOAuthFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as("a failure analysis").isNotNull();
			assertThat(analysis.getDescription()).contains(description);
			assertThat(analysis.getAction()).contains(action);
		};
	}

}
