package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.huggingFace;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.space;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lazy client registration repository: no call to Hugging Face at startup, discovery at the
 * first sign-in, cached once it succeeds and tried again after an outage.
 */
class HfClientRegistrationRepositoryTests {

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

	@BeforeEach
	void forgetRequests() {
		fake.resetRequests();
	}

	@Test
	void startupMakesNoCallToHuggingFace() {
		this.contextRunner.withPropertyValues(space(fake)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class);
			assertThat(fake.totalRequests()).isZero();
			huggingFace(context);
			assertThat(fake.discoveryRequests()).hasSize(1);
		});
	}

	@Test
	void discoveryIsCachedAfterItSucceeds() {
		this.contextRunner.withPropertyValues(space(fake)).run((context) -> {
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
		this.contextRunner.withPropertyValues(properties(fake))
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
		this.contextRunner.withPropertyValues(properties(fake))
			.run((context) -> assertThat(
					context.getBean(ClientRegistrationRepository.class).findByRegistrationId("github"))
				.isNull());
	}

	@Test
	void aDiscoveryErrorOrGarbageIsAProviderOutageTriedAgainLater() {
		this.contextRunner.withPropertyValues(properties(fake)).run((context) -> {
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

}
