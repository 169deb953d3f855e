package io.github.hfoauth;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The WebFlux twin of {@link HfAuthorizationRequestResolver}: Spring Security's authorization
 * request plus {@code orgIds} and the attempt number in the {@code state}. The reactive
 * auto-configuration declares it as a bean; an application's own
 * {@link ServerOAuth2AuthorizationRequestResolver} bean replaces it.
 */
public final class HfServerAuthorizationRequestResolver implements ServerOAuth2AuthorizationRequestResolver {

	private final DefaultServerOAuth2AuthorizationRequestResolver resolver;

	/**
	 * Creates the resolver.
	 * @param registrations the client registrations
	 * @param orgIds organization subs to send as {@code orgIds}; empty for none
	 */
	public HfServerAuthorizationRequestResolver(ReactiveClientRegistrationRepository registrations,
			List<String> orgIds) {
		this.resolver = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
		this.resolver.setAuthorizationRequestCustomizer(HfSignInAttempts.withOrgIds(orgIds));
	}

	@Override
	public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
		return this.resolver.resolve(exchange).map((authorization) -> withAttempt(authorization, exchange));
	}

	@Override
	public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String registrationId) {
		return this.resolver.resolve(exchange, registrationId).map((authorization) -> withAttempt(authorization, exchange));
	}

	private static OAuth2AuthorizationRequest withAttempt(OAuth2AuthorizationRequest authorization,
			ServerWebExchange exchange) {
		return HfSignInAttempts.withAttempt(authorization,
				exchange.getRequest().getQueryParams().getFirst(HfSignInAttempts.ATTEMPT_PARAMETER));
	}

}
