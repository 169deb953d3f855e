package io.github.hfoauth.sample;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's Actuator as a Space runs it: {@code /actuator/health} open to probes, nothing
 * else exposed, and Hugging Face down is shown as the {@code huggingface} component's own status
 * without taking the app DOWN, nor entering the readiness group.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.health.show-components=always",
				"management.endpoint.health.probes.enabled=true" })
class HealthEndpointTests {

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SpaceSignIn.SCOPES);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		SpaceSignIn.environment(registry, huggingFace, "space-secret");
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@Test
	void anOutageAtHuggingFaceLeavesTheAppUp() {
		huggingFace.breakEndpoint("/.well-known/openid-configuration", WireMock.aResponse().withStatus(503));
		try {
			HttpResponse<String> health = new Browser(this.port).getJson("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).as("the overall status").endsWith("\"status\":\"UP\"}")
				.containsPattern("\"huggingface\":\\{[^}]*\"status\":\"UNREACHABLE\"\\}")
				.as("no details for anyone").doesNotContain("error", "127.0.0.1");
		}
		finally {
			huggingFace.repair();
		}
	}

	@Test
	void probesLeaveHuggingFaceOut() {
		HttpResponse<String> readiness = new Browser(this.port).getJson("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).doesNotContain("huggingface");
		HttpResponse<String> liveness = new Browser(this.port).getJson("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).doesNotContain("huggingface");
	}

	@Test
	void metricsAreNotExposed() {
		Browser browser = new Browser(this.port);
		SpaceSignIn.signIn(browser);
		assertThat(browser.getJson("/actuator/metrics").statusCode()).isEqualTo(404);
		assertThat(browser.getJson("/actuator/metrics/hf.oauth.sign-ins").statusCode()).isEqualTo(404);
		assertThat(browser.getJson("/actuator/auditevents").statusCode()).isEqualTo(404);
	}

}
