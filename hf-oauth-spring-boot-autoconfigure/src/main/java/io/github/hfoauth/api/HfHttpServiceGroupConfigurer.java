package io.github.hfoauth.api;

import java.io.IOException;

import io.github.hfoauth.HfOAuth2Registration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * Public only for wiring: the auto-configuration declares it as a bean.
 * <p>
 * Makes the app's own {@code @HttpExchange} interfaces call the Hub as the signed-in user, as
 * {@link HfApiClient} does: the group {@value HfOAuth2Registration#REGISTRATION_ID} of
 * {@code @ImportHttpServices} (or a group whose interfaces all carry
 * {@code @ClientRegistrationId("huggingface")}) gets the Hub ({@code hf.api.hub-url}) as base
 * URL, the {@code hf.api.*} timeouts, the user's token (renewed through the starter's
 * authorized-client manager, one refresh per session), and failures as
 * {@link HfApiException}s. Other groups are left as they are.
 */
public final class HfHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	private final String hubUrl;

	private final ClientHttpRequestFactory requestFactory;

	private final ClientHttpRequestInterceptor authentication;

	/**
	 * Creates the configurer.
	 * @param hubUrl the Hub's base URL, the only origin the token is sent to
	 * @param requestFactory the HTTP client, with the {@code hf.api.*} timeouts
	 * @param authentication where the token comes from ({@link HfApiAuthentication})
	 */
	public HfHttpServiceGroupConfigurer(String hubUrl, ClientHttpRequestFactory requestFactory,
			ClientHttpRequestInterceptor authentication) {
		this.hubUrl = hubUrl;
		this.requestFactory = requestFactory;
		this.authentication = authentication;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		groups.filter(HfApiProtocol::isHuggingFace).forEachClient(this::configure);
	}

	// Failures first, so they also cover the token's; then the origin check, so the token is
	// never added to a request for another host.
	private void configure(HttpServiceGroup group, RestClient.Builder builder) {
		builder.requestFactory(this.requestFactory)
			.baseUrl(this.hubUrl)
			.requestInterceptor(HfHttpServiceGroupConfigurer::failures)
			.requestInterceptor(HfApiAuthentication.onlyTo(this.hubUrl, HfApiProtocol.aboutGroup(group)))
			.requestInterceptor(this.authentication)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				throw HfApiProtocol.failure(response.getStatusCode().value(),
						response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), HfApiClient.start(response), null,
						HfApiProtocol.aboutPath(request.getURI()));
			});
	}

	private static ClientHttpResponse failures(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
		String what = HfApiProtocol.aboutPath(request.getURI());
		try {
			return execution.execute(request, body);
		}
		catch (OAuth2AuthorizationException ex) {
			throw HfApiProtocol.tokenFailure(ex, null, what);
		}
		catch (IOException ex) {
			throw HfApiProtocol.noAnswer(null, what, ex);
		}
	}

}
