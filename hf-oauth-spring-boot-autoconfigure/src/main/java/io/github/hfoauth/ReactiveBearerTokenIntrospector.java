package io.github.hfoauth;

import java.net.http.HttpClient;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks the Hub who a token belongs to, for a WebFlux app: the twin of
 * {@link BearerTokenIntrospector}, on the JDK's HTTP client as the starter's other WebClients.
 */
final class ReactiveBearerTokenIntrospector implements ReactiveOpaqueTokenIntrospector {

	// A member of many organizations has a large whoami: over Spring's default 256 KB.
	private static final int MAX_ANSWER_BYTES = 5 * 1024 * 1024;

	private final HfBearerTokenUsers users;

	private final WebClient hub;

	/**
	 * Creates the introspector.
	 * @param users who a token belongs to, and the settings of the calls to the Hub
	 * @param observations the application's registry: each call is observed as the starter's
	 * other calls to Hugging Face are
	 */
	ReactiveBearerTokenIntrospector(HfBearerTokenUsers users, ObservationRegistry observations) {
		// HTTP/1.1: the JDK client's upgrade to HTTP/2 on plain http can leave a 401 unanswered.
		JdkClientHttpConnector connector = new JdkClientHttpConnector(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(users.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build());
		connector.setReadTimeout(users.readTimeout());
		this.users = users;
		this.hub = WebClient.builder()
			.clientConnector(connector)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER_BYTES))
			.observationRegistry(observations)
			.baseUrl(users.hubUrl())
			.build();
	}

	@Override
	public Mono<OAuth2AuthenticatedPrincipal> introspect(String token) {
		// Cancellation suppressed: other requests may be waiting for the same answer.
		return Mono.fromFuture(() -> this.users.answer(token, () -> whoami(token).toFuture()), true)
			.onErrorMap((ex) -> !(ex instanceof OAuth2IntrospectionException), HfBearerTokenUsers::unreachable)
			.map(this.users::principal);
	}

	private Mono<HfBearerTokenUsers.Answer> whoami(String token) {
		return this.hub.get()
			.uri(HfBearerTokenUsers.WHOAMI_PATH)
			.headers((headers) -> headers.setBearerAuth(token))
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> {
				int status = response.statusCode().value();
				if (response.statusCode().is2xxSuccessful()) {
					return response.bodyToMono(HfBearerTokenUsers.JSON_OBJECT)
						.map((body) -> this.users.read(status, body))
						.switchIfEmpty(Mono.fromCallable(() -> this.users.read(status, null)));
				}
				return response.releaseBody().then(Mono.fromCallable(() -> this.users.read(status, null)));
			})
			.onErrorMap((ex) -> !(ex instanceof OAuth2IntrospectionException), HfBearerTokenUsers::unreachable);
	}

}
