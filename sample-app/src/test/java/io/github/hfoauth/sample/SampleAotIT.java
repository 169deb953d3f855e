package io.github.hfoauth.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample processed by Spring AOT ({@code spring-boot:process-aot}, bound in the pom so the
 * packaged jar holds the ahead-of-time initializers) and run with
 * {@code -Dspring.aot.enabled=true}. AOT fixes the bean definitions at build time, which ran
 * with no Hugging Face configuration at all: the sign-in mode must still be decided where the app
 * runs. One JVM per case, each in a clean environment as a container would have.
 */
class SampleAotIT {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SpaceSignIn.SCOPES);

	private static final List<Process> apps = new ArrayList<>();

	private static int mockPort;

	private static int spacePort;

	@BeforeAll
	static void startBothCases() throws Exception {
		mockPort = FakeHuggingFace.freePort();
		spacePort = FakeHuggingFace.freePort();
		Process mock = start(mockPort, Map.of(), "mock");
		Process space = start(spacePort,
				Map.of("SPACE_ID", "ada/demo", "SPACE_HOST", SpaceSignIn.SPACE_HOST, "OAUTH_CLIENT_ID",
						FakeHuggingFace.DEFAULT_CLIENT_ID, "OAUTH_CLIENT_SECRET", FakeHuggingFace.DEFAULT_CLIENT_SECRET,
						"OAUTH_SCOPES", SpaceSignIn.SCOPES, "OPENID_PROVIDER_URL", huggingFace.baseUrl()),
				"space");
		awaitServing(mock, mockPort, log("mock"));
		awaitServing(space, spacePort, log("space"));
	}

	@AfterAll
	static void stop() throws InterruptedException {
		for (Process app : apps) {
			app.destroy();
			app.waitFor();
		}
		huggingFace.close();
	}

	@Test
	void theBuildRanAheadOfTime() throws IOException {
		assertThat(Files.readString(log("mock"))).as("the app's log").contains("Starting AOT-processed");
	}

	@Test
	void withNoConfigurationTheMockUserSignsIn() {
		Browser browser = new Browser(mockPort);
		HttpResponse<String> signIn = browser.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(Browser.location(signIn)).isEqualTo(browser.url("/"));
		HttpResponse<String> me = browser.getJson("/api/me");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(Json.parse(me.body())).containsEntry("username", "mock-user");
	}

	@Test
	void withTheSpacesVariablesTheSignInIsRealAndNeverTheMock() throws IOException {
		Browser browser = new Browser(spacePort);
		HttpResponse<String> start = browser.get(HfOAuth2Registration.LOGIN_URL);
		assertThat(Browser.location(start).toString()).as("to Hugging Face").startsWith(huggingFace.baseUrl());
		HttpResponse<String> signedIn = browser.get(SpaceSignIn.approveOnHuggingFace(browser, start).toString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		HttpResponse<String> me = browser.getJson("/api/me");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(Json.parse(me.body())).containsEntry("username", "ada");
		assertThat(huggingFace.tokenRequests()).hasSize(1);
		assertThat(Files.readString(log("space"))).doesNotContain("MOCK MODE", "MOCK SIGN-IN");
	}

	private static Process start(int port, Map<String, String> variables, String name) throws IOException {
		Path workdir = Files.createTempDirectory("hf-oauth-aot-");
		List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-jar", packagedJar().toString(), "--server.port=" + port);
		ProcessBuilder process = new ProcessBuilder(command).directory(workdir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log(name).toFile());
		Map<String, String> environment = process.environment();
		environment.clear();
		environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
		environment.put("HOME", workdir.toString());
		environment.putAll(variables);
		Process app = process.start();
		apps.add(app);
		return app;
	}

	private static Path log(String name) {
		return Paths.get("target", "sample-aot-" + name + ".log");
	}

	// Set by the failsafe plugin: the jar `mvn package` built, after process-aot.
	private static Path packagedJar() {
		Path jar = Paths.get(System.getProperty("sample.jar", "target/missing.jar"));
		assertThat(jar).as("the packaged sample app; run this test with `mvn verify`").isRegularFile();
		return jar;
	}

	private static void awaitServing(Process app, int port, Path log) throws Exception {
		Instant deadline = Instant.now().plus(STARTUP);
		while (Instant.now().isBefore(deadline)) {
			if (!app.isAlive()) {
				throw new AssertionError("The app exited with " + app.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				if (Files.readString(log).contains("Tomcat started on port " + port)
						&& new Browser(port).get("/").statusCode() == 200) {
					return;
				}
			}
			catch (IllegalStateException notYet) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The app did not answer within " + STARTUP + ":\n" + Files.readString(log));
	}

}
