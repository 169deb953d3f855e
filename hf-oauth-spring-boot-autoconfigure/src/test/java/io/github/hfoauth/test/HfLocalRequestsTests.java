package io.github.hfoauth.test;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

import io.github.hfoauth.HfOAuth2User;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import static io.github.hfoauth.test.HfLocalRequests.localRequests;
import static io.github.hfoauth.test.HfWebTestClientLogin.hfLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * Mock mode on WebFlux answers loopback requests only, and a request without an address (a
 * WebTestClient bound to the application, a Unix socket) is not one: an app's own bound tests
 * send from {@code 127.0.0.1} with {@code localRequests()}, which {@code hfLogin()} does by itself.
 */
@SpringBootTest(classes = HfLocalRequestsTests.App.class, properties = "spring.main.web-application-type=reactive")
class HfLocalRequestsTests {

	@Autowired
	ApplicationContext context;

	@Test
	void aRequestWithoutAnAddressIsRefused() {
		WebTestClient client = bound().build();
		client.get()
			.uri("/oauth2/authorization/huggingface")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist("Set-Cookie")
			.expectBody(String.class)
			.value((body) -> assertThat(body).startsWith("{\"error\":\"hf_mock_remote_refused\""));
		client.get().uri("/hello").exchange().expectStatus().isForbidden();
	}

	@Test
	void localRequestsSignInTheMockUser() {
		WebTestClient client = WebTestClient.bindToApplicationContext(this.context)
			.apply(springSecurity())
			.apply(localRequests())
			.configureClient()
			.build();
		client.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/oauth2/authorization/huggingface");
		ResponseCookie session = client.get()
			.uri("/oauth2/authorization/huggingface")
			.exchange()
			.expectStatus()
			.isFound()
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("SESSION");
		assertThat(session).as("the mock user's session").isNotNull();
		client.get()
			.uri("/hello")
			.cookie("SESSION", session.getValue())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("Hello mock-user");
	}

	@Test
	void localRequestsAlsoMutateABoundClient() {
		bound().build()
			.mutateWith(localRequests())
			.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/oauth2/authorization/huggingface");
	}

	@Test
	void hfLoginNeedsNothingMore() {
		bound().build()
			.mutateWith(hfLogin("alice"))
			.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("Hello alice");
		bound().apply(hfLogin("bob"))
			.build()
			.get()
			.uri("/hello")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("Hello bob");
	}

	@Test
	@WithMockHfUser(username = "alice")
	void withMockHfUserNeedsLocalRequests() {
		bound().build().get().uri("/hello").exchange().expectStatus().isForbidden();
		bound().apply(localRequests())
			.build()
			.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("Hello alice");
	}

	@Test
	void anAddressTheRequestHasIsKept() {
		AtomicReference<InetSocketAddress> seen = new AtomicReference<>();
		WebHttpHandlerBuilder builder = WebHttpHandlerBuilder.webHandler((exchange) -> {
			seen.set(exchange.getRequest().getRemoteAddress());
			return Mono.empty();
		});
		localRequests().beforeServerCreated(builder);
		localRequests().beforeServerCreated(builder);
		assertThat(builder.hasForwardedHeaderTransformer()).isFalse();
		HttpHandler handler = builder.build();
		handler.handle(MockServerHttpRequest.get("/").build(), new MockServerHttpResponse()).block();
		assertThat(seen.get().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
		InetSocketAddress remote = new InetSocketAddress("203.0.113.7", 40000);
		handler.handle(MockServerHttpRequest.get("/").remoteAddress(remote).build(), new MockServerHttpResponse())
			.block();
		assertThat(seen.get()).isEqualTo(remote);
	}

	private WebTestClient.MockServerSpec<?> bound() {
		return WebTestClient.bindToApplicationContext(this.context).apply(springSecurity());
	}

	// No component scan: the other test apps of this package must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class App {

		@GetMapping("/hello")
		Mono<String> hello(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just("Hello " + user.getUsername());
		}

	}

}
