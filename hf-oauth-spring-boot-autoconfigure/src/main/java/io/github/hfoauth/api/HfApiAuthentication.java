package io.github.hfoauth.api;

import java.io.IOException;
import java.net.URI;
import java.util.function.Consumer;

import io.github.hfoauth.HfOAuth2Registration;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Public only for wiring: the auto-configuration builds {@link HfApiClient}'s
 * {@code RestClient}s with it.
 * <p>
 * How {@link HfApiClient}'s requests get their token: the signed-in user's, through Spring
 * Security; a fixed token (mock mode, when the developer opts in); or none, with a clear
 * refusal. A sign-in that holds its own token (a test's mock user) is called with that one
 * first.
 */
public final class HfApiAuthentication {

	private HfApiAuthentication() {
	}

	/**
	 * The signed-in user's token, from the authorized-client manager, which renews it with
	 * the refresh token when it is about to expire. A 401 or 403 from Hugging Face forgets
	 * the token, so the next call does not retry a dead one.
	 * @param manager the authorized-client manager
	 * @param authorizedClients where the user's tokens are kept
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor signedInUser(OAuth2AuthorizedClientManager manager,
			OAuth2AuthorizedClientRepository authorizedClients) {
		OAuth2ClientHttpRequestInterceptor oauth2 = new OAuth2ClientHttpRequestInterceptor(manager);
		oauth2.setClientRegistrationIdResolver((request) -> HfOAuth2Registration.REGISTRATION_ID);
		oauth2.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		return (request, body, execution) -> {
			Authentication authentication = currentAuthentication();
			// Without a Hugging Face sign-in there is no token; say so before asking Spring
			// Security to authorize a client it cannot.
			if (!HfApiProtocol.isHuggingFaceSignIn(authentication)) {
				throw HfApiProtocol.notSignedIn();
			}
			OAuth2AccessToken held = HfApiProtocol.heldToken(authentication);
			if (held != null) {
				return withToken(held.getTokenValue(), request, body, execution);
			}
			return oauth2.intercept(request, body, execution);
		};
	}

	/**
	 * A fixed token for every call: the developer's own, in mock mode, when they opt in.
	 * @param token the token
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor fixedToken(String token) {
		return (request, body, execution) -> {
			OAuth2AccessToken held = HfApiProtocol.heldToken(currentAuthentication());
			return withToken((held != null) ? held.getTokenValue() : token, request, body, execution);
		};
	}

	/**
	 * Lets requests go only to one origin, so that the token added after this never reaches
	 * another host: an absolute URI passed to {@link HfApiClient#hub()} would otherwise
	 * override the base URL.
	 * @param baseUrl the base URL whose scheme, host and port requests must keep
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor onlyTo(String baseUrl) {
		return onlyTo(baseUrl, "HfApiClient");
	}

	// The refusal names the client as the developer knows it.
	static ClientHttpRequestInterceptor onlyTo(String baseUrl, String client) {
		URI base = URI.create(baseUrl);
		return (request, body, execution) -> {
			HfApiException refusal = HfApiProtocol.otherOrigin(client, base, request.getURI());
			if (refusal != null) {
				throw refusal;
			}
			return execution.execute(request, body);
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
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor noToken(String reason) {
		return (request, body, execution) -> {
			OAuth2AccessToken held = HfApiProtocol.heldToken(currentAuthentication());
			if (held == null) {
				throw HfApiProtocol.noToken(reason);
			}
			return withToken(held.getTokenValue(), request, body, execution);
		};
	}

	// A test's mock user may hold a token of its own (WithMockHfUser.token), in mock mode too.
	private static @Nullable Authentication currentAuthentication() {
		return SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
	}

	private static ClientHttpResponse withToken(String token, HttpRequest request, byte[] body,
			ClientHttpRequestExecution execution) throws IOException {
		request.getHeaders().setBearerAuth(token);
		return execution.execute(request, body);
	}

}
