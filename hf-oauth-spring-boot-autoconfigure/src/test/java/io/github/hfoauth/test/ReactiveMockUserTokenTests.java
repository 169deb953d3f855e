package io.github.hfoauth.test;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.api.HfApiAnswers;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfReactiveApiClient;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.hfoauth.test.HfLocalRequests.localRequests;
import static io.github.hfoauth.test.HfWebTestClientLogin.hfLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * The WebFlux twin of {@link MockUserTokenTests}: {@code hfLogin().token(...)} on WebTestClient
 * and {@code @WithMockHfUser(token = ...)} have the app's {@code HfReactiveApiClient} and its
 * {@code @HttpExchange} interface on {@code WebClient} call the stub Hub with that token.
 */
// Mock mode as an app's test meets it: a WebTestClient bound to the application sends requests
// without a remote address, which mock mode refuses; localRequests() sends them from 127.0.0.1,
// as docs/testing.md tells apps to (hfLogin() does it by itself; @WithMockHfUser needs it).
@SpringBootTest(classes = ReactiveMockUserTokenTests.App.class,
		properties = "spring.main.web-application-type=reactive")
class ReactiveMockUserTokenTests {

	static final FakeHuggingFace hub = FakeHuggingFace.start();

	@Autowired
	ApplicationContext context;

	WebTestClient client;

	@DynamicPropertySource
	static void stubHub(DynamicPropertyRegistry registry) {
		registry.add("hf.api.hub-url", hub::baseUrl);
	}

	@AfterAll
	static void stopHub() {
		hub.close();
	}

	@BeforeEach
	void bind() {
		// Generous: the first call of a fresh context on a busy machine.
		this.client = WebTestClient.bindToApplicationContext(this.context)
			.apply(springSecurity())
			.apply(localRequests())
			.configureClient()
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		hub.server().stubFor(WireMock.get(urlEqualTo("/api/whoami-v2")).willReturn(okJson(HfApiAnswers.WHOAMI)));
		hub.server().stubFor(WireMock.get(urlEqualTo("/api/models?author=alice")).willReturn(okJson("[]")));
	}

	@AfterEach
	void forget() {
		hub.resetRequests();
	}

	@Test
	void theRequestsUserHoldsItsOwnToken() {
		this.client.mutateWith(hfLogin("alice").token("hf_alice"))
			.get()
			.uri("/models")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("[]");
		this.client.mutateWith(hfLogin("bob").token("hf_bob"))
			.get()
			.uri("/whoami")
			.exchange()
			.expectBody(String.class)
			.isEqualTo(HfApiAnswers.WHOAMI_MAPPED);
		assertThat(authorizations("/api/models?author=alice")).containsExactly("Bearer hf_alice");
		assertThat(authorizations("/api/whoami-v2")).containsExactly("Bearer hf_bob");
	}

	@Test
	@WithMockHfUser(username = "alice", token = "hf_test")
	void theAnnotatedUsersTokenReachesTheStub() {
		this.client.get().uri("/models").exchange().expectBody(String.class).isEqualTo("[]");
		assertThat(authorizations("/api/models?author=alice")).containsExactly("Bearer hf_test");
	}

	@Test
	void aUserWithoutATokenCallsNobody() {
		this.client.mutateWith(hfLogin("alice"))
			.get()
			.uri("/whoami")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).startsWith(HfApiAnswers.MOCK_WITHOUT_TOKEN));
		assertThat(hub.server().findAll(getRequestedFor(urlEqualTo("/api/whoami-v2")))).isEmpty();
	}

	static List<String> authorizations(String url) {
		return hub.server().findAll(getRequestedFor(urlEqualTo(url))).stream().map((r) -> r.getHeader("Authorization")).toList();
	}

	interface HubModels {

		@GetExchange("/api/models")
		Mono<String> byAuthor(@RequestParam String author);

	}

	// The app's own code, in mock mode: no component scan, so the other test apps stay out.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	@ImportHttpServices(group = "huggingface", types = HubModels.class, clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class App {

		private final HfReactiveApiClient hf;

		private final HubModels models;

		App(HfReactiveApiClient hf, HubModels models) {
			this.hf = hf;
			this.models = models;
		}

		@GetMapping("/whoami")
		Mono<String> whoami() {
			return this.hf.whoami().map(Object::toString);
		}

		@GetMapping("/models")
		Mono<String> models(@AuthenticationPrincipal HfOAuth2User user) {
			return this.models.byAuthor(user.getUsername());
		}

		@ExceptionHandler(HfApiException.class)
		Mono<String> failure(HfApiException ex) {
			return Mono.just(HfApiAnswers.describe(ex));
		}

	}

}
