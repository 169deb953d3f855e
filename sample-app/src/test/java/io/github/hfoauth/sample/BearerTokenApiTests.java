package io.github.hfoauth.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.sample.reactive.ReactiveSampleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script calls the sample's {@code /api/me} with the visitor's Hugging Face token, as
 * {@code curl -H "Authorization: Bearer hf_..."} would: the servlet sample and its WebFlux twin
 * answer as for a signed-in browser, without a session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerTokenApiTests {

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	private static final String TOKEN = "hf_sample_script_token";

	private static final String WHOAMI = """
			{"type":"user","id":"62f264b9f3c90f4b6514a269","name":"ada","fullname":"Ada Lovelace",
			 "orgs":[{"type":"org","id":"5e67bd5b1009063689407478","name":"acme","roleInOrg":"admin"}],
			 "auth":{"type":"access_token","accessToken":{"displayName":"script","role":"read"}}}""";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	private ConfigurableApplicationContext reactive;

	@DynamicPropertySource
	static void huggingFace(DynamicPropertyRegistry registry) {
		huggingFace.configureClient(registry);
		registry.add("hf.api.hub-url", huggingFace::baseUrl);
	}

	@BeforeAll
	void startTheReactiveTwin() {
		huggingFace.server()
			.stubFor(get(urlEqualTo("/api/whoami-v2")).atPriority(10)
				.willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Invalid credentials\"}")));
		huggingFace.server()
			.stubFor(get(urlEqualTo("/api/whoami-v2")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
				.willReturn(okJson(WHOAMI)));
		this.reactive = ReactiveSampleApp.start("--server.port=0", "--hf.oauth.client-id=" + FakeHuggingFace.DEFAULT_CLIENT_ID,
				"--hf.oauth.provider-url=" + huggingFace.baseUrl(), "--hf.api.hub-url=" + huggingFace.baseUrl());
	}

	@AfterAll
	void stop() {
		this.reactive.close();
		huggingFace.close();
	}

	@Test
	void aScriptWithATokenIsTheTokensUser() {
		HttpResponse<String> me = call(this.port, TOKEN);
		assertThat(me.statusCode()).isEqualTo(200);
		Map<String, Object> json = Json.parse(me.body());
		assertThat(json).containsEntry("username", "ada").containsEntry("name", "Ada Lovelace");
		assertThat(Json.asList(json.get("authorities"))).contains("HF_ORG_acme:ADMIN");
		assertThat(me.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void theReactiveTwinAnswersTheSame() {
		HttpResponse<String> me = call(port(this.reactive), TOKEN);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(Json.parse(me.body())).containsEntry("username", "ada").containsEntry("organizations",
				List.of("acme"));
		assertThat(me.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void anUnknownTokenIsToldSoOnBothStacks() {
		for (int port : new int[] { this.port, port(this.reactive) }) {
			HttpResponse<String> me = call(port, "hf_not_a_real_token");
			assertThat(me.statusCode()).as("port %s", port).isEqualTo(401);
			assertThat(me.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
			assertThat(me.body()).doesNotContain("hf_not_a_real_token");
		}
	}

	private HttpResponse<String> call(int port, String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
