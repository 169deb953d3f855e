package io.github.hfoauth.sample;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app that adds actuator and shows its {@code /env} and {@code /configprops} values (to
 * signed-in users only, in this app) must still not show the client secret, whether it came
 * from {@code hf.oauth.client-secret} or from the Space's {@code OAUTH_CLIENT_SECRET}, nor
 * the session signing key.
 * Spring Boot masks no key by name since 3.0: with {@code show-values=ALWAYS} only a
 * {@code SanitizingFunction} hides a value, and the starter has to contribute one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=ALWAYS", "management.endpoint.configprops.show-values=ALWAYS",
				"hf.oauth.client-secret=" + ActuatorSecretsTests.CLIENT_SECRET,
				"hf.oauth.session.signing-key=" + ActuatorSecretsTests.SIGNING_KEY })
class ActuatorSecretsTests {

	static final String CLIENT_SECRET = "s3cr3t-hf-client-Value";

	static final String SIGNING_KEY = "s3ssion-signing-key-of-32-characters";

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SpaceSignIn.SCOPES);

	@LocalServerPort
	private int port;

	private Browser browser;

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		SpaceSignIn.environment(registry, huggingFace, CLIENT_SECRET);
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@BeforeEach
	void signIn() {
		this.browser = new Browser(this.port);
		SpaceSignIn.signIn(this.browser);
	}

	@Test
	void envDoesNotShowTheSecret() {
		HttpResponse<String> env = this.browser.getJson("/actuator/env");

		assertThat(env.statusCode()).isEqualTo(200);
		// Values are shown, so a missing secret means it was masked, not that nothing is shown.
		for (String shown : List.of("OAUTH_CLIENT_ID", FakeHuggingFace.DEFAULT_CLIENT_ID, "hf.oauth.client-secret",
				"OAUTH_CLIENT_SECRET")) {
			assertThat(env.body().contains(shown)).as("/actuator/env shows %s", shown).isTrue();
		}
		assertThat(whereShown(env.body())).as("where /actuator/env shows the secret").isEmpty();
	}

	@Test
	void envOfTheSecretsOwnNamesDoesNotShowTheSecret() {
		SoftAssertions softly = new SoftAssertions();
		for (String name : new String[] { "hf.oauth.client-secret", "OAUTH_CLIENT_SECRET",
				"hf.oauth.session.signing-key" }) {
			HttpResponse<String> property = this.browser.getJson("/actuator/env/" + name);
			softly.assertThat(property.statusCode()).as(name).isEqualTo(200);
			softly.assertThat(whereShown(property.body()))
				.as("where /actuator/env/%s shows the secret", name)
				.isEmpty();
		}
		softly.assertAll();
	}

	@Test
	void configpropsDoesNotShowTheSecret() {
		HttpResponse<String> configprops = this.browser.getJson("/actuator/configprops");

		assertThat(configprops.statusCode()).isEqualTo(200);
		for (String shown : List.of("\"hf.oauth\"", "clientSecret", "signingKey")) {
			assertThat(configprops.body().contains(shown)).as("/actuator/configprops shows %s", shown).isTrue();
		}
		assertThat(whereShown(configprops.body())).as("where /actuator/configprops shows the secret").isEmpty();
	}

	// The JSON paths of the values that contain the secret. Only these go into a failure
	// message: the whole answer would copy the build machine's environment into the build log.
	private static List<String> whereShown(String json) {
		assertThat(json).startsWith("{");
		List<String> paths = new ArrayList<>();
		collect("", Json.parse(json), paths);
		return paths;
	}

	private static void collect(String path, Object value, List<String> paths) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> collect(path + "." + key, child, paths));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				Object child = list.get(i);
				// Property sources are a list: name them rather than number them.
				String step = (child instanceof Map<?, ?> source && source.get("name") instanceof String name)
						? "[" + name + "]" : "[" + i + "]";
				collect(path + step, child, paths);
			}
		}
		else if (value != null && (value.toString().contains(CLIENT_SECRET) || value.toString().contains(SIGNING_KEY))) {
			paths.add(path);
		}
	}

}
