package io.github.hfoauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import io.github.hfoauth.fake.FakeHuggingFace;

/** The three apps compared, each with the same pages and {@code /api/me}. */
enum BenchApp {

	/** The sample app with the starter, in properties mode. */
	STARTER("starter", "sample-app/target/sample-app-0.1.0-SNAPSHOT.jar", true),

	/** Spring Security's OAuth2 login configured by hand for Hugging Face. */
	BASELINE("baseline", "bench/baseline-app/target/bench-baseline-app-0.1.0-SNAPSHOT.jar", true),

	/** The same pages without any security. */
	FLOOR("floor", "bench/floor-app/target/bench-floor-app-0.1.0-SNAPSHOT.jar", false);

	/** Same heap limit for all; stack depth so that profiles see the whole filter chain. */
	static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:FlightRecorderOptions:stackdepth=256");

	final String label;

	final String jar;

	final boolean signsIn;

	BenchApp(String label, String jar, boolean signsIn) {
		this.label = label;
		this.jar = jar;
		this.signsIn = signsIn;
	}

	/** The app's own arguments: its port, and the fake Hugging Face as its provider. */
	List<String> arguments(int port, String providerUrl) {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
		switch (this) {
			case STARTER -> args.addAll(List.of("--hf.oauth.client-id=" + FakeHuggingFace.DEFAULT_CLIENT_ID,
					"--hf.oauth.client-secret=" + FakeHuggingFace.DEFAULT_CLIENT_SECRET,
					"--hf.oauth.provider-url=" + providerUrl));
			case BASELINE -> {
				String registration = "--spring.security.oauth2.client.registration.huggingface.";
				args.addAll(List.of(registration + "client-id=" + FakeHuggingFace.DEFAULT_CLIENT_ID,
						registration + "client-secret=" + FakeHuggingFace.DEFAULT_CLIENT_SECRET,
						"--spring.security.oauth2.client.provider.huggingface.issuer-uri=" + providerUrl));
			}
			case FLOOR -> args.add("--bench.floor.userinfo=" + FakeHuggingFace.DEFAULT_USERINFO);
		}
		return args;
	}

	/**
	 * Copies the built jar under the bench's work directory, named after the app: other
	 * engineers' scripts on this machine stop processes of {@code sample-app*.jar} by name.
	 */
	Path copyJar(Path root, Path work) throws IOException {
		Path copy = Files.createDirectories(work.resolve("apps")).resolve("bench-" + this.label + ".jar");
		Files.copy(root.resolve(this.jar), copy, StandardCopyOption.REPLACE_EXISTING);
		return copy;
	}

	/**
	 * {@code java [options] -jar app.jar [arguments]}, with the JDK running the harness.
	 * @param jar the app's jar, see {@link #copyJar}
	 */
	List<String> command(Path jar, int port, String providerUrl, List<String> extraArguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments(port, providerUrl));
		command.addAll(extraArguments);
		return command;
	}

}
