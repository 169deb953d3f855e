package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.failsWith;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.huggingFace;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.space;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client registration settings: from the Space environment or the properties, and the
 * startup errors that name the line fixing a bad one.
 */
class HfClientSettingsTests {

	private static FakeHuggingFace fake;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class));

	@BeforeAll
	static void startFakeHuggingFace() {
		fake = FakeHuggingFace.start();
	}

	@AfterAll
	static void stopFakeHuggingFace() {
		fake.close();
	}

	@Test
	void insideASpaceTheRegistrationComesFromTheSpaceEnvironment() {
		this.contextRunner.withPropertyValues(space(fake)).run((context) -> {
			ClientRegistration registration = huggingFace(context);
			assertThat(registration.getClientId()).isEqualTo("space-client");
			assertThat(registration.getClientSecret()).isEqualTo("space-secret");
			assertThat(registration.getClientAuthenticationMethod())
				.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
			assertThat(registration.getScopes()).containsExactlyInAnyOrder("openid", "profile", "read-memberships");
			assertThat(registration.getRedirectUri())
				.isEqualTo("https://ada-demo.hf.space/login/oauth2/code/huggingface");
			assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(fake.baseUrl());
			assertThat(registration.getProviderDetails().getAuthorizationUri())
				.isEqualTo(fake.baseUrl() + "/oauth/authorize");
			assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(fake.baseUrl() + "/oauth/token");
			assertThat(registration.getProviderDetails().getUserInfoEndpoint().getUri())
				.isEqualTo(fake.baseUrl() + "/oauth/userinfo");
			assertThat(registration.getProviderDetails().getJwkSetUri()).isEqualTo(fake.baseUrl() + "/oauth/jwks");
			assertThat(registration.getClientSettings().isRequireProofKey()).isTrue();
			assertThat(context).satisfies(ActiveBeans::notInMockMode);
		});
	}

	@Test
	void withACustomDomainTheRedirectUriUsesTheFirstSpaceHost() {
		this.contextRunner.withPropertyValues(space(fake))
			.withPropertyValues("SPACE_HOST= ada-demo.hf.space , demo.example.org")
			.run((context) -> assertThat(huggingFace(context).getRedirectUri())
				.isEqualTo("https://ada-demo.hf.space/login/oauth2/code/huggingface"));
	}

	@Test
	void setPropertiesWinOverTheSpaceEnvironment() {
		this.contextRunner.withPropertyValues(space(fake))
			.withPropertyValues("hf.oauth.client-id=own-client", "hf.oauth.client-secret=own-secret",
					"hf.oauth.scopes=openid,profile,email", "hf.oauth.redirect-uri=https://app.example/callback")
			.run((context) -> {
				ClientRegistration registration = huggingFace(context);
				assertThat(registration.getClientId()).isEqualTo("own-client");
				assertThat(registration.getClientSecret()).isEqualTo("own-secret");
				assertThat(registration.getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
				assertThat(registration.getRedirectUri()).isEqualTo("https://app.example/callback");
			});
	}

	@Test
	void inASpaceScopesTheSpaceWasNotGrantedFailNamingTheMetadataLine() {
		this.contextRunner.withPropertyValues(space(fake))
			.withPropertyValues("hf.oauth.scopes=openid,profile,read-memberships,write-repos")
			.run(failsWith("hf.oauth.scopes asks for 'write-repos', which the Space 'ada/demo' was not granted",
					"hf_oauth_scopes: [read-memberships, write-repos]"));
	}

	@Test
	void inASpaceScopesWithinTheGrantedOnesAreKept() {
		this.contextRunner.withPropertyValues(space(fake))
			.withPropertyValues("hf.oauth.scopes=openid,read-memberships")
			.run((context) -> assertThat(huggingFace(context).getScopes())
				.containsExactlyInAnyOrder("openid", "read-memberships"));
	}

	@Test
	void propertiesAloneConfigureAClientOutsideASpace() {
		this.contextRunner.withPropertyValues(properties(fake)).run((context) -> {
			ClientRegistration registration = huggingFace(context);
			assertThat(registration.getClientId()).isEqualTo("prop-client");
			assertThat(registration.getScopes()).containsExactlyInAnyOrder("openid", "profile");
			assertThat(registration.getRedirectUri()).isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
		});
	}

	@Test
	void spaceSeparatedScopesInOnePropertyAreSplit() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.scopes=openid profile  inference-api")
			.run((context) -> assertThat(huggingFace(context).getScopes())
				.containsExactlyInAnyOrder("openid", "profile", "inference-api"));
	}

	@Test
	void withoutASecretTheClientIsPublicAndUsesPkceAlone() {
		this.contextRunner.withPropertyValues("hf.oauth.client-id=public-client",
				"hf.oauth.provider-url=" + fake.baseUrl())
			.run((context) -> {
				ClientRegistration registration = huggingFace(context);
				assertThat(registration.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
				assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.AUTHORIZATION_CODE);
				assertThat(registration.getClientSettings().isRequireProofKey()).isTrue();
			});
	}

	@Test
	void aTrailingSlashOnTheProviderUrlIsIgnored() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.provider-url=" + fake.baseUrl() + "/")
			.run((context) -> assertThat(huggingFace(context).getProviderDetails().getIssuerUri())
				.isEqualTo(fake.baseUrl()));
	}

	@Test
	void aSpaceWithoutOAuthAsksForHfOAuthMetadata() {
		this.contextRunner.withPropertyValues("SPACE_ID=ada/demo", "SPACE_HOST=ada-demo.hf.space")
			.run(failsWith("OAUTH_CLIENT_ID is not set", "hf_oauth: true"));
	}

	@Test
	void aSpaceWithoutSpaceHostAsksForTheRedirectUri() {
		this.contextRunner
			.withPropertyValues("SPACE_ID=ada/demo", "OAUTH_CLIENT_ID=c", "OPENID_PROVIDER_URL=" + fake.baseUrl())
			.run(failsWith("SPACE_HOST is not set", "hf.oauth.redirect-uri"));
	}

	@Test
	void scopesWithoutOpenidAreRefused() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.scopes=profile,email")
			.run(failsWith("lacks 'openid'", "hf.oauth.scopes=openid,profile,email."));
	}

	@Test
	void aProviderUrlThatIsNoUrlIsRefused() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.provider-url=huggingface.co")
			.run(failsWith("hf.oauth.provider-url is 'huggingface.co'", "https://huggingface.co"));
	}

	@Test
	void aBadOpenIdProviderUrlInASpaceNamesTheVariable() {
		this.contextRunner.withPropertyValues(space(fake))
			.withPropertyValues("OPENID_PROVIDER_URL=not a url")
			.run(failsWith("OPENID_PROVIDER_URL is 'not a url'", "hf.oauth.provider-url"));
	}

	@Test
	void aRedirectUriThatIsNoUrlIsRefused() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.redirect-uri=/login/oauth2/code/huggingface")
			.run(failsWith("hf.oauth.redirect-uri is '/login/oauth2/code/huggingface'", "{baseUrl}"));
	}

	@Test
	void configurationErrorsNeverShowTheSecret() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.client-secret=super-secret-value", "hf.oauth.scopes=profile")
			.run((context) -> {
				FailureAnalysis analysis = new HfOAuthFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("super-secret-value");
			});
	}

	@Test
	void theResolvedSettingsNeverPrintTheSecret() {
		var environment = new org.springframework.mock.env.MockEnvironment().withProperty("SPACE_ID", "ada/demo")
			.withProperty("OAUTH_CLIENT_ID", "space-client")
			.withProperty("OAUTH_CLIENT_SECRET", "super-secret-value")
			.withProperty("SPACE_HOST", "ada-demo.hf.space");
		SpaceEnvironment space = SpaceEnvironment.read(environment);
		HfClientSettings settings = HfClientSettings.resolve(new HfOAuthProperties(), space);
		assertThat(space.clientSecret()).isEqualTo("super-secret-value");
		assertThat(settings.clientSecret()).isEqualTo("super-secret-value");
		assertThat(space.toString()).contains("space-client").doesNotContain("super-secret-value");
		assertThat(settings.toString()).contains("space-client").doesNotContain("super-secret-value");
	}

}
