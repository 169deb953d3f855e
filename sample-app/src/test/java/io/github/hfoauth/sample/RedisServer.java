package io.github.hfoauth.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Redis for the tests of shared sessions: Debian's {@code redis-server} on a free
 * loopback port, without persistence (nothing is written to disk, so a restart forgets every
 * session, as a store that was replaced would). {@code .ci/run} installs it when missing.
 */
public final class RedisServer implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/bin/redis-server");

	private static final Duration STARTUP = Duration.ofSeconds(15);

	private final int port;

	private Process process;

	private RedisServer(int port) {
		this.port = port;
	}

	/** Starts Redis on a free loopback port; fails with what to install when it is missing. */
	public static RedisServer start() {
		if (!Files.isExecutable(BINARY)) {
			throw new AssertionError(BINARY + " is missing: the tests of shared sessions need a real Redis. Run .ci/run, "
					+ "which installs it, or install Debian's redis-server package (apt-get install redis-server).");
		}
		RedisServer redis = new RedisServer(freePort());
		redis.startAgain();
		return redis;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** Stops Redis, as a crash or an outage would; every session it held is gone. */
	public void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/** Starts Redis again on the same port, empty. */
	public void startAgain() {
		try {
			this.process = new ProcessBuilder(List.of(BINARY.toString(), "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + BINARY + ": " + ex.getMessage(), ex);
		}
		awaitPong();
	}

	@Override
	public void close() {
		stop();
	}

	private void awaitPong() {
		Instant deadline = Instant.now().plus(STARTUP);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(BINARY + " exited with " + this.process.exitValue() + " on port " + this.port);
			}
			if (answersPing()) {
				return;
			}
			sleep();
		}
		stop();
		throw new IllegalStateException("Redis did not answer on port " + this.port + " within " + STARTUP);
	}

	private boolean answersPing() {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(7);
			return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
