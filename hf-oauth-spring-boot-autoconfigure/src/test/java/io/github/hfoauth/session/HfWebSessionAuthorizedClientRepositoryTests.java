package io.github.hfoauth.session;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.hfoauth.SessionFixtures;
import io.github.hfoauth.jackson.HfJacksonModules;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.mock.web.server.MockWebSession;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's tokens in a WebFlux session: read back with the app's current registration,
 * written to a shared store without the client secret, as on the servlet side.
 */
class HfWebSessionAuthorizedClientRepositoryTests {

	private static final String SECRET = "the-client-secret";

	private static final Instant ISSUED = Instant.parse("2026-11-24T12:00:00Z");

	private final ClientRegistration registration = ClientRegistration.withRegistrationId("huggingface")
		.clientId("client")
		.clientSecret(SECRET)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
		.authorizationUri("https://hf.example/oauth/authorize")
		.tokenUri("https://hf.example/oauth/token")
		.build();

	private final HfWebSessionAuthorizedClientRepository repository = new HfWebSessionAuthorizedClientRepository(
			(id) -> "huggingface".equals(id) ? Mono.just(this.registration) : Mono.empty());

	private final MockWebSession session = new MockWebSession();

	private final MockServerWebExchange exchange = exchange(this.session);

	@Test
	void tokensReadBackWithTheCurrentRegistration() {
		OAuth2AuthorizedClient client = client(new OAuth2RefreshToken("hf_refresh", ISSUED));
		this.repository.saveAuthorizedClient(client, null, this.exchange).block();

		OAuth2AuthorizedClient loaded = load(this.repository, this.exchange);

		assertThat(loaded).isNotNull();
		assertThat(loaded.getClientRegistration()).isSameAs(this.registration);
		assertThat(loaded.getPrincipalName()).isEqualTo("62f264b9f3c90f4b6514a269");
		assertThat(loaded.getAccessToken()).usingRecursiveComparison().isEqualTo(client.getAccessToken());
		assertThat(loaded.getRefreshToken()).usingRecursiveComparison().isEqualTo(client.getRefreshToken());
	}

	@Test
	void theSessionHoldsNeitherTheSecretNorTheRegistrationInJavaOrJson() {
		this.repository.saveAuthorizedClient(client(null), null, this.exchange).block();
		assertThat(this.session.getAttributes()).hasSize(1);
		String attribute = this.session.getAttributes().keySet().iterator().next();
		Object stored = this.session.getAttributes().get(attribute);
		JsonMapper json = JsonMapper.builder().addModules(HfJacksonModules.getModules(getClass().getClassLoader())).build();

		byte[] jdk = SessionFixtures.jdkSerialized(stored);
		String written = json.writeValueAsString(stored);

		assertThat(stored).as("the servlet side's stored form").isInstanceOf(HfSessionAuthorizedClientRepository.Tokens.class);
		assertThat(new String(jdk, StandardCharsets.ISO_8859_1)).contains("hf_oauth_token").doesNotContain(SECRET,
				"ClientRegistration");
		assertThat(written).contains("hf_oauth_token").doesNotContain(SECRET, "ClientRegistration");
		MockWebSession fromJson = new MockWebSession();
		fromJson.getAttributes().put(attribute, json.readValue(written, Object.class));
		assertThat(load(this.repository, exchange(fromJson))).isNotNull();
		MockWebSession fromJdk = new MockWebSession();
		fromJdk.getAttributes().put(attribute, SessionFixtures.jdkDeserialized(jdk));
		assertThat(load(this.repository, exchange(fromJdk))).isNotNull();
	}

	@Test
	void removingTheClientLeavesNoTokens() {
		this.repository.saveAuthorizedClient(client(null), null, this.exchange).block();

		this.repository.removeAuthorizedClient("huggingface", null, this.exchange).block();

		assertThat(this.session.getAttributes()).isEmpty();
		assertThat(load(this.repository, this.exchange)).isNull();
	}

	@Test
	void aSessionWithoutTokensHasNoClientAndNeedsNoLookup() {
		AtomicInteger lookups = new AtomicInteger();
		HfWebSessionAuthorizedClientRepository repository = new HfWebSessionAuthorizedClientRepository((id) -> {
			lookups.incrementAndGet();
			return Mono.just(this.registration);
		});
		this.session.getAttributes().put("something else", "not tokens");

		assertThat(load(repository, this.exchange)).isNull();
		assertThat(lookups).hasValue(0);
	}

	@Test
	void tokensWhoseRegistrationCannotBeResolvedAreUnusable() {
		this.repository.saveAuthorizedClient(client(null), null, this.exchange).block();
		HfWebSessionAuthorizedClientRepository providerDown = new HfWebSessionAuthorizedClientRepository(
				(id) -> Mono.error(new IllegalStateException("Hugging Face could not be reached")));
		HfWebSessionAuthorizedClientRepository failsAtOnce = new HfWebSessionAuthorizedClientRepository((id) -> {
			throw new IllegalStateException("Hugging Face could not be reached");
		});

		assertThat(load(providerDown, this.exchange)).isNull();
		assertThat(load(failsAtOnce, this.exchange)).isNull();
	}

	@Test
	void whileHuggingFaceIsUnreachableRequestsDoNotEachTryDiscoveryAgain() {
		this.repository.saveAuthorizedClient(client(null), null, this.exchange).block();
		AtomicInteger lookups = new AtomicInteger();
		AtomicBoolean reachable = new AtomicBoolean(false);
		MutableClock clock = new MutableClock(ISSUED);
		HfWebSessionAuthorizedClientRepository repository = new HfWebSessionAuthorizedClientRepository(
				(id) -> Mono.fromCallable(() -> {
					lookups.incrementAndGet();
					if (!reachable.get()) {
						throw new IllegalStateException("Hugging Face could not be reached");
					}
					return this.registration;
				}), clock);

		for (int i = 0; i < 5; i++) {
			assertThat(load(repository, this.exchange)).isNull();
		}
		assertThat(lookups).as("one attempt, then quiet").hasValue(1);

		reachable.set(true);
		clock.now = ISSUED.plus(RegistrationLookupPause.QUIET_AFTER_FAILURE);
		assertThat(load(repository, this.exchange)).as("tried again once the quiet period is over").isNotNull();
		assertThat(lookups).hasValue(2);
	}

	private static OAuth2AuthorizedClient load(HfWebSessionAuthorizedClientRepository repository,
			MockServerWebExchange exchange) {
		return repository.<OAuth2AuthorizedClient>loadAuthorizedClient("huggingface", null, exchange).block();
	}

	private static MockServerWebExchange exchange(MockWebSession session) {
		return MockServerWebExchange.builder(MockServerHttpRequest.get("/")).session(session).build();
	}

	private OAuth2AuthorizedClient client(OAuth2RefreshToken refreshToken) {
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "hf_oauth_token", ISSUED,
				ISSUED.plusSeconds(28800), Set.of("openid", "profile"));
		return new OAuth2AuthorizedClient(this.registration, "62f264b9f3c90f4b6514a269", access, refreshToken);
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
