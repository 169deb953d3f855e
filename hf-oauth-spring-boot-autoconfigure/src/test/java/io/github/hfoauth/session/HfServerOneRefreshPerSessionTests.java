package io.github.hfoauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;

/**
 * The WebFlux twin of {@link HfOneRefreshPerSessionTests}, and a client that goes away in the
 * middle of a refresh: the refresh still ends and is written, so the next request uses its
 * tokens instead of spending the dead refresh token again.
 */
class HfServerOneRefreshPerSessionTests {

	private static final ClientRegistration REGISTRATION = ClientRegistration.withRegistrationId("huggingface")
		.clientId("client")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("http://127.0.0.1/login/oauth2/code/huggingface")
		.authorizationUri("http://127.0.0.1/oauth/authorize")
		.tokenUri("http://127.0.0.1/oauth/token")
		.build();

	private final TestingAuthenticationToken user = new TestingAuthenticationToken("alice", null);

	private final WebSessionServerOAuth2AuthorizedClientRepository authorizedClients = new WebSessionServerOAuth2AuthorizedClientRepository();

	private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

	private final AtomicInteger refreshes = new AtomicInteger();

	private Duration tokenCallTakes = Duration.ZERO;

	// As Spring's manager: Hugging Face spends the refresh token as the call arrives, answers
	// after tokenCallTakes, then the new tokens are saved in the exchange's session.
	private final ReactiveOAuth2AuthorizedClientManager huggingFace = (authorizeRequest) -> Mono.defer(() -> {
		int refresh = this.refreshes.incrementAndGet();
		return Mono.delay(this.tokenCallTakes).then(Mono.defer(() -> {
			OAuth2AuthorizedClient refreshed = client("new-access", Instant.now().plusSeconds(3600),
					"refresh-" + refresh);
			ServerWebExchange exchange = authorizeRequest.getAttribute(ServerWebExchange.class.getName());
			return this.authorizedClients.saveAuthorizedClient(refreshed, this.user, exchange).thenReturn(refreshed);
		}));
	});

	HfServerOneRefreshPerSessionTests() {
		this.exchange.getSession().block().start();
		this.authorizedClients
			.saveAuthorizedClient(client("old-access", Instant.now().minusSeconds(60), "old-refresh"), this.user,
					this.exchange)
			.block();
	}

	@Test
	void aLockThatCannotBeTakenIsAnOutageNotA500() {
		Object failure = manager(new FailingLock(true, false)).authorize(expiring()).map(Object.class::cast)
			.onErrorResume(Mono::just)
			.block();
		assertThat(failure).isInstanceOf(ClientAuthorizationException.class);
		assertThat(((ClientAuthorizationException) failure).getError().getErrorCode())
			.isEqualTo("temporarily_unavailable");
		assertThat(this.refreshes).hasValue(0);
	}

	@Test
	void aLockThatCannotBeReleasedDoesNotReplaceASuccessfulRefresh() {
		OAuth2AuthorizedClient refreshed = manager(new FailingLock(false, true)).authorize(expiring()).block();
		assertThat(refreshed.getRefreshToken().getTokenValue()).isEqualTo("refresh-1");
	}

	@Test
	void aSessionDeletedDuringTheRefreshEndsHere() {
		HfServerOneRefreshPerSession manager = new HfServerOneRefreshPerSession(this.huggingFace,
				this.authorizedClients, HfReactiveRefreshLock.inMemory(),
				(sessionId) -> this.exchange.getSession().map(HfServerOneRefreshPerSessionTests::invalidatedOnSave),
				Duration.ofSeconds(10), HfRefreshTimes.of(Duration.ofMillis(100), Duration.ofMillis(100)));
		Object outcome = manager.authorize(expiring()).map(Object.class::cast).onErrorResume(Mono::just).block();
		assertThat(outcome).isInstanceOf(ClientAuthorizationRequiredException.class);
	}

	@Test
	void aClientGoneMidRefreshDoesNotMakeTheNextRequestSpendTheDeadToken() {
		this.tokenCallTakes = Duration.ofMillis(300);
		HfServerOneRefreshPerSession manager = manager(HfReactiveRefreshLock.inMemory());
		Disposable firstRequest = manager.authorize(expiring()).subscribe();
		Mono.delay(Duration.ofMillis(50)).block();
		firstRequest.dispose();
		OAuth2AuthorizedClient next = manager.authorize(expiring()).block();
		assertThat(next.getRefreshToken().getTokenValue()).isEqualTo("refresh-1");
		assertThat(this.refreshes).as("refreshes at Hugging Face").hasValue(1);
	}

	private HfServerOneRefreshPerSession manager(HfReactiveRefreshLock lock) {
		return new HfServerOneRefreshPerSession(this.huggingFace, this.authorizedClients, lock, null,
				Duration.ofSeconds(10), HfRefreshTimes.of(Duration.ofMillis(500), Duration.ofMillis(500)));
	}

	private OAuth2AuthorizeRequest expiring() {
		return OAuth2AuthorizeRequest.withClientRegistrationId("huggingface")
			.principal(this.user)
			.attribute(ServerWebExchange.class.getName(), this.exchange)
			.build();
	}

	private static OAuth2AuthorizedClient client(String access, Instant expiresAt, String refresh) {
		return new OAuth2AuthorizedClient(REGISTRATION, "alice",
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, expiresAt.minusSeconds(3600), expiresAt),
				new OAuth2RefreshToken(refresh, expiresAt.minusSeconds(3600)));
	}

	private record FailingLock(boolean onLock, boolean onUnlock) implements HfReactiveRefreshLock {

		@Override
		public Mono<Boolean> tryLock(String sessionId, String owner) {
			return this.onLock ? Mono.error(new QueryTimeoutException("Redis stopped")) : Mono.just(true);
		}

		@Override
		public Mono<Void> unlock(String sessionId, String owner) {
			return this.onUnlock ? Mono.error(new QueryTimeoutException("Redis stopped")) : Mono.empty();
		}

	}

	// As Spring Session's reactive Redis store when the session was deleted on another instance.
	private static WebSession invalidatedOnSave(WebSession session) {
		WebSession deleted = spy(session);
		doReturn(Mono.error(new IllegalStateException("Session was invalidated"))).when(deleted).save();
		return deleted;
	}

}
