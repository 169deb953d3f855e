package io.github.hfoauth.reactive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.api.HfApiAnswers;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfReactiveApiClient;
import io.github.hfoauth.autoconfigure.HfReactiveApiAutoConfiguration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.web.server.ServerWebExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HfReactiveApiClient}, as the auto-configuration builds it, against WireMock playing
 * the Hub and Inference Providers, with Spring Security's reactive authorized-client
 * machinery holding the user's token in their web session. Held to the same answers as the
 * servlet client ({@link HfApiAnswers}). The sign-in itself is not part of these tests: the
 * user's tokens are put into the session as a sign-in leaves them.
 */
class HfReactiveApiClientTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfReactiveApiAutoConfiguration.class))
		.withPropertyValues("fake.url=" + fake.baseUrl(), "hf.api.hub-url=" + fake.baseUrl(), "hf.api.inference-url=" + fake.baseUrl() + "/v1",
				"hf.api.read-timeout=1s");

	// As a sign-in at the fake builds her: a refreshed ID token must match this one.
	private final HfOAuth2User ada = new HfOAuth2UserConverter().convert(
			OidcIdToken.withTokenValue("id-token")
				.issuer(fake.baseUrl())
				.subject(FakeHuggingFace.DEFAULT_SUB)
				.audience(List.of(FakeHuggingFace.DEFAULT_CLIENT_ID))
				.issuedAt(Instant.now().minus(Duration.ofMinutes(10)))
				.expiresAt(Instant.now().plus(Duration.ofMinutes(50)))
				.authTime(Instant.now().minus(Duration.ofMinutes(10)))
				.build(),
			new OidcUserInfo(Map.of("sub", FakeHuggingFace.DEFAULT_SUB, "preferred_username", "ada")),
			List.of("openid", "profile"));

	private final OAuth2AuthenticationToken signIn = new OAuth2AuthenticationToken(this.ada, this.ada.getAuthorities(),
			"huggingface");

	private final ServerWebExchange request = MockServerWebExchange.from(MockServerHttpRequest.get("/whoami"));

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@AfterEach
	void repair() {
		fake.repair().refreshTokens(false).resetRequests();
	}

	@Test
	void whoamiIsAskedWithTheUsersOwnToken() {
		fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
		signedIn((client, context) -> {
			String token = savedToken(context, valid());
			assertThat(asTheUser(client.whoami())).hasToString(HfApiAnswers.WHOAMI_MAPPED);
			assertThat(lastRequest("/api/whoami-v2").getHeader("Authorization")).isEqualTo("Bearer " + token);
		});
	}

	@Test
	void aChatCompletionSendsTheOpenAiShapeAndMapsTheAnswer() {
		fake.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(HfApiAnswers.COMPLETION)));
		signedIn((client, context) -> {
			String token = savedToken(context, valid());
			assertThat(asTheUser(client.chatCompletion(HfApiAnswers.QUESTION))).hasToString(HfApiAnswers.COMPLETION_MAPPED);
			LoggedRequest sent = lastRequest("/v1/chat/completions");
			assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + token);
			assertThat(sent.getBodyAsString()).isEqualTo(HfApiAnswers.QUESTION_SENT);
		});
	}

	@Test
	void eachFailureSaysWhatToDo() {
		signedIn((client, context) -> {
			savedToken(context, valid());
			for (Map.Entry<Integer, String> failure : HfApiAnswers.failures().entrySet()) {
				fake.breakEndpoint("/v1/chat/completions", HfApiAnswers.failing(failure.getKey()));
				assertThat(failure(client.chatCompletion(HfApiAnswers.QUESTION))).as("HTTP %s", failure.getKey())
					.isEqualTo(failure.getValue());
			}
		});
	}

	@Test
	void anAnswerThatIsNotJsonIsUnavailable() {
		fake.breakEndpoint("/api/whoami-v2", aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("<html>maintenance</html>"));
		signedIn((client, context) -> {
			savedToken(context, valid());
			assertThat(failure(client.whoami())).isEqualTo(
					"UNAVAILABLE 0: Hugging Face sent an answer about the signed-in user that could not be read.");
		});
	}

	@Test
	void aSlowModelIsUnavailableNotAHang() {
		fake.breakEndpoint("/v1/chat/completions", okJson(HfApiAnswers.COMPLETION).withFixedDelay(3000));
		signedIn((client, context) -> {
			savedToken(context, valid());
			long start = System.nanoTime();
			assertThat(failure(client.chatCompletion(HfApiAnswers.QUESTION))).startsWith(HfApiAnswers.TOO_SLOW);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("hf.api.read-timeout=1s")
				.isLessThan(Duration.ofMillis(2900));
		});
	}

	@Test
	void aRevokedTokenMeansSignInAgainAndIsForgotten() {
		fake.breakEndpoint("/api/whoami-v2",
				aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
		signedIn((client, context) -> {
			savedToken(context, valid());
			assertThat(failure(client.whoami())).isEqualTo(HfApiAnswers.REVOKED);
			fake.repair();
			fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
			fake.resetRequests();
			assertThat(failure(client.whoami())).as("the dead token is not sent again").isEqualTo(HfApiAnswers.REVOKED);
			assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2")))).isEmpty();
		});
	}

	@Test
	void anExpiredTokenIsRefreshedAndTheCallMadeWithTheNewOne() {
		fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
		fake.refreshTokens(true);
		signedIn((client, context) -> {
			Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
			String expired = savedToken(context, new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					"hf_oauth_expired", anHourAgo.minus(Duration.ofHours(8)), anHourAgo));
			assertThat(asTheUser(client.whoami())).hasToString(HfApiAnswers.WHOAMI_MAPPED);
			assertThat(fake.tokenRequests()).singleElement()
				.satisfies((token) -> assertThat(FakeHuggingFace.formParams(token)).containsEntry("grant_type",
						"refresh_token"));
			assertThat(lastRequest("/api/whoami-v2").getHeader("Authorization")).startsWith("Bearer hf_oauth_fake_")
				.isNotEqualTo("Bearer " + expired);
		});
	}

	@Test
	void theTokenNeverGoesToAnotherHost() {
		String elsewhere = fake.baseUrl().replace("127.0.0.1", "localhost") + "/steal";
		signedIn((client, context) -> {
			savedToken(context, valid());
			assertThat(failure(client.hub().get().uri(elsewhere).retrieve().bodyToMono(String.class))).isEqualTo(
					"REFUSED 0: HfReactiveApiClient sends the user's Hugging Face token only to " + fake.baseUrl()
							+ ", not to " + elsewhere.replace("/steal", "") + ".");
			assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/steal")))).isEmpty();
		});
	}

	@Test
	void hubCallsCarryTheUsersToken() {
		fake.server().stubFor(get(urlEqualTo("/api/models?author=acme")).willReturn(okJson("[]")));
		signedIn((client, context) -> {
			String token = savedToken(context, valid());
			assertThat(asTheUser(client.hub().get().uri("/api/models?author={a}", "acme").retrieve().bodyToMono(String.class)))
				.isEqualTo("[]");
			assertThat(lastRequest("/api/models?author=acme").getHeader("Authorization")).isEqualTo("Bearer " + token);
		});
	}

	@Test
	void nobodySignedInIsToldToSignIn() {
		signedIn((client, context) -> assertThat(
				failureOf(() -> client.whoami().contextWrite(Context.of(ServerWebExchange.class, this.request)).block()))
			.isEqualTo(HfApiAnswers.NOT_SIGNED_IN));
	}

	@Test
	void inMockModeThereIsNoTokenUnlessTheDeveloperGivesTheirs() {
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.MockMode.class).run((context) -> {
			assertThat(failure(context.getBean(HfReactiveApiClient.class).whoami())).startsWith(
					HfApiAnswers.MOCK_WITHOUT_TOKEN);
			assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2")))).isEmpty();
		});
	}

	@Test
	void inMockModeWithTheDevelopersTokenCallsAreMadeWithIt() {
		fake.server().stubFor(get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.MockMode.class)
			.withPropertyValues("hf.oauth.mock.token=hf_developer_token")
			.run((context) -> {
				assertThat(context.getBean(HfReactiveApiClient.class).whoami().block()).hasToString(HfApiAnswers.WHOAMI_MAPPED);
				assertThat(lastRequest("/api/whoami-v2").getHeader("Authorization")).isEqualTo("Bearer hf_developer_token");
			});
	}

	private void signedIn(BiConsumer<HfReactiveApiClient, ApplicationContext> test) {
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.SignedIn.class)
			.run((context) -> test.accept(context.getBean(HfReactiveApiClient.class), context));
	}

	// As a sign-in leaves it: the user's tokens in their web session.
	private String savedToken(ApplicationContext context, OAuth2AccessToken token) {
		ClientRegistration registration = context.getBean(ReactiveClientRegistrationRepository.class)
			.findByRegistrationId("huggingface")
			.block();
		OAuth2AuthorizedClient authorized = new OAuth2AuthorizedClient(registration, this.signIn.getName(), token,
				new OAuth2RefreshToken(fake.issueRefreshToken(), Instant.now()));
		context.getBean(ServerOAuth2AuthorizedClientRepository.class)
			.saveAuthorizedClient(authorized, this.signIn, this.request)
			.block();
		return token.getTokenValue();
	}

	private static OAuth2AccessToken valid() {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "hf_oauth_test_" + System.nanoTime(),
				Instant.now(), Instant.now().plus(Duration.ofHours(8)));
	}

	// As inside a request of the signed-in user: their security context and the exchange.
	private <T> T asTheUser(Mono<T> call) {
		return call.contextWrite(ReactiveSecurityContextHolder.withAuthentication(this.signIn))
			.contextWrite(Context.of(ServerWebExchange.class, this.request))
			.block(Duration.ofSeconds(10));
	}

	private String failure(Mono<?> call) {
		return failureOf(() -> asTheUser(call));
	}

	private static String failureOf(ThrowingCallable call) {
		return HfApiAnswers.describe(assertThatExceptionOfType(HfApiException.class).isThrownBy(call).actual());
	}

	static LoggedRequest lastRequest(String url) {
		List<LoggedRequest> requests = url.startsWith("/v1") ? fake.server().findAll(postRequestedFor(urlEqualTo(url)))
				: fake.server().findAll(getRequestedFor(urlEqualTo(url)));
		assertThat(requests).as("requests to %s", url).isNotEmpty();
		return requests.get(requests.size() - 1);
	}

}
