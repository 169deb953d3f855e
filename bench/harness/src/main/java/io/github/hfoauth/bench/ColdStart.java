package io.github.hfoauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 5: the sample app waking up as a Space does, started as its container starts it
 * ({@code java -jar}, no other flag), against the same app with a JVM startup cache made by a
 * training run at image build time: JDK 25's AOT cache, and a CDS archive on JDK 17.
 */
final class ColdStart {

	static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

	private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT \\[\"java\",(.*), \"-jar\"", Pattern.MULTILINE);

	private final Path fatJar;

	private final Path work;

	private final Settings settings;

	private final Provider provider;

	private final Report report;

	private final List<String> flags;

	ColdStart(Path fatJar, Path work, Settings settings, Provider provider, Report report, List<String> flags) {
		this.flags = flags;
		this.fatJar = fatJar;
		this.work = work.resolve("cold-start");
		this.settings = settings;
		this.provider = provider;
		this.report = report;
	}

	/**
	 * The JVM flags of {@code sample-app/Dockerfile}'s ENTRYPOINT (those between {@code java}
	 * and {@code -jar}, but its AOT cache), so that the cold start is the container's.
	 */
	static List<String> dockerfileFlags(Path root) throws IOException {
		Matcher entrypoint = ENTRYPOINT.matcher(Files.readString(root.resolve("sample-app/Dockerfile")));
		if (!entrypoint.find()) {
			throw new IllegalStateException("sample-app/Dockerfile has no ENTRYPOINT [\"java\", ..., \"-jar\", ...]");
		}
		return Arrays.stream(entrypoint.group(1).split(","))
			.map((flag) -> flag.trim().replace("\"", ""))
			.filter((flag) -> !flag.isEmpty())
			// Each variant below brings its own cache (or none): the image's path means nothing here.
			.filter((flag) -> !flag.startsWith("-XX:AOTCache="))
			.toList();
	}

	void measure() throws Exception {
		Bench.log("Figure 5: cold start");
		String jdk17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String jdk25 = JDK_25.toString();
		Path fatJar = this.fatJar;
		Path extracted = this.work.resolve("extracted");
		Tools.run(List.of("rm", "-rf", this.work.toString()));
		Files.createDirectories(this.work);
		// What the image build would run: extract the jar (classes loaded from nested jars
		// cannot be cached), then one training run that exits once the context is refreshed.
		Tools.run(List.of(jdk25, "-Djarmode=tools", "-jar", fatJar.toString(), "extract", "--destination",
				extracted.toString()));
		String app = extracted.resolve(fatJar.getFileName()).toString();
		Path aot = this.work.resolve("app.aot");
		Path cds = this.work.resolve("app.jsa");
		train(List.of(jdk25, "-XX:AOTCacheOutput=" + aot, "-Dspring.context.exit=onRefresh", "-jar", app));
		train(List.of(jdk17, "-XX:ArchiveClassesAtExit=" + cds, "-Dspring.context.exit=onRefresh", "-jar", app));

		Map<String, List<String>> variants = new LinkedHashMap<>();
		variants.put("JDK 25, java -jar (plain)", List.of(jdk25, "-jar", fatJar.toString()));
		variants.put("JDK 25, extracted jar", List.of(jdk25, "-jar", app));
		variants.put("JDK 25, extracted + AOT cache", List.of(jdk25, "-XX:AOTCache=" + aot, "-jar", app));
		variants.put("JDK 17, java -jar (plain)", List.of(jdk17, "-jar", fatJar.toString()));
		variants.put("JDK 17, extracted + CDS archive", List.of(jdk17, "-XX:SharedArchiveFile=" + cds, "-jar", app));
		List<String> names = new ArrayList<>(variants.keySet());
		Map<String, List<Double>> millis = new LinkedHashMap<>();
		for (int run = 0; run < this.settings.coldStartRuns(); run++) {
			for (int i = 0; i < names.size(); i++) {
				String name = names.get((i + run) % names.size());
				int port = Bench.freePort();
				List<String> command = new ArrayList<>(variants.get(name).subList(0, 1));
				command.addAll(this.flags);
				command.addAll(variants.get(name).subList(1, variants.get(name).size()));
				command.addAll(BenchApp.STARTER.arguments(port, this.provider.url()));
				Path log = this.work.resolve("run-" + run + "-" + i + ".log");
				try (Launched launched = Launched.start(command, port, log)) {
					millis.computeIfAbsent(name, (key) -> new ArrayList<>()).add(launched.startupMillis());
				}
			}
		}
		this.report.coldStart(this.flags, variants, millis, Files.size(aot), Files.size(cds), aotFlagOnJdk17(jdk17, aot));
	}

	private void train(List<String> command) throws IOException, InterruptedException {
		List<String> withPort = new ArrayList<>(command);
		withPort.add("--server.port=0");
		Tools.run(withPort);
	}

	// The issue-8 test runs the jar with the machine's java: what would the AOT flag do there?
	private static String aotFlagOnJdk17(String jdk17, Path aot) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(jdk17, "-XX:AOTCache=" + aot, "-version").redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes()).lines()
			.filter((line) -> !line.isBlank())
			.findFirst()
			.orElse("");
		return "exit " + process.waitFor() + ": " + output.trim();
	}

}
