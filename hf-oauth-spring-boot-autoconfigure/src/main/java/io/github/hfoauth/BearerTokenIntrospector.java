package io.github.hfoauth;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the Hub who a token belongs to, for a servlet app: Spring Security's opaque-token
 * hook, answered by {@link HfBearerTokenUsers}.
 */
final class BearerTokenIntrospector implements OpaqueTokenIntrospector {

	private final HfBearerTokenUsers users;

	private final RestClient hub;

	/**
	 * Creates the introspector.
	 * @param users who a token belongs to, and the settings of the calls to the Hub
	 * @param observations the application's registry: each call is observed as the starter's
	 * other calls to Hugging Face are
	 */
	BearerTokenIntrospector(HfBearerTokenUsers users, ObservationRegistry observations) {
		// The call carries the token: no redirect is followed, to another host or any.
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory() {
			@Override
			protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
				super.prepareConnection(connection, httpMethod);
				connection.setInstanceFollowRedirects(false);
			}
		};
		requestFactory.setConnectTimeout(users.connectTimeout());
		requestFactory.setReadTimeout(users.readTimeout());
		this.users = users;
		this.hub = RestClient.builder()
			.requestFactory(requestFactory)
			.observationRegistry(observations)
			.baseUrl(users.hubUrl())
			.build();
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		CompletableFuture<HfBearerTokenUsers.Answer> answer = this.users.answer(token,
				() -> CompletableFuture.completedFuture(whoami(token)));
		try {
			return this.users.principal(answer.join());
		}
		catch (CompletionException ex) {
			throw HfBearerTokenUsers.unreachable(ex);
		}
	}

	private HfBearerTokenUsers.Answer whoami(String token) {
		try {
			return this.hub.get()
				.uri(HfBearerTokenUsers.WHOAMI_PATH)
				.headers((headers) -> headers.setBearerAuth(token))
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					Map<String, Object> body = response.getStatusCode().is2xxSuccessful()
							? response.bodyTo(HfBearerTokenUsers.JSON_OBJECT) : null;
					return this.users.read(status, body);
				});
		}
		catch (RestClientException ex) {
			throw HfBearerTokenUsers.unreachable(ex);
		}
	}

}
