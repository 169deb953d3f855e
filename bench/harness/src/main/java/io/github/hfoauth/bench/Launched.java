package io.github.hfoauth.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An app process started by the harness, with the time from its launch to the first request
 * it served.
 */
final class Launched implements AutoCloseable {

	private static final HttpClient PROBE = HttpClient.newBuilder()
		.connectTimeout(Duration.ofMillis(200))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final Process process;

	private final int port;

	private final double startupMillis;

	private Launched(Process process, int port, double startupMillis) {
		this.process = process;
		this.port = port;
		this.startupMillis = startupMillis;
	}

	/**
	 * Starts the command and waits until {@code GET /} on the port answers (any status).
	 * @param command the full command line
	 * @param port the port the app listens on
	 * @param log where its output goes
	 */
	static Launched start(List<String> command, int port, Path log) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		long started = System.nanoTime();
		Process process = builder.start();
		HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = started + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("App exited with " + process.exitValue() + ", see " + log);
			}
			try {
				PROBE.send(probe, HttpResponse.BodyHandlers.discarding());
				return new Launched(process, port, (System.nanoTime() - started) / 1e6);
			}
			catch (IOException notYet) {
				Thread.sleep(10);
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException("App did not answer within 120 s, see " + log);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	long pid() {
		return this.process.pid();
	}

	double startupMillis() {
		return this.startupMillis;
	}

	/** Stops the app the way a container stop does (SIGTERM), so it shuts down gracefully. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
