package io.github.hfoauth.autoconfigure;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfReactiveApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.RequestEntity;

import io.micrometer.observation.ObservationRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A Hugging Face answer that redirects to another host is not followed by the clients that carry
 * the user's token, on either stack: the token never reaches the other host. Here the other
 * host is a second WireMock on another loopback port.
 */
class RedirectsToAnotherHostTests {

	private static final String TOKEN = "hf_the_users_own_token";

	static final WireMockServer huggingFace = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	static final WireMockServer elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	static {
		huggingFace.start();
		elsewhere.start();
	}

	@AfterAll
	static void stop() {
		huggingFace.stop();
		elsewhere.stop();
	}

	@BeforeEach
	void redirectEverything() {
		huggingFace.resetAll();
		elsewhere.resetAll();
		for (String path : new String[] { "/api/whoami-v2", "/oauth/userinfo" }) {
			huggingFace.stubFor(get(urlPathEqualTo(path))
				.willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + path)));
			elsewhere.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"name\":\"mallory\",\"sub\":\"1\"}")));
		}
	}

	@Test
	void theServletUserInfoCallDoesNotFollow() {
		HfProviderHttp http = new HfProviderHttp(new HfOAuthProperties(),
				new DefaultListableBeanFactory().getBeanProvider(ObservationRegistry.class));
		catchThrowable(() -> http.userInfo()
			.exchange(RequestEntity.get(huggingFace.baseUrl() + "/oauth/userinfo")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
				.build(), Map.class));
		assertNothingReachedTheOtherHost();
	}

	@Test
	void theServletApiClientDoesNotFollow() {
		ApiClientContexts.servlet()
			.withPropertyValues("hf.oauth.mock.token=" + TOKEN, "hf.api.hub-url=" + huggingFace.baseUrl())
			.run((context) -> catchThrowable(() -> context.getBean(HfApiClient.class).whoami()));
		assertThat(huggingFace.findAll(anyRequestedFor(anyUrl()))).as("the call was made").isNotEmpty();
		assertNothingReachedTheOtherHost();
	}

	@Test
	void theReactiveApiClientDoesNotFollow() {
		ApiClientContexts.reactive()
			.withPropertyValues("hf.oauth.mock.token=" + TOKEN, "hf.api.hub-url=" + huggingFace.baseUrl())
			.run((context) -> catchThrowable(() -> context.getBean(HfReactiveApiClient.class).whoami().block()));
		assertThat(huggingFace.findAll(anyRequestedFor(anyUrl()))).as("the call was made").isNotEmpty();
		assertNothingReachedTheOtherHost();
	}

	private static void assertNothingReachedTheOtherHost() {
		assertThat(huggingFace.findAll(anyRequestedFor(anyUrl()))).isNotEmpty();
		assertThat(elsewhere.findAll(anyRequestedFor(anyUrl())))
			.as("the token, at the other host")
			.noneMatch((request) -> String.valueOf(request.getHeader(HttpHeaders.AUTHORIZATION)).contains(TOKEN));
		assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).as("requests to the other host").isEmpty();
	}

}
