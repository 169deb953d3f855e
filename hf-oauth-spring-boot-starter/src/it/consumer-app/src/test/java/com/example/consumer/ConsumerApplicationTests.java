package com.example.consumer;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app starts with nothing configured (mock mode), sends a signed-out browser through the
 * sign-in, and greets the mock user on the page it asked for.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsumerApplicationTests {

	@LocalServerPort
	int port;

	@Test
	void aSignedOutBrowserSignsInAndIsGreeted() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		HttpResponse<String> page = browser.send(
				// As a browser asks for a page: Spring Security returns after sign-in to pages only.
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hello"))
					.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).as("%s: %s", page.uri(), page.body()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/hello");
		assertThat(page.body()).startsWith("Hello ").contains("(@");
	}

}
