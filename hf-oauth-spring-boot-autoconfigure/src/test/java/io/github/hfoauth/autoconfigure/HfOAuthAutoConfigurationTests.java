package io.github.hfoauth.autoconfigure;



import java.util.List;

import io.github.hfoauth.HfAuthoritiesMapper;
import io.github.hfoauth.HfAuthorizationRequestResolver;
import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfSecurityExpressions;
import io.github.hfoauth.HfSpace;
import io.github.hfoauth.HfTokenExpiry;
import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.session.HfSessionAuthorizedClientRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.SecurityFilterChain;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class HfOAuthAutoConfigurationTests {

	private static FakeHuggingFace fake;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, HfApiAutoConfiguration.class,
				SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class));

	@BeforeAll
	static void startFakeHuggingFace() {
		fake = FakeHuggingFace.start();
	}

	@AfterAll
	static void stopFakeHuggingFace() {
		fake.close();
	}

	@BeforeEach
	void forgetRequests() {
		fake.resetRequests();
	}

	// --- Space environment -------------------------------------------------------------

	@Test
	void insideASpaceTheRegistrationComesFromTheSpaceEnvironment() {
		this.contextRunner.withPropertyValues(space()).run((context) -> {
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
			assertThat(context).doesNotHaveBean(HfMockLogin.class);
		});
	}

	@Test
	void withACustomDomainTheRedirectUriUsesTheFirstSpaceHost() {
		this.contextRunner.withPropertyValues(space())
			.withPropertyValues("SPACE_HOST= ada-demo.hf.space , demo.example.org")
			.run((context) -> assertThat(huggingFace(context).getRedirectUri())
				.isEqualTo("https://ada-demo.hf.space/login/oauth2/code/huggingface"));
	}

	@Test
	void setPropertiesWinOverTheSpaceEnvironment() {
		this.contextRunner.withPropertyValues(space())
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
	void propertiesAloneConfigureAClientOutsideASpace() {
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			ClientRegistration registration = huggingFace(context);
			assertThat(registration.getClientId()).isEqualTo("prop-client");
			assertThat(registration.getScopes()).containsExactlyInAnyOrder("openid", "profile");
			assertThat(registration.getRedirectUri()).isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
		});
	}

	@Test
	void spaceSeparatedScopesInOnePropertyAreSplit() {
		this.contextRunner.withPropertyValues(properties())
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
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.provider-url=" + fake.baseUrl() + "/")
			.run((context) -> assertThat(huggingFace(context).getProviderDetails().getIssuerUri())
				.isEqualTo(fake.baseUrl()));
	}

	// --- no network at startup, lazy discovery ----------------------------------------------

	@Test
	void startupMakesNoCallToHuggingFace() {
		this.contextRunner.withPropertyValues(space()).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class);
			assertThat(fake.totalRequests()).isZero();
			huggingFace(context);
			assertThat(fake.discoveryRequests()).hasSize(1);
		});
	}

	@Test
	void discoveryIsCachedAfterItSucceeds() {
		this.contextRunner.withPropertyValues(space()).run((context) -> {
			ClientRegistration first = huggingFace(context);
			ClientRegistration second = huggingFace(context);
			assertThat(second).isSameAs(first);
			assertThat(fake.discoveryRequests()).hasSize(1);
		});
	}

	@Test
	void aFailedDiscoveryIsTriedAgainAtTheNextSignIn() {
		int port = FakeHuggingFace.freePort();
		this.contextRunner.withPropertyValues("hf.oauth.client-id=c", "hf.oauth.provider-url=http://127.0.0.1:" + port,
				"hf.oauth.connect-timeout=1s", "hf.oauth.read-timeout=1s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ClientRegistrationRepository repository = context.getBean(ClientRegistrationRepository.class);
				assertThatExceptionOfType(OAuth2AuthenticationException.class)
					.isThrownBy(() -> repository.findByRegistrationId("huggingface"))
					.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("hf_provider_unavailable"));
				try (FakeHuggingFace late = FakeHuggingFace.startOn(port)) {
					assertThat(repository.findByRegistrationId("huggingface").getProviderDetails().getIssuerUri())
						.isEqualTo(late.baseUrl());
				}
			});
	}

	@Test
	void signInsQueuedBehindAFailedDiscoveryShareItsAnswer() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.read-timeout=1s")
			.run((context) -> {
				ClientRegistrationRepository repository = context.getBean(ClientRegistrationRepository.class);
				fake.breakEndpoint("/.well-known/openid-configuration", serverError().withFixedDelay(1500));
				try {
					java.util.concurrent.ExecutorService signIns = java.util.concurrent.Executors.newFixedThreadPool(4);
					java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
					List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
					for (int i = 0; i < 4; i++) {
						answers.add(signIns.submit(() -> {
							start.await();
							try {
								repository.findByRegistrationId("huggingface");
								return "registration";
							}
							catch (OAuth2AuthenticationException ex) {
								return ex.getError().getErrorCode();
							}
						}));
					}
					start.countDown();
					for (var answer : answers) {
						assertThat(answer.get()).isEqualTo("hf_provider_unavailable");
					}
					signIns.shutdown();
					assertThat(fake.discoveryRequests()).as("one attempt, not one per waiting sign-in").hasSizeLessThan(3);
				}
				finally {
					fake.repair();
				}
				assertThat(repository.findByRegistrationId("huggingface")).as("the next sign-in tries afresh").isNotNull();
			});
	}

	@Test
	void aDiscoveryDocumentForAnotherIssuerIsRefused() {
		this.contextRunner.withPropertyValues("hf.oauth.client-id=c",
				"hf.oauth.provider-url=" + fake.baseUrl().replace("127.0.0.1", "localhost"))
			.run((context) -> assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> huggingFace(context)));
	}

	@Test
	void otherRegistrationIdsAreUnknown() {
		this.contextRunner.withPropertyValues(properties())
			.run((context) -> assertThat(
					context.getBean(ClientRegistrationRepository.class).findByRegistrationId("github"))
				.isNull());
	}

	@Test
	void aDiscoveryErrorOrGarbageIsAProviderOutageTriedAgainLater() {
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			ClientRegistrationRepository repository = context.getBean(ClientRegistrationRepository.class);
			for (var answer : List.of(serverError(), okJson("{\"issuer\": 42}"), ok("<html>maintenance</html>"))) {
				fake.breakEndpoint("/.well-known/openid-configuration", answer);
				assertThatExceptionOfType(OAuth2AuthenticationException.class)
					.isThrownBy(() -> repository.findByRegistrationId("huggingface"))
					.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("hf_provider_unavailable"));
				fake.repair();
			}
			assertThat(repository.findByRegistrationId("huggingface")).isNotNull();
		});
	}

	// --- Space web support -------------------------------------------------------------

	@Test
	void insideASpaceTheAppKnowsItsSpaceAndWhoMayFrameIt() {
		this.contextRunner.withPropertyValues(space()).run((context) -> {
			HfSpace space = context.getBean(HfSpace.class);
			assertThat(space.getId()).isEqualTo("ada/demo");
			assertThat(space.getUrl()).isEqualTo("https://ada-demo.hf.space/");
			assertThat(space.getFrameAncestors()).containsExactly("https://huggingface.co", "https://ada-demo.hf.space");
			assertThat(context).hasSingleBean(SpaceSessionCookieCustomizer.class)
				.hasBean("hfSpaceForwardedHeaderFilter");
		});
	}

	@Test
	void framingCanBeForbiddenInASpace() {
		this.contextRunner.withPropertyValues(space())
			.withPropertyValues("hf.oauth.space.frame-ancestors=")
			.run((context) -> assertThat(context.getBean(HfSpace.class).getFrameAncestors()).isEmpty());
	}

	@Test
	void anAppsOwnForwardHeadersStrategyWinsInASpace() {
		this.contextRunner.withPropertyValues(space())
			.withPropertyValues("server.forward-headers-strategy=native")
			.run((context) -> assertThat(context).doesNotHaveBean("hfSpaceForwardedHeaderFilter"));
	}

	@Test
	void aBlankSpaceIdIsNoSpace() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("SPACE_ID= ")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HfSpace.class));
	}

	@Test
	void outsideASpaceNothingOfTheSpaceIsConfigured() {
		this.contextRunner.withPropertyValues(properties())
			.run((context) -> assertThat(context).doesNotHaveBean(HfSpace.class)
				.doesNotHaveBean(SpaceSessionCookieCustomizer.class)
				.doesNotHaveBean("hfSpaceForwardedHeaderFilter"));
	}

	@Test
	void tokenExpiryFollowsTheProperties() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.token-expiry.refresh=false")
			.run((context) -> assertThat(context.getBean(HfTokenExpiry.class))
				.isEqualTo(new HfTokenExpiry(true, false)));
	}

	@Test
	void theClientSecretIsMaskedInActuatorEvenWhenValuesAreShown() {
		this.contextRunner.withPropertyValues(properties()).run((context) -> {
			SanitizingFunction sanitizer = context.getBean(SanitizingFunction.class);
			for (String key : List.of("hf.oauth.client-secret", "OAUTH_CLIENT_SECRET", "clientSecret",
					"hf.oauth.mock.token", "HF_TOKEN")) {
				assertThat(sanitizer.applyUnlessFiltered(new SanitizableData(null, key, "s3cret")).getValue()).as(key)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(sanitizer.applyUnlessFiltered(new SanitizableData(null, "hf.oauth.client-id", "c")).getValue())
				.isEqualTo("c");
		});
	}

	// --- mock mode ---------------------------------------------------------------------

	@Test
	void withNothingConfiguredOutsideASpaceTheMockUserSignsIn() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(HfMockLogin.class)
				.doesNotHaveBean(ClientRegistrationRepository.class)
				.hasSingleBean(SecurityFilterChain.class);
			// No generated password: the mock sign-in is the only way in.
			assertThat(context).doesNotHaveBean(UserDetailsService.class);
		});
	}

	@Test
	void theMockUserIsConfigurable() {
		this.contextRunner
			.withPropertyValues("hf.oauth.mock.username=alice", "hf.oauth.mock.name=Alice",
					"hf.oauth.mock.pro=true", "hf.oauth.mock.organizations[0].username=acme",
					"hf.oauth.mock.organizations[0].role=write", "hf.oauth.mock.organizations[1].username=other")
			.run((context) -> {
				var user = context.getBean(HfMockLogin.class).authenticate(null).getPrincipal();
				assertThat(user).isInstanceOfSatisfying(io.github.hfoauth.HfOAuth2User.class, (mock) -> {
					assertThat(mock.getUsername()).isEqualTo("alice");
					assertThat(mock.getDisplayName()).isEqualTo("Alice");
					assertThat(mock.isPro()).isTrue();
					assertThat(mock.getOrganizations()).extracting(io.github.hfoauth.HfOrganization::getUsername)
						.containsExactly("acme", "other");
					assertThat(mock.hasRoleIn("acme", io.github.hfoauth.HfOrganizationRole.WRITE)).isTrue();
					assertThat(mock.roleIn("other")).contains(io.github.hfoauth.HfOrganizationRole.READ);
				});
			});
	}

	@Test
	void theDefaultMockUserIsPlausible() {
		this.contextRunner.run((context) -> {
			var user = (io.github.hfoauth.HfOAuth2User) context.getBean(HfMockLogin.class)
				.authenticate(null)
				.getPrincipal();
			assertThat(user.getUsername()).isEqualTo("mock-user");
			assertThat(user.getSubject()).matches("[0-9a-f]{24}");
			assertThat(user.getAvatarUrl()).startsWith("data:image/svg+xml,");
			assertThat(user.getOrganizations()).singleElement()
				.satisfies((org) -> assertThat(org.getRoleInOrg()).isEqualTo("admin"));
		});
	}

	@Test
	void aMockOrganizationWithoutAHandleIsRefused() {
		this.contextRunner.withPropertyValues("hf.oauth.mock.organizations[0].name=Nameless")
			.run(failsWith("hf.oauth.mock.organizations[0] has no username",
					"hf.oauth.mock.organizations[0].username"));
	}

	@Test
	void anUnknownMockRoleIsRefused() {
		this.contextRunner.withPropertyValues("hf.oauth.mock.organizations[0].username=acme",
				"hf.oauth.mock.organizations[0].role=owner")
			.run(failsWith("hf.oauth.mock.organizations[0].role is 'owner'", "admin, write, contributor or read"));
	}

	@Test
	void mockModeNeverActivatesInsideASpace() {
		this.contextRunner.withPropertyValues("SPACE_ID=ada/demo", "SPACE_HOST=ada-demo.hf.space")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ada/demo")
				.hasMessageContaining("OAUTH_CLIENT_ID"));
	}

	@Test
	void aClientIdTurnsMockModeOff() {
		this.contextRunner.withPropertyValues(properties())
			.run((context) -> assertThat(context).doesNotHaveBean(HfMockLogin.class)
				.hasSingleBean(ClientRegistrationRepository.class));
	}

	// --- configuration errors name their fix -------------------------------------------

	@Test
	void aSpaceWithoutOAuthAsksForHfOAuthMetadata() {
		this.contextRunner.withPropertyValues("SPACE_ID=ada/demo", "SPACE_HOST=ada-demo.hf.space")
			.run(failsWith("OAUTH_CLIENT_ID is not set", "hf_oauth: true"));
	}

	@Test
	void mockSwitchedOffWithoutAClientNamesTheProperties() {
		this.contextRunner.withPropertyValues("hf.oauth.mock.enabled=false")
			.run(failsWith("hf.oauth.mock.enabled=false", "hf.oauth.client-id"));
	}

	@Test
	void aSpaceWithoutSpaceHostAsksForTheRedirectUri() {
		this.contextRunner
			.withPropertyValues("SPACE_ID=ada/demo", "OAUTH_CLIENT_ID=c", "OPENID_PROVIDER_URL=" + fake.baseUrl())
			.run(failsWith("SPACE_HOST is not set", "hf.oauth.redirect-uri"));
	}

	@Test
	void scopesWithoutOpenidAreRefused() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.scopes=profile,email")
			.run(failsWith("lacks 'openid'", "hf.oauth.scopes=openid,profile,email."));
	}

	@Test
	void aProviderUrlThatIsNoUrlIsRefused() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.provider-url=huggingface.co")
			.run(failsWith("hf.oauth.provider-url is 'huggingface.co'", "https://huggingface.co"));
	}

	@Test
	void aBadOpenIdProviderUrlInASpaceNamesTheVariable() {
		this.contextRunner.withPropertyValues(space())
			.withPropertyValues("OPENID_PROVIDER_URL=not a url")
			.run(failsWith("OPENID_PROVIDER_URL is 'not a url'", "hf.oauth.provider-url"));
	}

	@Test
	void aRedirectUriThatIsNoUrlIsRefused() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.redirect-uri=/login/oauth2/code/huggingface")
			.run(failsWith("hf.oauth.redirect-uri is '/login/oauth2/code/huggingface'", "{baseUrl}"));
	}

	@Test
	void configurationErrorsNeverShowTheSecret() {
		this.contextRunner.withPropertyValues(properties())
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

	// --- organizations --------------------------------------------------------------------

	@Test
	void anAllowedRoleWithoutOrganizationsIsRefused() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.allowed-role=admin")
			.run(failsWith("hf.oauth.allowed-role is 'admin' but hf.oauth.allowed-organizations is empty",
					"hf.oauth.allowed-organizations=acme"));
	}

	@Test
	void anUnknownAllowedRoleIsRefused() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.allowed-organizations=acme", "hf.oauth.allowed-role=owner")
			.run(failsWith("hf.oauth.allowed-role is 'owner'", "admin, write, contributor or read"));
	}

	@Test
	void orgIdsMustBeOrganizationSubs() {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.org-ids=acme")
			.run(failsWith("hf.oauth.org-ids contains 'acme'", "not its handle"));
	}

	@Test
	void aGateWithoutReadMembershipsIsWarnedAbout(CapturedOutput output) {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.allowed-organizations=acme")
			.run((context) -> assertThat(output).contains("lack read-memberships").contains("to hf.oauth.scopes"));
	}

	@Test
	void inASpaceTheWarningNamesTheMetadataLine(CapturedOutput output) {
		this.contextRunner.withPropertyValues(space())
			.withPropertyValues("OAUTH_SCOPES=openid profile", "hf.oauth.allowed-organizations=acme")
			.run((context) -> assertThat(output).contains("to hf_oauth_scopes in the Space's README metadata"));
	}

	@Test
	void aGateWithReadMembershipsIsNotWarnedAbout(CapturedOutput output) {
		this.contextRunner.withPropertyValues(properties())
			.withPropertyValues("hf.oauth.allowed-organizations=acme", "hf.oauth.scopes=openid,profile,read-memberships")
			.run((context) -> assertThat(output).doesNotContain("read-memberships, so"));
	}

	@Test
	void theGateAppliesToTheMockUser() {
		this.contextRunner.withPropertyValues("hf.oauth.allowed-organizations=acme")
			.run((context) -> assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> context.getBean(HfMockLogin.class).authenticate(null))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.isEqualTo("This app is limited to members of acme.")));
	}

	@Test
	void theApplicationsAuthoritiesMapperIsUsed() {
		this.contextRunner.withBean(HfAuthoritiesMapper.class, () -> (user) -> List.of(new SimpleGrantedAuthority("ROLE_HF")))
			.run((context) -> assertThat(context.getBean(HfMockLogin.class).authenticate(null).getAuthorities())
				.extracting(GrantedAuthority::getAuthority)
				.contains("ROLE_HF")
				.noneMatch((authority) -> authority.startsWith("HF_ORG_")));
	}

	@Test
	void theHfExpressionsBeanIsThereUnlessTheAppHasOneOfThatName() {
		this.contextRunner.run((context) -> assertThat(context.getBean("hf")).isInstanceOf(HfSecurityExpressions.class));
		this.contextRunner.withBean("hf", String.class, () -> "mine")
			.run((context) -> assertThat(context.getBean("hf")).isEqualTo("mine"));
	}

	@Test
	void theApplicationsAuthorizationRequestResolverWins() {
		this.contextRunner.withPropertyValues(properties())
			.withBean(OAuth2AuthorizationRequestResolver.class, () -> org.mockito.Mockito.mock(OAuth2AuthorizationRequestResolver.class))
			.run((context) -> assertThat(context).hasSingleBean(OAuth2AuthorizationRequestResolver.class)
				.doesNotHaveBean(HfAuthorizationRequestResolver.class));
		this.contextRunner.withPropertyValues(properties())
			.run((context) -> assertThat(context).hasSingleBean(HfAuthorizationRequestResolver.class));
	}

	// --- calling Hugging Face as the user ---------------------------------------------------

	@Test
	void anApiClientIsReadyInEveryMode() {
		this.contextRunner.withPropertyValues(properties())
			.run((context) -> assertThat(context).hasSingleBean(HfApiClient.class)
				.hasSingleBean(OAuth2AuthorizedClientManager.class));
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(HfApiClient.class));
	}

	@Test
	void theApplicationsApiClientAndClientManagerWin() {
		HfApiClient own = new HfApiClient(org.springframework.web.client.RestClient.create(),
				org.springframework.web.client.RestClient.create());
		this.contextRunner.withPropertyValues(properties())
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

	// --- back-off ------------------------------------------------------------------------

	@Test
	void theApplicationsSecurityFilterChainWins() {
		this.contextRunner.withPropertyValues(properties())
			.withUserConfiguration(OwnChain.class)
			.run((context) -> assertThat(context).hasSingleBean(SecurityFilterChain.class)
				.hasBean("ownChain")
				.doesNotHaveBean("hfOAuthSecurityFilterChain"));
	}

	@Test
	void theApplicationsClientRegistrationRepositoryWins() {
		this.contextRunner.withUserConfiguration(OwnRegistrations.class).run((context) -> {
			assertThat(context).hasSingleBean(ClientRegistrationRepository.class)
				.doesNotHaveBean(HfMockLogin.class)
				.doesNotHaveBean(HfClientRegistrationRepository.class);
			assertThat(context.getBean(ClientRegistrationRepository.class))
				.isInstanceOf(InMemoryClientRegistrationRepository.class);
		});
	}

	@Test
	void theApplicationsOidcUserServiceWins() {
		this.contextRunner.withPropertyValues(properties())
			.withUserConfiguration(OwnOidcUserService.class)
			.run((context) -> assertThat(context).hasSingleBean(OidcUserService.class)
				.hasBean("ownOidcUserService")
				.doesNotHaveBean("hfOidcUserService"));
	}

	@Test
	void aPlainOAuth2UserServiceDoesNotReplaceTheOidcOne() {
		this.contextRunner.withPropertyValues(properties())
			.withUserConfiguration(OwnPlainUserService.class)
			.run((context) -> assertThat(context).hasBean("hfOidcUserService"));
	}

	@Test
	void theApplicationsAuthorizedClientRepositoryWins() {
		this.contextRunner.withPropertyValues(properties())
			.withUserConfiguration(OwnAuthorizedClients.class)
			.run((context) -> assertThat(context).hasSingleBean(OAuth2AuthorizedClientRepository.class)
				.hasBean("ownAuthorizedClients"));
	}

	@Test
	void theApplicationsConverterWins() {
		HfOAuth2UserConverter own = new HfOAuth2UserConverter();
		this.contextRunner.withBean(HfOAuth2UserConverter.class, () -> own)
			.run((context) -> assertThat(context.getBean(HfOAuth2UserConverter.class)).isSameAs(own));
	}

	@Test
	void authorizedClientsLiveInTheSession() {
		this.contextRunner.withPropertyValues(properties())
			.run((context) -> assertThat(context.getBean(OAuth2AuthorizedClientRepository.class))
				.isInstanceOf(HfSessionAuthorizedClientRepository.class));
	}

	// --- when not to configure at all -----------------------------------------------------

	@Test
	void nothingHappensInANonWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HfOAuthProperties.class)
				.doesNotHaveBean(HfMockLogin.class));
	}

	@Test
	void nothingHappensWithoutSpringSecuritysOAuth2Client() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientRegistration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HfOAuthProperties.class)
				.doesNotHaveBean(HfMockLogin.class));
	}

	@Test
	void nothingHappensWithoutSpringSecuritysJose() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security.oauth2.jwt"))
			.run((context) -> assertThat(context).doesNotHaveBean(HfOAuthProperties.class));
	}

	private static String[] space() {
		return new String[] { "SPACE_ID=ada/demo", "SPACE_HOST=ada-demo.hf.space", "OAUTH_CLIENT_ID=space-client",
				"OAUTH_CLIENT_SECRET=space-secret", "OAUTH_SCOPES=openid profile read-memberships",
				"OPENID_PROVIDER_URL=" + fake.baseUrl() };
	}

	private static String[] properties() {
		return new String[] { "hf.oauth.client-id=prop-client", "hf.oauth.client-secret=prop-secret",
				"hf.oauth.provider-url=" + fake.baseUrl() };
	}

	private static ClientRegistration huggingFace(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(ClientRegistrationRepository.class).findByRegistrationId("huggingface");
	}

	private static ContextConsumer<AssertableWebApplicationContext> failsWith(String description, String action) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new HfOAuthFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as("a failure analysis").isNotNull();
			assertThat(analysis.getDescription()).contains(description);
			assertThat(analysis.getAction()).contains(action);
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrations {

		@Bean
		ClientRegistrationRepository ownRegistrations() {
			return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("huggingface")
				.clientId("own")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.authorizationUri("https://idp.example/authorize")
				.tokenUri("https://idp.example/token")
				.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnOidcUserService {

		@Bean
		OAuth2UserService<OidcUserRequest, OidcUser> ownOidcUserService() {
			return new OidcUserService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPlainUserService {

		@Bean
		OAuth2UserService<OAuth2UserRequest, OAuth2User> ownPlainUserService() {
			return new DefaultOAuth2UserService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAuthorizedClients {

		@Bean
		OAuth2AuthorizedClientRepository ownAuthorizedClients() {
			return new HttpSessionOAuth2AuthorizedClientRepository();
		}

	}

}
