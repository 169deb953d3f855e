package io.github.hfoauth.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE shows what the configuration processor wrote: every {@code hf.oauth.*} property
 * needs a description there, and the defaults a developer would look for.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws Exception {
		JsonNode properties = metadata().get("properties");
		List<String> names = new ArrayList<>();
		for (JsonNode property : properties) {
			String name = property.get("name").asString();
			names.add(name);
			assertThat(property.path("description").asString("")).as("description of %s", name).isNotBlank();
		}
		assertThat(names).contains("hf.oauth.client-id", "hf.oauth.client-secret", "hf.oauth.scopes",
				"hf.oauth.provider-url", "hf.oauth.redirect-uri", "hf.oauth.mock.enabled", "hf.oauth.mock.username",
				"hf.oauth.mock.organizations", "hf.oauth.connect-timeout", "hf.oauth.read-timeout");
	}

	@Test
	void defaultsAreVisible() throws Exception {
		JsonNode properties = metadata().get("properties");
		for (JsonNode property : properties) {
			if (property.get("name").asString().equals("hf.oauth.mock.enabled")) {
				assertThat(property.get("defaultValue").asBoolean()).isTrue();
				return;
			}
		}
		throw new AssertionError("hf.oauth.mock.enabled is missing from the metadata");
	}

	@Test
	void theIdeOffersTheScopesAndRoles() throws Exception {
		List<String> hinted = new ArrayList<>();
		for (JsonNode hint : metadata().get("hints")) {
			for (JsonNode value : hint.get("values")) {
				hinted.add(hint.get("name").asString() + "=" + value.get("value").asString());
			}
		}
		assertThat(hinted).contains("hf.oauth.scopes=openid", "hf.oauth.scopes=read-memberships",
				"hf.oauth.scopes=inference-api", "hf.oauth.allowed-role=admin", "hf.oauth.allowed-role=read");
	}

	private static JsonNode metadata() throws Exception {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("spring-configuration-metadata.json on the classpath").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
