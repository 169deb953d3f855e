package io.github.hfoauth.api;

import java.net.URI;
import java.util.function.Consumer;

import io.github.hfoauth.HfOAuth2Registration;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.RemoveAuthorizedClientReactiveOAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.server.ServerWebExchange;

/**
 * Public only for wiring: the auto-configuration builds {@link HfReactiveApiClient}'s
 * {@code WebClient}s with it.
 * <p>
 * How {@link HfReactiveApiClient}'s requests get their token, the WebFlux twin of
 * {@link HfApiAuthentication}: the signed-in user's, through Spring Security; a fixed token
 * (mock mode, when the developer opts in); or none, with a clear refusal. A sign-in that holds
 * its own token (a test's mock user) is called with that one first.
 */
public final class HfReactiveApiAuthentication {

	private HfReactiveApiAuthentication() {
	}

	/**
	 * The signed-in user's token, from the reactive authorized-client manager, which renews it
	 * with the refresh token when it is about to expire. A 401 from Hugging Face forgets the
	 * token, so the next call does not retry a dead one.
	 * @param manager the authorized-client manager
	 * @param authorizedClients where the user's tokens are kept
	 * @return the filter
	 */
	public static ExchangeFilterFunction signedInUser(ReactiveOAuth2AuthorizedClientManager manager,
			ServerOAuth2AuthorizedClientRepository authorizedClients) {
		ServerOAuth2AuthorizedClientExchangeFilterFunction oauth2 = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				manager);
		oauth2.setDefaultClientRegistrationId(HfOAuth2Registration.REGISTRATION_ID);
		oauth2.setAuthorizationFailureHandler(new RemoveAuthorizedClientReactiveOAuth2AuthorizationFailureHandler(
				(registrationId, principal, attributes) -> (attributes
					.get(ServerWebExchange.class.getName()) instanceof ServerWebExchange exchange)
							? authorizedClients.removeAuthorizedClient(registrationId, principal, exchange)
							: Mono.empty()));
		// Without a Hugging Face sign-in there is no token; say so before asking Spring
		// Security to authorize a client it cannot.
		return (request, next) -> ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(HfApiProtocol::isHuggingFaceSignIn)
			.switchIfEmpty(Mono.error(HfApiProtocol::notSignedIn))
			.flatMap((signIn) -> {
				OAuth2AccessToken held = HfApiProtocol.heldToken(signIn);
				return (held != null) ? withToken(held.getTokenValue(), request, next) : oauth2.filter(request, next);
			});
	}

	/**
	 * A fixed token for every call: the developer's own, in mock mode, when they opt in.
	 * @param token the token
	 * @return the filter
	 */
	public static ExchangeFilterFunction fixedToken(String token) {
		return (request, next) -> heldToken().defaultIfEmpty(token).flatMap((held) -> withToken(held, request, next));
	}

	/**
	 * Lets requests go only to one origin, so that the token added after this never reaches
	 * another host: an absolute URI passed to {@link HfReactiveApiClient#hub()} would otherwise
	 * override the base URL.
	 * @param baseUrl the base URL whose scheme, host and port requests must keep
	 * @return the filter
	 */
	public static ExchangeFilterFunction onlyTo(String baseUrl) {
		return onlyTo(baseUrl, "HfReactiveApiClient");
	}

	// The refusal names the client as the developer knows it.
	static ExchangeFilterFunction onlyTo(String baseUrl, String client) {
		URI base = URI.create(baseUrl);
		return (request, next) -> {
			HfApiException refusal = HfApiProtocol.otherOrigin(client, base, request.url());
			return (refusal != null) ? Mono.error(refusal) : next.exchange(request);
		};
	}

	/**
	 * The default header of {@code hf.api.bill-to}: the organization billed for the inference
	 * calls that name none (a request's own {@code billTo} replaces it).
	 * @param organization the organization's handle, checked
	 * @return what sets the header on the inference client's default headers
	 */
	public static Consumer<HttpHeaders> billTo(String organization) {
		return (headers) -> headers.set(HfApiProtocol.BILL_TO_HEADER, organization);
	}

	/**
	 * No token: every call is refused with the reason.
	 * @param reason what the user or developer reads, naming the fix
	 * @return the filter
	 */
	public static ExchangeFilterFunction noToken(String reason) {
		return (request, next) -> heldToken().switchIfEmpty(Mono.error(() -> HfApiProtocol.noToken(reason)))
			.flatMap((held) -> withToken(held, request, next));
	}

	// A test's mock user may hold a token of its own (WithMockHfUser.token), in mock mode too.
	private static Mono<String> heldToken() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.mapNotNull(HfApiProtocol::heldToken)
			.map(OAuth2AccessToken::getTokenValue);
	}

	private static Mono<ClientResponse> withToken(String token, ClientRequest request, ExchangeFunction next) {
		return next.exchange(ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token)).build());
	}

}
