package io.github.hfoauth.session;

import java.time.Clock;

import io.github.hfoauth.session.HfSessionAuthorizedClientRepository.Tokens;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * Public only for wiring: the reactive auto-configuration declares it as the
 * {@code ServerOAuth2AuthorizedClientRepository}; an app declares its own repository by that
 * type.
 * <p>
 * Keeps the signed-in user's Hugging Face tokens in the {@code WebSession} of a WebFlux app:
 * the twin of {@link HfSessionAuthorizedClientRepository}. Like Spring Security's
 * {@code WebSessionServerOAuth2AuthorizedClientRepository}, but it stores only the tokens (the
 * same {@code Tokens} as the servlet side) and looks the client registration up again when they
 * are loaded. So a session in a shared store (Spring Session's reactive Redis) holds no client
 * secret and no copy of the provider's discovery document.
 * <p>
 * The tokens go away with the session, at logout or when it expires.
 */
public final class HfWebSessionAuthorizedClientRepository implements ServerOAuth2AuthorizedClientRepository {

	private static final String ATTRIBUTE_PREFIX = HfWebSessionAuthorizedClientRepository.class.getName() + ".";

	private final ReactiveClientRegistrationRepository registrations;

	private final RegistrationLookupPause lookupPause;

	/**
	 * Creates the repository.
	 * @param registrations where the registration of stored tokens is looked up
	 */
	public HfWebSessionAuthorizedClientRepository(ReactiveClientRegistrationRepository registrations) {
		this(registrations, Clock.systemUTC());
	}

	HfWebSessionAuthorizedClientRepository(ReactiveClientRegistrationRepository registrations, Clock clock) {
		this.registrations = registrations;
		this.lookupPause = new RegistrationLookupPause(clock);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String clientRegistrationId,
			@Nullable Authentication principal, ServerWebExchange exchange) {
		return exchange.getSession()
			.mapNotNull((session) -> (session.getAttribute(attribute(clientRegistrationId)) instanceof Tokens tokens)
					? tokens : null)
			.flatMap((tokens) -> registration(clientRegistrationId).map((registration) -> (T) tokens
				.toAuthorizedClient(registration)));
	}

	@Override
	public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, @Nullable Authentication principal,
			ServerWebExchange exchange) {
		return exchange.getSession()
			.doOnNext((session) -> session.getAttributes()
				.put(attribute(authorizedClient.getClientRegistration().getRegistrationId()), Tokens.of(authorizedClient)))
			.then();
	}

	@Override
	public Mono<Void> removeAuthorizedClient(String clientRegistrationId, @Nullable Authentication principal,
			ServerWebExchange exchange) {
		return exchange.getSession()
			.doOnNext((session) -> session.getAttributes().remove(attribute(clientRegistrationId)))
			.then();
	}

	// The registration comes from discovery, which an instance that has not yet signed anyone
	// in does now; while Hugging Face is unreachable the tokens are unusable anyway.
	private Mono<ClientRegistration> registration(String clientRegistrationId) {
		if (this.lookupPause.isQuiet()) {
			return Mono.empty();
		}
		return Mono.defer(() -> this.registrations.findByRegistrationId(clientRegistrationId))
			.doOnSuccess((registration) -> this.lookupPause.succeeded())
			.onErrorResume((ex) -> {
				this.lookupPause.failed(clientRegistrationId, ex);
				return Mono.empty();
			});
	}

	private static String attribute(String clientRegistrationId) {
		return ATTRIBUTE_PREFIX + clientRegistrationId;
	}

}
