package io.github.hfoauth;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * A bearer token's whoami answered with a redirect to another host (another loopback port
 * here) is not followed, on either stack: the token never reaches that host, and its answer
 * is never read as the Hub's.
 */
class BearerTokenRedirectsTests {

	private static final String TOKEN = "hf_a_callers_token";

	static final WireMockServer hub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	static final WireMockServer elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	static {
		hub.start();
		elsewhere.start();
	}

	@AfterAll
	static void stop() {
		hub.stop();
		elsewhere.stop();
	}

	private final HfBearerTokenUsers users = new HfBearerTokenUsers(
			new HfOAuth2UserConverter(), hub.baseUrl(),
			Duration.ofSeconds(5), Duration.ofSeconds(5), List.of("/api/**"), Duration.ofMinutes(5), 100, false);

	@BeforeEach
	void redirect() {
		hub.resetAll();
		elsewhere.resetAll();
		hub.stubFor(get(urlPathEqualTo(HfBearerTokenUsers.WHOAMI_PATH)).willReturn(
				aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + HfBearerTokenUsers.WHOAMI_PATH)));
		elsewhere.stubFor(get(urlPathEqualTo(HfBearerTokenUsers.WHOAMI_PATH))
			.willReturn(okJson("{\"type\":\"user\",\"id\":\"1\",\"name\":\"mallory\"}")));
	}

	@Test
	void theServletIntrospectorDoesNotFollow() {
		assertThat(catchThrowable(() -> new BearerTokenIntrospector(this.users, ObservationRegistry.NOOP).introspect(TOKEN))).isNotNull();
		assertNothingReachedTheOtherHost();
	}

	@Test
	void theReactiveIntrospectorDoesNotFollow() {
		assertThat(catchThrowable(() -> new ReactiveBearerTokenIntrospector(this.users, ObservationRegistry.NOOP).introspect(TOKEN).block()))
			.isNotNull();
		assertNothingReachedTheOtherHost();
	}

	private static void assertNothingReachedTheOtherHost() {
		assertThat(hub.findAll(anyRequestedFor(anyUrl()))).as("the call was made").isNotEmpty();
		assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).as("requests to the other host").isEmpty();
	}

}
