package io.github.hfoauth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A session store (Redis) that fails around a refresh is never a 500 and never costs a
 * successful refresh: an outage keeps the session, a session deleted meanwhile ends here too.
 * A lock or store that throws stands in for Redis stopped at that moment.
 */
class HfOneRefreshPerSessionTests {

	private static final ClientRegistration REGISTRATION = ClientRegistration.withRegistrationId("huggingface")
		.clientId("client")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("http://127.0.0.1/login/oauth2/code/huggingface")
		.authorizationUri("http://127.0.0.1/oauth/authorize")
		.tokenUri("http://127.0.0.1/oauth/token")
		.build();

	private final TestingAuthenticationToken user = new TestingAuthenticationToken("alice", null);

	private final HttpSessionOAuth2AuthorizedClientRepository authorizedClients = new HttpSessionOAuth2AuthorizedClientRepository();

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final AtomicInteger refreshes = new AtomicInteger();

	private final OAuth2AuthorizedClientManager huggingFace = (authorizeRequest) -> {
		this.refreshes.incrementAndGet();
		return client("new-access", Instant.now().plusSeconds(3600), "new-refresh");
	};

	HfOneRefreshPerSessionTests() {
		this.authorizedClients.saveAuthorizedClient(client("old-access", Instant.now().minusSeconds(60), "old-refresh"),
				this.user, this.request, this.response);
	}

	@Test
	void aLockThatCannotBeTakenIsAnOutageNotA500() {
		HfOneRefreshPerSession manager = manager(new FailingLock(true, false), null);
		assertThatExceptionOfType(ClientAuthorizationException.class).isThrownBy(() -> manager.authorize(expiring()))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("temporarily_unavailable"));
		assertThat(this.refreshes).as("nothing spent while the store is down").hasValue(0);
	}

	@Test
	void aLockThatCannotBeReleasedDoesNotReplaceASuccessfulRefresh() {
		OAuth2AuthorizedClient refreshed = manager(new FailingLock(false, true), null).authorize(expiring());
		assertThat(refreshed.getRefreshToken().getTokenValue()).isEqualTo("new-refresh");
		assertThat(this.refreshes).hasValue(1);
	}

	@Test
	void aStoreThatCannotBeReadIsAnOutageNotA500() {
		HfOneRefreshPerSession manager = manager(HfRefreshLock.inMemory(), new FailingStore(true, null));
		assertThatExceptionOfType(ClientAuthorizationException.class).isThrownBy(() -> manager.authorize(expiring()))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("temporarily_unavailable"));
		assertThat(this.refreshes).hasValue(0);
	}

	@Test
	void aStoreThatCannotBeWrittenAfterTheRefreshKeepsTheNewTokens() {
		OAuth2AuthorizedClient refreshed = manager(HfRefreshLock.inMemory(),
				new FailingStore(false, new QueryTimeoutException("Redis stopped"))).authorize(expiring());
		assertThat(refreshed.getRefreshToken().getTokenValue()).isEqualTo("new-refresh");
	}

	@Test
	void aSessionDeletedDuringTheRefreshEndsHere() {
		HfOneRefreshPerSession manager = manager(HfRefreshLock.inMemory(),
				new FailingStore(false, new IllegalStateException("Session was invalidated")));
		assertThatExceptionOfType(ClientAuthorizationRequiredException.class)
			.isThrownBy(() -> manager.authorize(expiring()));
	}

	private HfOneRefreshPerSession manager(HfRefreshLock lock, HfOneRefreshPerSession.@Nullable Store store) {
		return new HfOneRefreshPerSession(this.huggingFace, this.authorizedClients, lock, store, Duration.ofSeconds(10),
				HfRefreshTimes.of(Duration.ofMillis(100), Duration.ofMillis(100)));
	}

	private OAuth2AuthorizeRequest expiring() {
		return OAuth2AuthorizeRequest.withClientRegistrationId("huggingface")
			.principal(this.user)
			.attribute(jakarta.servlet.http.HttpServletRequest.class.getName(), this.request)
			.attribute(jakarta.servlet.http.HttpServletResponse.class.getName(), this.response)
			.build();
	}

	private static OAuth2AuthorizedClient client(String access, Instant expiresAt, String refresh) {
		return new OAuth2AuthorizedClient(REGISTRATION, "alice",
				new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, expiresAt.minusSeconds(3600), expiresAt),
				new OAuth2RefreshToken(refresh, expiresAt.minusSeconds(3600)));
	}

	private record FailingLock(boolean onLock, boolean onUnlock) implements HfRefreshLock {

		@Override
		public boolean tryLock(String sessionId, String owner) {
			if (this.onLock) {
				throw new QueryTimeoutException("Redis stopped");
			}
			return true;
		}

		@Override
		public void unlock(String sessionId, String owner) {
			if (this.onUnlock) {
				throw new QueryTimeoutException("Redis stopped");
			}
		}

	}

	private final class FailingStore implements HfOneRefreshPerSession.Store {

		private final boolean onRead;

		private final @Nullable RuntimeException onWrite;

		FailingStore(boolean onRead, @Nullable RuntimeException onWrite) {
			this.onRead = onRead;
			this.onWrite = onWrite;
		}

		@Override
		public @Nullable HttpSession read(String sessionId) {
			if (this.onRead) {
				throw new QueryTimeoutException("Redis stopped");
			}
			return HfOneRefreshPerSessionTests.this.request.getSession();
		}

		@Override
		public void write(HttpSession session) {
			if (this.onWrite != null) {
				throw this.onWrite;
			}
		}

	}

}
