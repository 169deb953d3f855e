package io.github.hfoauth.reactive;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.api.HfApiAnswers;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.autoconfigure.HfReactiveApiAutoConfiguration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The WebFlux twin of the servlet {@code HfHttpServicesTests}: the app's own
 * {@code @HttpExchange} interface on {@code WebClient}, imported in the group
 * {@code huggingface}, calls the fake Hub over real HTTP with the signed-in user's token,
 * renews an expired one, and fails with the {@link HfApiException} kinds of
 * {@code HfReactiveApiClient}. As in {@code HfReactiveApiClientTests}, the user's tokens are
 * put into the session as a sign-in leaves them.
 */
class HfReactiveHttpServicesTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	static final String MODELS = """
			[{"id":"ada/tiny-llama","likes":3}]""";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfReactiveApiAutoConfiguration.class))
		.withUserConfiguration(Services.class)
		.withPropertyValues("fake.url=" + fake.baseUrl(), "hf.api.hub-url=" + fake.baseUrl(), "hf.api.read-timeout=2s");

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

	private final ServerWebExchange request = MockServerWebExchange.from(MockServerHttpRequest.get("/models"));

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@AfterEach
	void repair() {
		fake.repair().refreshTokens(false).resetRequests();
	}

	@Test
	void theInterfaceCallsTheHubWithTheUsersToken() {
		fake.server().stubFor(get(urlEqualTo("/api/models?author=ada")).willReturn(okJson(MODELS)));
		signedIn((context) -> {
			String token = savedToken(context, valid());
			assertThat(asTheUser(context.getBean(HubModels.class).byAuthor("ada"))).isEqualTo(MODELS);
			assertThat(lastAuthorization("/api/models?author=ada")).isEqualTo("Bearer " + token);
		});
	}

	@Test
	void eachFailureIsAnHfApiExceptionOfTheSameKind() {
		signedIn((context) -> {
			savedToken(context, valid());
			HubModels models = context.getBean(HubModels.class);
			for (int status : HfApiAnswers.failures().keySet()) {
				fake.breakEndpoint("/api/models", HfApiAnswers.failing(status));
				String kind = HfApiAnswers.failures().get(status).split(" ")[0];
				assertThat(failure(models.byAuthor("ada"))).as("HTTP %s", status)
					.startsWith(kind + " " + status)
					.contains((status == 429) ? "try again in 30 seconds" : "'/api/models'");
			}
			fake.breakEndpoint("/api/models", okJson(MODELS).withFixedDelay(5000));
			assertThat(failure(models.byAuthor("ada")))
				.isEqualTo("UNAVAILABLE 0: Hugging Face did not answer in time for '/api/models'. Try again in a moment.");
		});
	}

	@Test
	void aRevokedTokenMeansSignInAgainAndIsForgotten() {
		fake.breakEndpoint("/api/models",
				aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
		signedIn((context) -> {
			savedToken(context, valid());
			HubModels models = context.getBean(HubModels.class);
			assertThat(failure(models.byAuthor("ada"))).isEqualTo(HfApiAnswers.REVOKED);
			fake.repair();
			fake.resetRequests();
			assertThat(failure(models.byAuthor("ada"))).as("the dead token is not sent again")
				.isEqualTo(HfApiAnswers.REVOKED);
			assertThat(fake.server().findAll(getRequestedFor(urlPathEqualTo("/api/models")))).isEmpty();
		});
	}

	@Test
	void anExpiredTokenIsRefreshedAndTheCallMadeWithTheNewOne() {
		fake.server().stubFor(get(urlEqualTo("/api/models?author=ada")).willReturn(okJson(MODELS)));
		fake.refreshTokens(true);
		signedIn((context) -> {
			Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
			String expired = savedToken(context, new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					"hf_oauth_expired", anHourAgo.minus(Duration.ofHours(8)), anHourAgo));
			assertThat(asTheUser(context.getBean(HubModels.class).byAuthor("ada"))).isEqualTo(MODELS);
			assertThat(fake.refreshRequests()).hasSize(1);
			assertThat(lastAuthorization("/api/models?author=ada")).startsWith("Bearer hf_oauth_fake_")
				.isNotEqualTo("Bearer " + expired);
		});
	}

	@Test
	void theTokenNeverGoesToAnotherHost() {
		String elsewhere = fake.baseUrl().replace("127.0.0.1", "localhost");
		signedIn((context) -> {
			savedToken(context, valid());
			assertThat(failure(context.getBean(HubModels.class).any(URI.create(elsewhere + "/steal")))).startsWith(
					"REFUSED 0: The @HttpExchange group 'huggingface' sends the user's Hugging Face token only to " + fake.baseUrl());
			assertThat(fake.server().findAll(getRequestedFor(urlEqualTo("/steal")))).isEmpty();
		});
	}

	@Test
	void nobodySignedInIsToldToSignIn() {
		signedIn((context) -> assertThat(HfApiAnswers.describe(assertThatExceptionOfType(HfApiException.class)
			.isThrownBy(() -> context.getBean(HubModels.class)
				.byAuthor("ada")
				.contextWrite(Context.of(ServerWebExchange.class, this.request))
				.block())
			.actual())).isEqualTo(HfApiAnswers.NOT_SIGNED_IN));
	}

	@Test
	void inMockModeWithTheDevelopersTokenCallsAreMadeWithIt() {
		fake.server().stubFor(get(urlEqualTo("/api/models?author=ada")).willReturn(okJson(MODELS)));
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.MockMode.class)
			.withPropertyValues("hf.oauth.mock.token=hf_developer_token")
			.run((context) -> {
				assertThat(context.getBean(HubModels.class).byAuthor("ada").block()).isEqualTo(MODELS);
				assertThat(lastAuthorization("/api/models?author=ada")).isEqualTo("Bearer hf_developer_token");
			});
	}

	private void signedIn(Consumer<AssertableReactiveWebApplicationContext> test) {
		this.contextRunner.withUserConfiguration(ReactiveLoginBeans.SignedIn.class).run(test::accept);
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
		return HfApiAnswers
			.describe(assertThatExceptionOfType(HfApiException.class).isThrownBy(() -> asTheUser(call)).actual());
	}

	static String lastAuthorization(String url) {
		var requests = fake.server().findAll(getRequestedFor(urlEqualTo(url)));
		assertThat(requests).as("requests to %s", url).isNotEmpty();
		return requests.get(requests.size() - 1).getHeader("Authorization");
	}

	@HttpExchange("/api")
	interface HubModels {

		@GetExchange("/models")
		Mono<String> byAuthor(@RequestParam String author);

		@GetExchange
		Mono<String> any(URI url);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "huggingface", types = HubModels.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class Services {

	}

}
