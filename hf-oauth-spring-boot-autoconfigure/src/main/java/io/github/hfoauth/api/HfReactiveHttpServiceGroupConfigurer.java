package io.github.hfoauth.api;

import java.util.function.Consumer;

import io.github.hfoauth.HfOAuth2Registration;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * Public only for wiring: the auto-configuration declares it as a bean.
 * <p>
 * The WebFlux twin of {@link HfHttpServiceGroupConfigurer}: the app's own
 * {@code @HttpExchange} interfaces imported with {@code clientType = WEB_CLIENT} in the group
 * {@value HfOAuth2Registration#REGISTRATION_ID} (or whose interfaces all carry
 * {@code @ClientRegistrationId("huggingface")}) call the Hub as the signed-in user, as
 * {@link HfReactiveApiClient} does, and fail with {@link HfApiException}s.
 */
public final class HfReactiveHttpServiceGroupConfigurer implements WebClientHttpServiceGroupConfigurer {

	private final String hubUrl;

	private final ClientHttpConnector connector;

	private final Consumer<ClientCodecConfigurer> codecs;

	private final ExchangeFilterFunction authentication;

	/**
	 * Creates the configurer.
	 * @param hubUrl the Hub's base URL, the only origin the token is sent to
	 * @param connector the HTTP client, with the {@code hf.api.*} timeouts
	 * @param codecs the application's codec settings (such as the in-memory limit)
	 * @param authentication where the token comes from ({@link HfReactiveApiAuthentication})
	 */
	public HfReactiveHttpServiceGroupConfigurer(String hubUrl, ClientHttpConnector connector,
			Consumer<ClientCodecConfigurer> codecs, ExchangeFilterFunction authentication) {
		this.hubUrl = hubUrl;
		this.connector = connector;
		this.codecs = codecs;
		this.authentication = authentication;
	}

	@Override
	public void configureGroups(Groups<WebClient.Builder> groups) {
		groups.filter(HfApiProtocol::isHuggingFace).forEachClient(this::configure);
	}

	// Failures first, so they also cover the token's; then the origin check, so the token is
	// never added to a request for another host.
	private void configure(HttpServiceGroup group, WebClient.Builder builder) {
		builder.clientConnector(this.connector)
			.codecs(this.codecs)
			.baseUrl(this.hubUrl)
			.filter((request, next) -> next.exchange(request)
				.onErrorMap((ex) -> !(ex instanceof HfApiException),
						(ex) -> HfReactiveApiClient.translate(ex, null, HfApiProtocol.aboutPath(request.url()))))
			.filter(HfReactiveApiAuthentication.onlyTo(this.hubUrl, HfApiProtocol.aboutGroup(group)))
			.filter(this.authentication)
			.defaultStatusHandler(HttpStatusCode::isError, (response) -> HfReactiveApiClient.failure(response, null,
					HfApiProtocol.aboutPath(response.request().getURI())));
	}

}
