package io.github.hfoauth.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property table of {@code docs/configuration.md} is the reference a user reads; it is held
 * against the configuration metadata the IDE reads, so that neither can drift from the code.
 */
class PropertyReferenceTests {

	private static final Path GUIDE = Path.of("..", "docs", "configuration.md");

	// | `hf.oauth.client-id` | `HF_OAUTH_CLIENT_ID` | default | meaning |
	private static final Pattern ROW = Pattern
		.compile("^\\| `(hf\\.[a-z0-9.\\-]+)(?:\\[i\\][^`]*)?`[^|]*\\| `([A-Z0-9_]+)`[^|]*\\|([^|]*)\\|", Pattern.MULTILINE);

	// `a` or `a`, `b`: values only.
	private static final Pattern LITERALS = Pattern.compile("`[^`]+`(, `[^`]+`)*");

	@Test
	void everyPropertyOfTheMetadataHasARowAndEveryRowAProperty() throws Exception {
		assertThat(documented().keySet()).isEqualTo(new TreeSet<>(metadata().keySet()));
	}

	@Test
	void theDocumentedDefaultIsTheMetadataDefault() throws Exception {
		Map<String, Row> rows = documented();
		metadata().forEach((name, property) -> {
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue == null) {
				return;
			}
			for (JsonNode value : defaultValue.isArray() ? defaultValue : List.of(defaultValue)) {
				assertThat(rows.get(name).defaultValue()).as("default of %s", name).contains("`" + value.asString() + "`");
			}
		});
	}

	// A default the guide shows as plain values (no prose such as "in a Space") is one the IDE
	// can show too; list defaults need additional-spring-configuration-metadata.json.
	@Test
	void aDefaultTheGuideShowsIsInTheMetadata() throws Exception {
		Map<String, JsonNode> metadata = metadata();
		for (Row row : documented().values()) {
			if (LITERALS.matcher(row.defaultValue().trim()).matches()) {
				assertThat(metadata.get(row.name()).get("defaultValue")).as("metadata default of %s", row.name())
					.isNotNull();
			}
		}
	}

	@Test
	void theDocumentedEnvironmentVariableSetsTheProperty() throws Exception {
		for (Row row : documented().values()) {
			if (row.name().equals("hf.oauth.mock.organizations")) {
				continue; // a list of objects: the variable names one field, tested below
			}
			assertThat(bound(row.environmentVariable(), row.name())).as("%s sets %s", row.environmentVariable(), row.name())
				.isEqualTo("x");
		}
		assertThat(bound("HF_OAUTH_MOCK_ORGANIZATIONS_0_USERNAME", "hf.oauth.mock.organizations[0].username"))
			.isEqualTo("x");
	}

	private static String bound(String variable, String property) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of(variable, "x")));
		ConfigurationPropertySources.attach(environment);
		return Binder.get(environment).bind(property, String.class).orElse(null);
	}

	private static Map<String, Row> documented() throws Exception {
		Map<String, Row> rows = new LinkedHashMap<>();
		Matcher row = ROW.matcher(Files.readString(GUIDE));
		while (row.find()) {
			rows.put(row.group(1), new Row(row.group(1), row.group(2), row.group(3)));
		}
		assertThat(rows).as("property rows in %s", GUIDE).isNotEmpty();
		return new TreeMap<>(rows);
	}

	private static Map<String, JsonNode> metadata() throws Exception {
		try (InputStream in = PropertyReferenceTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			Map<String, JsonNode> properties = new LinkedHashMap<>();
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				properties.put(property.get("name").asString(), property);
			}
			return properties;
		}
	}

	private record Row(String name, String environmentVariable, String defaultValue) {
	}

}
