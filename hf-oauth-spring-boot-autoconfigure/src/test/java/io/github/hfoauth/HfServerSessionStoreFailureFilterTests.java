package io.github.hfoauth;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.mock.web.server.MockWebSession;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.WebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The WebFlux answer while the session store fails, without a store: which failures are the
 * store's (reading, saving at commit, invalidating the session), and what they answer. The
 * shared-session tests of the sample app run it against a real Redis.
 */
class HfServerSessionStoreFailureFilterTests {

	private static final String STORE_DOWN = "Unable to connect to Redis at 10.0.0.7:6379";

	private final HfServerSessionStoreFailureFilter filter = new HfServerSessionStoreFailureFilter(
			(exchange) -> exchange.getResponse().addCookie(ResponseCookie.from("SESSION", "").maxAge(0).build()));

	@Test
	void aSessionThatCannotBeReadAnswers503AsJsonToApiClients() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/me").accept(MediaType.APPLICATION_JSON),
				Mono.error(new RedisConnectionFailureException(STORE_DOWN)));

		this.filter.filter(exchange, readsTheSession()).block();

		MockServerHttpResponse response = exchange.getResponse();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(response.getHeaders().getContentType()).isEqualTo(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8));
		assertThat(response.getBodyAsString().block()).contains("\"error\":\"session_store_unavailable\"")
			.doesNotContain("Redis", "10.0.0.7", "Exception");
	}

	@Test
	void aSessionThatCannotBeSavedAnswersThePageInsteadOfWhatTheRequestWrote() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/account").accept(MediaType.TEXT_HTML),
				Mono.just(session(Mono.error(new RedisConnectionFailureException(STORE_DOWN)))));

		this.filter.filter(exchange, (watched) -> watched.getSession().then(Mono.defer(() -> {
			watched.getResponse().addCookie(ResponseCookie.from("SESSION", "new-session").build());
			return watched.getResponse()
				.writeWith(Mono.just(watched.getResponse().bufferFactory().wrap("Your account".getBytes(StandardCharsets.UTF_8))));
		}))).block();

		MockServerHttpResponse response = exchange.getResponse();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getCookies()).as("no new session cookie").isEmpty();
		assertThat(response.getHeaders().getContentType()).isEqualTo(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		assertThat(response.getBodyAsString().block()).contains("cannot reach the store that keeps sign-ins")
			.doesNotContain("Your account", "Redis", "10.0.0.7");
	}

	@Test
	void aSessionThatCannotBeSavedWhenNothingWasWrittenIsAnsweredToo() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/logout"),
				Mono.just(session(Mono.error(new RedisConnectionFailureException(STORE_DOWN)))));

		this.filter.filter(exchange, readsTheSession()).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("try again in a moment");
	}

	@Test
	void aSessionThatCannotBeInvalidatedIsTheStoresFailure() {
		WebSession session = new MockWebSession() {
			@Override
			public Mono<Void> invalidate() {
				return Mono.error(new DataAccessResourceFailureException(STORE_DOWN));
			}
		};
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/logout"), Mono.just(session));

		this.filter.filter(exchange, (watched) -> watched.getSession().flatMap(WebSession::invalidate)).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void theApplicationsOwnDataAccessFailuresAreLeftToIt() {
		DataAccessResourceFailureException own = new DataAccessResourceFailureException("the app's own database");
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/orders"), Mono.just(session(Mono.empty())));

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.filter.filter(exchange, (watched) -> watched.getSession().then(Mono.error(own))).block())
			.isSameAs(own);
		// Also when it fails the body before anything was written.
		MockServerWebExchange streaming = exchange(MockServerHttpRequest.get("/orders"), Mono.just(session(Mono.empty())));
		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(() -> this.filter
			.filter(streaming, (watched) -> watched.getSession().then(watched.getResponse().writeWith(Mono.error(own))))
			.block());
		assertThat(streaming.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void anUnreadableSessionIsForgottenAndAPageAskedForAgain() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("http://localhost//account?tab=orgs"),
				Mono.error(new SerializationException("Cannot deserialize")));

		this.filter.filter(exchange, readsTheSession()).block();

		MockServerHttpResponse response = exchange.getResponse();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).as("same origin").isEqualTo("/account?tab=orgs");
		assertThat(response.getCookies().getFirst("SESSION").getMaxAge()).isZero();
	}

	@Test
	void anUnreadableSessionAnApiCallSentIsForgottenAndTheCallerTriesAgain() {
		MockServerWebExchange exchange = exchange(
				MockServerHttpRequest.post("/api/ask").accept(MediaType.APPLICATION_JSON),
				Mono.error(new SerializationException("Cannot deserialize")));

		this.filter.filter(exchange, readsTheSession()).block();

		MockServerHttpResponse response = exchange.getResponse();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("0");
		assertThat(response.getCookies().getFirst("SESSION").getMaxAge()).isZero();
		assertThat(response.getBodyAsString().block()).contains("session_store_unavailable", "signed out");
	}

	@Test
	void anUnreadableSessionThatCannotBeForgottenIsNotAskedForAgain() {
		HfServerSessionStoreFailureFilter headerSessions = new HfServerSessionStoreFailureFilter((exchange) -> {
		});
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/account"),
				Mono.error(new SerializationException("Cannot deserialize")));

		headerSessions.filter(exchange, readsTheSession()).block();

		assertThat(exchange.getResponse().getStatusCode()).as("no redirect loop").isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	private static WebFilterChain readsTheSession() {
		return (exchange) -> exchange.getSession().then();
	}

	// As Spring's DefaultWebSessionManager: the session is saved when the response commits.
	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request, Mono<WebSession> read) {
		WebSessionManager store = (exchange) -> read.doOnNext((session) -> exchange.getResponse()
			.beforeCommit(() -> (session.isStarted() && !session.isExpired()) ? session.save() : Mono.empty()));
		return MockServerWebExchange.builder(request.build()).sessionManager(store).build();
	}

	// A signed-in session the store reads, and saves as told.
	private static WebSession session(Mono<Void> save) {
		MockWebSession session = new MockWebSession() {
			@Override
			public Mono<Void> save() {
				return save;
			}
		};
		session.getAttributes().put("SPRING_SECURITY_CONTEXT", "ada");
		session.start();
		return session;
	}

}
