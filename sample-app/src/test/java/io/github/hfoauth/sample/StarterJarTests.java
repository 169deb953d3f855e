package io.github.hfoauth.sample;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What an application gets from the published jar: under {@code mvn verify} the sample app's
 * classpath holds the packaged autoconfigure jar, so this checks the artifact, not the IDE's
 * output folder.
 */
class StarterJarTests {

	@Test
	void theJarCarriesTheIdeMetadataAndTheAutoConfigurationImports() throws Exception {
		URL metadata = fromStarterJar("META-INF/spring-configuration-metadata.json");
		assumeTrue(metadata.getProtocol().equals("jar"), "runs against the packaged jar (mvn verify), not an IDE build");
		try (InputStream in = metadata.openStream()) {
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(json).contains("\"hf.oauth.client-id\"", "\"hf.oauth.mock.enabled\"", "\"description\"");
		}
		try (InputStream in = fromStarterJar(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
			.openStream()) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.contains("io.github.hfoauth.autoconfigure.HfOAuthAutoConfiguration");
		}
	}

	private static URL fromStarterJar(String resource) throws Exception {
		for (URL url : Collections.list(StarterJarTests.class.getClassLoader().getResources(resource))) {
			if (url.toString().contains("hf-oauth-spring-boot-autoconfigure")) {
				return url;
			}
		}
		throw new AssertionError(resource + " is not in hf-oauth-spring-boot-autoconfigure");
	}

}
