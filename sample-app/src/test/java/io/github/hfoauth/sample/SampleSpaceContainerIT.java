package io.github.hfoauth.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Space image without Docker (no engine, no registry here): the packaged jar, started
 * exactly as the Dockerfile's {@code ENTRYPOINT} starts it, with the Dockerfile's {@code ENV}
 * and a Space's environment, answers and signs a user in through the fake Hugging Face. The
 * Dockerfile is read, not copied, so changing its entry point, port or flags changes this test.
 * <p>
 * Not reproduced: the image's user (UID 1000; the test runs as whoever runs the build), the JRE 25
 * of the runtime image (the test uses the JDK running the build, 17 or newer, and drops
 * {@code -XX:AOTCache} below 25) and the AOT cache's training run (bench/ measures the cache).
 */
class SampleSpaceContainerIT {

	private static final Path DOCKERFILE = Paths.get("Dockerfile");

	private static final Path SPACE_README = Paths.get("README.md");

	private static final Path LOG = Paths.get("target", "sample-space-container.log");

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final SpaceDockerfile dockerfile = readDockerfile();

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SpaceSignIn.SCOPES);

	private static Process app;

	private static int port;

	@BeforeAll
	static void startAsTheEntryPointDoes() throws Exception {
		port = portToListenOn();
		Path workdir = Files.createTempDirectory("hf-oauth-space-");
		List<String> command = new ArrayList<>(dockerfile.entrypoint());
		command.set(0, java());
		command.set(command.indexOf(dockerfile.jar()), jarAsTheImageHasIt(workdir).toString());
		// The runtime image's JDK 25 reads -XX:AOTCache; older JDKs refuse the option. The cache
		// itself is made by the image build's training run, not here: a missing one only costs
		// the speed-up, which bench/ measures.
		command.removeIf((argument) -> argument.startsWith("-XX:AOTCache=") && Runtime.version().feature() < 25);
		command.replaceAll((argument) -> argument.startsWith("-XX:AOTCache=")
				? "-XX:AOTCache=" + workdir.resolve("app.aot") : argument);
		ProcessBuilder process = new ProcessBuilder(command).directory(workdir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(LOG.toFile());
		// A container's environment: the image's ENV and what the Space adds, nothing of this machine's.
		Map<String, String> environment = process.environment();
		environment.clear();
		environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
		environment.put("HOME", workdir.toString());
		environment.putAll(dockerfile.env());
		environment.put("SERVER_PORT", String.valueOf(port));
		environment.put("SPACE_ID", "ada/demo");
		environment.put("SPACE_HOST", SpaceSignIn.SPACE_HOST);
		environment.put("SPACE_AUTHOR_NAME", "ada");
		environment.put("SPACE_REPO_NAME", "demo");
		environment.put("OAUTH_CLIENT_ID", FakeHuggingFace.DEFAULT_CLIENT_ID);
		environment.put("OAUTH_CLIENT_SECRET", FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		environment.put("OAUTH_SCOPES", SpaceSignIn.SCOPES);
		environment.put("OPENID_PROVIDER_URL", huggingFace.baseUrl());
		app = process.start();
		awaitServing();
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (app != null) {
			app.destroy();
			app.waitFor();
		}
		huggingFace.close();
	}

	@Test
	void theImageListensOnTheSpacesPortAsUser1000AndRunsAPlainJavaCommand() throws IOException {
		assertThat(dockerfile.env()).containsEntry("SERVER_PORT", "7860");
		assertThat(dockerfile.exposedPorts()).containsExactly("7860");
		assertThat(spaceMetadata("app_port")).as("app_port in the Space's README").isEqualTo("7860");
		assertThat(dockerfile.user()).isEqualTo("1000");
		assertThat(dockerfile.entrypoint().get(0)).isEqualTo("java");
		assertThat(dockerfile.copiedTo()).as("the packaged jar is copied into the image").contains("/app/app.jar");
		Path extracted = Paths.get(dockerfile.jar()).getParent();
		assertThat(dockerfile.runs()).as("the jar the entry point runs is extracted from it, and the AOT cache made")
			.anySatisfy((run) -> assertThat(run).contains("-Djarmode=tools -jar /app/app.jar extract --destination " + extracted)
				.contains("-XX:AOTCacheOutput=" + dockerfile.aotCache())
				.contains("-jar " + dockerfile.jar()));
		assertThat(dockerfile.env().keySet()).as("no secret in the image")
			.noneMatch((name) -> name.contains("SECRET") || name.contains("TOKEN") || name.startsWith("OAUTH_"));
	}

	@Test
	void theAppServesItsHomePageFramedByHuggingFaceWithTheSignInInANewTab() {
		Browser browser = new Browser(port);
		HttpResponse<String> home = browser.get("/");

		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).contains("frame-ancestors", "https://huggingface.co"));
		Element signIn = Browser.page(home).selectFirst("a[href=" + HfOAuth2Registration.LOGIN_URL + "]");
		assertThat(signIn).isNotNull();
		assertThat(signIn.attr("target")).isEqualTo("_blank");
	}

	@Test
	void aVisitorSignsInWithTheSpacesOAuthApp() {
		Browser browser = new Browser(port);
		HttpResponse<String> start = browser.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(start.headers().allValues("Set-Cookie")).anySatisfy((cookie) -> assertThat(cookie)
			.startsWith("JSESSIONID=").contains("Secure", "SameSite=None", "Partitioned"));
		HttpResponse<String> signedIn = browser.get(SpaceSignIn.approveOnHuggingFace(browser, start).toString());
		assertThat(signedIn.statusCode()).isEqualTo(302);

		HttpResponse<String> me = browser.getJson("/api/me");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(Json.parse(me.body())).containsEntry("username", "ada").containsEntry("email", "ada@example.com");
		assertThat(huggingFace.tokenRequests()).hasSize(1);
	}

	private static SpaceDockerfile readDockerfile() {
		try {
			return SpaceDockerfile.read(DOCKERFILE);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + DOCKERFILE.toAbsolutePath(), ex);
		}
	}

	private static String java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	// As the image's RUN does: the packaged jar extracted (classes in nested jars cannot be
	// cached), under the name the entry point runs.
	private static Path jarAsTheImageHasIt(Path workdir) throws Exception {
		Path extracted = workdir.resolve("extracted");
		Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", packagedJar().toString(), "extract",
				"--destination", extracted.toString())
			.redirectErrorStream(true)
			.redirectOutput(LOG.toFile())
			.start();
		assertThat(extract.waitFor()).as("extracting the jar: %s", LOG).isZero();
		try (var jars = Files.list(extracted)) {
			Path jar = jars.filter((file) -> file.toString().endsWith(".jar")).findFirst().orElseThrow();
			return Files.move(jar, extracted.resolve(Paths.get(dockerfile.jar()).getFileName()));
		}
	}

	// Set by the failsafe plugin: the jar `mvn package` built, the one the image copies.
	private static Path packagedJar() {
		Path jar = Paths.get(System.getProperty("sample.jar", "target/missing.jar"));
		assertThat(jar).as("the packaged sample app; run this test with `mvn verify`").isRegularFile();
		return jar;
	}

	// The image's port, unless another build on this machine holds it right now.
	private static int portToListenOn() throws IOException {
		int imagePort = Integer.parseInt(dockerfile.env().get("SERVER_PORT"));
		try (ServerSocket probe = new ServerSocket(imagePort, 1, InetAddress.getLoopbackAddress())) {
			return imagePort;
		}
		catch (IOException busy) {
			return FakeHuggingFace.freePort();
		}
	}

	private static void awaitServing() throws Exception {
		Instant deadline = Instant.now().plus(STARTUP);
		while (Instant.now().isBefore(deadline)) {
			if (!app.isAlive()) {
				throw new AssertionError("The app exited with " + app.exitValue() + ":\n" + Files.readString(LOG));
			}
			try {
				// Our process's own word that it started: another build's app may hold the port.
				if (Files.readString(LOG).contains("Tomcat started on port " + port)
						&& new Browser(port).get("/").statusCode() == 200) {
					return;
				}
			}
			catch (IllegalStateException notYet) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The app did not answer within " + STARTUP + ":\n" + Files.readString(LOG));
	}

	private static String spaceMetadata(String key) throws IOException {
		String frontMatter = Files.readString(SPACE_README).split("(?m)^---$", 3)[1];
		Matcher line = Pattern.compile("(?m)^" + key + ":\\s*(\\S+)\\s*$").matcher(frontMatter);
		assertThat(line.find()).as("%s in the front matter of %s", key, SPACE_README).isTrue();
		return line.group(1);
	}

}
