package io.github.hfoauth.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the sample's Dockerfile says about the image it builds: the instructions of its last
 * stage, the one that runs. Only the forms the Dockerfile uses are read: {@code ENV key=value},
 * {@code EXPOSE port}, {@code USER}, {@code COPY ... destination}, {@code RUN} (as text), and the JSON-array
 * {@code ENTRYPOINT}, which a Space runs as it is (no shell in between).
 */
record SpaceDockerfile(List<String> entrypoint, Map<String, String> env, List<String> exposedPorts, String user,
		List<String> copiedTo, List<String> runs) {

	private static final JsonMapper json = JsonMapper.builder().build();

	static SpaceDockerfile read(Path dockerfile) throws IOException {
		List<String> entrypoint = List.of();
		Map<String, String> env = new LinkedHashMap<>();
		List<String> exposed = new ArrayList<>();
		List<String> copied = new ArrayList<>();
		List<String> runs = new ArrayList<>();
		String user = null;
		for (String instruction : instructions(Files.readString(dockerfile))) {
			String[] parts = instruction.split("\\s+", 2);
			String arguments = (parts.length > 1) ? parts[1].trim() : "";
			switch (parts[0].toUpperCase()) {
				case "FROM" -> {
					// A new stage: only the last one runs.
					entrypoint = List.of();
					env.clear();
					exposed.clear();
					copied.clear();
					runs.clear();
					user = null;
				}
				case "ENTRYPOINT" -> entrypoint = json.readValue(arguments, new TypeReference<List<String>>() {
				});
				case "ENV" -> {
					for (String pair : arguments.split("\\s+")) {
						int equals = pair.indexOf('=');
						env.put(pair.substring(0, equals), pair.substring(equals + 1));
					}
				}
				case "EXPOSE" -> exposed.addAll(List.of(arguments.split("\\s+")));
				case "USER" -> user = arguments;
				case "RUN" -> runs.add(arguments);
				case "COPY" -> {
					String[] words = arguments.split("\\s+");
					copied.add(words[words.length - 1]);
				}
				default -> {
				}
			}
		}
		return new SpaceDockerfile(entrypoint, Map.copyOf(env), List.copyOf(exposed), user, List.copyOf(copied),
				List.copyOf(runs));
	}

	/** The jar the entry point runs: the argument after {@code -jar}. */
	String jar() {
		int flag = this.entrypoint.indexOf("-jar");
		if (flag < 0 || flag == this.entrypoint.size() - 1) {
			throw new AssertionError("The Dockerfile's ENTRYPOINT runs no -jar: " + this.entrypoint);
		}
		return this.entrypoint.get(flag + 1);
	}

	/** The JDK 25 AOT cache the entry point uses ({@code -XX:AOTCache=path}), or {@code null}. */
	String aotCache() {
		return this.entrypoint.stream()
			.filter((argument) -> argument.startsWith("-XX:AOTCache="))
			.map((argument) -> argument.substring("-XX:AOTCache=".length()))
			.findFirst()
			.orElse(null);
	}

	// One string per instruction: comments dropped, lines continued with a backslash joined.
	private static List<String> instructions(String text) {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : text.split("\n")) {
			String trimmed = line.trim();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			boolean continued = trimmed.endsWith("\\");
			current.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
			if (!continued) {
				instructions.add(current.toString().trim());
				current.setLength(0);
			}
		}
		return instructions;
	}

}
