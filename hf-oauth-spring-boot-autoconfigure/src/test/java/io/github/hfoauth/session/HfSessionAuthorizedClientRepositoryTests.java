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
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's tokens in the session: read back with the app's current registration, written
 * to a shared store without the client secret.
 */
class HfSessionAuthorizedClientRepositoryTests {

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

	private final HfSessionAuthorizedClientRepository repository = new HfSessionAuthorizedClientRepository(
			(id) -> "huggingface".equals(id) ? this.registration : null);

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	@Test
	void tokensReadBackWithTheCurrentRegistration() {
		OAuth2AuthorizedClient client = client(new OAuth2RefreshToken("hf_refresh", ISSUED));
		this.repository.saveAuthorizedClient(client, null, this.request, new MockHttpServletResponse());

		OAuth2AuthorizedClient loaded = this.repository.<OAuth2AuthorizedClient>loadAuthorizedClient("huggingface", null,
				this.request);

		assertThat(loaded).isNotNull();
		assertThat(loaded.getClientRegistration()).isSameAs(this.registration);
		assertThat(loaded.getPrincipalName()).isEqualTo("62f264b9f3c90f4b6514a269");
		assertThat(loaded.getAccessToken()).usingRecursiveComparison().isEqualTo(client.getAccessToken());
		assertThat(loaded.getRefreshToken()).usingRecursiveComparison().isEqualTo(client.getRefreshToken());
	}

	@Test
	void theSessionHoldsNeitherTheSecretNorTheRegistrationInJavaOrJson() {
		this.repository.saveAuthorizedClient(client(null), null, this.request, new MockHttpServletResponse());
		MockHttpSession session = (MockHttpSession) this.request.getSession();
		Object stored = session.getAttribute(session.getAttributeNames().nextElement());
		JsonMapper json = JsonMapper.builder().addModules(HfJacksonModules.getModules(getClass().getClassLoader())).build();

		byte[] jdk = SessionFixtures.jdkSerialized(stored);
		String written = json.writeValueAsString(stored);

		assertThat(new String(jdk, StandardCharsets.ISO_8859_1)).contains("hf_oauth_token").doesNotContain(SECRET,
				"ClientRegistration");
		assertThat(written).contains("hf_oauth_token").doesNotContain(SECRET, "ClientRegistration");
		MockHttpServletRequest elsewhere = new MockHttpServletRequest();
		elsewhere.getSession().setAttribute(session.getAttributeNames().nextElement(), json.readValue(written, Object.class));
		assertThat(this.repository.<OAuth2AuthorizedClient>loadAuthorizedClient("huggingface", null, elsewhere))
			.isNotNull();
		elsewhere.getSession().setAttribute(session.getAttributeNames().nextElement(), SessionFixtures.jdkDeserialized(jdk));
		assertThat(this.repository.<OAuth2AuthorizedClient>loadAuthorizedClient("huggingface", null, elsewhere))
			.isNotNull();
	}

	@Test
	void tokensWithARefreshTokenSurviveJavaSerialization() {
		OAuth2AuthorizedClient client = client(new OAuth2RefreshToken("hf_refresh", ISSUED, ISSUED.plusSeconds(86400)));
		this.repository.saveAuthorizedClient(client, null, this.request, new MockHttpServletResponse());
		MockHttpSession session = (MockHttpSession) this.request.getSession();
		String attribute = session.getAttributeNames().nextElement();
		MockHttpServletRequest elsewhere = new MockHttpServletRequest();

		elsewhere.getSession().setAttribute(attribute,
				SessionFixtures.jdkDeserialized(SessionFixtures.jdkSerialized(session.getAttribute(attribute))));

		OAuth2AuthorizedClient loaded = this.repository.<OAuth2AuthorizedClient>loadAuthorizedClient("huggingface", null,
				elsewhere);
		assertThat(loaded).isNotNull();
		assertThat(loaded.getPrincipalName()).isEqualTo(client.getPrincipalName());
		assertThat(loaded.getAccessToken()).usingRecursiveComparison().isEqualTo(client.getAccessToken());
		assertThat(loaded.getRefreshToken()).usingRecursiveComparison().isEqualTo(client.getRefreshToken());
	}

	@Test
	void whatTheSessionHoldsNeverPrintsTheTokens() {
		OAuth2AuthorizedClient client = client(new OAuth2RefreshToken("hf_refresh", ISSUED, ISSUED.plusSeconds(86400)));
		this.repository.saveAuthorizedClient(client, null, this.request, new MockHttpServletResponse());
		MockHttpSession session = (MockHttpSession) this.request.getSession();
		Object held = session.getAttribute(session.getAttributeNames().nextElement());

		assertThat(held.toString()).contains(client.getPrincipalName())
			.doesNotContain(client.getAccessToken().getTokenValue(), "hf_refresh");
	}

	@Test
	void removingTheClientLeavesNoTokens() {
		this.repository.saveAuthorizedClient(client(null), null, this.request, new MockHttpServletResponse());

		this.repository.removeAuthorizedClient("huggingface", null, this.request, new MockHttpServletResponse());

		assertThat(this.request.getSession().getAttributeNames().hasMoreElements()).isFalse();
		assertThat(this.repository.<OAuth2AuthorizedClient>loadAuthorizedClient("huggingface", null, this.request))
			.isNull();
	}

	@Test
	void tokensWhoseRegistrationCannotBeResolvedAreUnusable() {
		this.repository.saveAuthorizedClient(client(null), null, this.request, new MockHttpServletResponse());
		HfSessionAuthorizedClientRepository providerDown = new HfSessionAuthorizedClientRepository((id) -> {
			throw new IllegalStateException("Hugging Face could not be reached");
		});

		assertThat(providerDown.<OAuth2AuthorizedClient>loadAuthorizedClient("huggingface", null, this.request)).isNull();
	}

	@Test
	void whileHuggingFaceIsUnreachableRequestsDoNotEachTryDiscoveryAgain() {
		this.repository.saveAuthorizedClient(client(null), null, this.request, new MockHttpServletResponse());
		AtomicInteger lookups = new AtomicInteger();
		AtomicBoolean reachable = new AtomicBoolean(false);
		MutableClock clock = new MutableClock(ISSUED);
		HfSessionAuthorizedClientRepository repository = new HfSessionAuthorizedClientRepository((id) -> {
			lookups.incrementAndGet();
			if (!reachable.get()) {
				throw new IllegalStateException("Hugging Face could not be reached");
			}
			return this.registration;
		}, clock);

		for (int i = 0; i < 5; i++) {
			assertThat(repository.<OAuth2AuthorizedClient>loadAuthorizedClient("huggingface", null, this.request)).isNull();
		}
		assertThat(lookups).as("one attempt, then quiet").hasValue(1);

		reachable.set(true);
		clock.now = ISSUED.plus(RegistrationLookupPause.QUIET_AFTER_FAILURE);
		assertThat(repository.<OAuth2AuthorizedClient>loadAuthorizedClient("huggingface", null, this.request))
			.as("tried again once the quiet period is over").isNotNull();
		assertThat(lookups).hasValue(2);
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

	private OAuth2AuthorizedClient client(OAuth2RefreshToken refreshToken) {
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "hf_oauth_token", ISSUED,
				ISSUED.plusSeconds(28800), Set.of("openid", "profile"));
		return new OAuth2AuthorizedClient(this.registration, "62f264b9f3c90f4b6514a269", access, refreshToken);
	}

}
