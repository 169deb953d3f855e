package io.github.hfoauth.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A fake Inference Providers router that streams chat completions as server-sent events, one
 * piece at a time with a pause between them, on 127.0.0.1. WireMock answers in one piece;
 * this one writes and flushes each event, so a test sees when each arrives, and notices when
 * the client goes away before the end (its next write fails).
 * <p>
 * Its base URL ({@link #baseUrl()}) is what {@code hf.api.inference-url} points at.
 */
public final class StreamingRouter implements AutoCloseable {

	/** The pieces of the default answer. */
	public static final List<String> PIECES = List.of("The ", "capital ", "of France ", "is ", "Paris.");

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private volatile Script script = Script.answer(PIECES, Duration.ofMillis(100));

	private volatile CountDownLatch clientGone = new CountDownLatch(1);

	private volatile @Nullable CountDownLatch lastPiece;

	private volatile boolean lastPieceReleased;

	private StreamingRouter(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts a router on a free port of 127.0.0.1.
	 * @return the running router
	 */
	public static StreamingRouter start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			StreamingRouter router = new StreamingRouter(server);
			server.createContext("/v1/chat/completions", router::chat);
			server.setExecutor(router.threads);
			server.start();
			return router;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What {@code hf.api.inference-url} must be.
	 * @return the base URL, ending in {@code /v1}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	/**
	 * What the router answers from now on.
	 * @param script the answer
	 * @return this router
	 */
	public StreamingRouter answer(Script script) {
		this.script = script;
		this.clientGone = new CountDownLatch(1);
		this.lastPiece = null;
		this.lastPieceReleased = false;
		this.requests.clear();
		return this;
	}

	/**
	 * Holds the last piece of the next answer back until {@link #releaseTheLastPiece()} (at
	 * most 10 s): a test releases it once the first piece reached the client, which shows that
	 * the client hands pieces over as they arrive, however slow the machine.
	 * @return this router
	 */
	public StreamingRouter holdingTheLastPiece() {
		this.lastPiece = new CountDownLatch(1);
		return this;
	}

	/** Lets the held-back last piece go. */
	public void releaseTheLastPiece() {
		CountDownLatch latch = this.lastPiece;
		if (latch != null) {
			latch.countDown();
		}
	}

	/**
	 * Whether the held-back last piece was released before the router gave up waiting.
	 * @return whether it was
	 */
	public boolean lastPieceWaitedForTheClient() {
		return this.lastPieceReleased;
	}

	/**
	 * The headers of each request so far (names in lower case), with its body as {@code body}.
	 * @return the requests
	 */
	public List<Map<String, String>> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Waits until a write of the stream failed because the client closed the connection.
	 * @param wait how long to wait
	 * @return whether it did within the wait
	 */
	public boolean clientWentAway(Duration wait) {
		try {
			return this.clientGone.await(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	private void chat(HttpExchange exchange) throws IOException {
		Map<String, String> request = new ConcurrentHashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> request.put(name.toLowerCase(), String.join(",", values)));
		request.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		this.requests.add(request);
		Script answer = this.script;
		if (answer.status() != 200) {
			byte[] body = answer.errorBody().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		try {
			for (int i = 0; i < answer.pieces().size(); i++) {
				if (i > 0) {
					pause(answer.gap());
				}
				if (i == answer.stallAfter()) {
					// Nothing more, the connection open: only the client's read timeout ends it.
					pause(Duration.ofSeconds(30));
				}
				CountDownLatch hold = this.lastPiece;
				if (i == answer.pieces().size() - 1 && hold != null) {
					this.lastPieceReleased = hold.await(10, TimeUnit.SECONDS);
				}
				if (i == answer.breakAfter()) {
					// Not the end of a chunked body: the connection just drops.
					throw new IllegalStateException("the router drops the connection, as the test asked");
				}
				String finish = (i == answer.pieces().size() - 1) ? "\"stop\"" : "null";
				event(out, "{\"id\":\"chatcmpl-s1\",\"model\":\"HuggingFaceTB/SmolLM3-3B\",\"choices\":[{\"index\":0,"
						+ "\"delta\":{\"content\":\"" + answer.pieces().get(i) + "\"},\"finish_reason\":" + finish + "}]}");
			}
			event(out, "[DONE]");
			out.close();
		}
		catch (IOException ex) {
			this.clientGone.countDown();
			exchange.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.close();
		}
	}

	private static void event(OutputStream out, String data) throws IOException {
		out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void pause(Duration gap) {
		try {
			Thread.sleep(gap.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer of the router.
	 *
	 * @param status 200 to stream, else the error status
	 * @param errorBody the body of an error status
	 * @param pieces the pieces of the answer
	 * @param gap the pause between two pieces
	 * @param breakAfter after how many pieces the connection drops, or -1 for never
	 * @param stallAfter after how many pieces nothing more comes, or -1 for never
	 */
	public record Script(int status, String errorBody, List<String> pieces, Duration gap, int breakAfter,
			int stallAfter) {

		/**
		 * Streams the pieces with a pause between them, then {@code [DONE]}.
		 * @param pieces the pieces
		 * @param gap the pause
		 * @return the script
		 */
		public static Script answer(List<String> pieces, Duration gap) {
			return new Script(200, "", pieces, gap, -1, -1);
		}

		/**
		 * Streams pieces with a pause between them until the client goes away (at most 600).
		 * @param gap the pause
		 * @return the script
		 */
		public static Script endless(Duration gap) {
			return answer(java.util.Collections.nCopies(600, "more "), gap);
		}

		/**
		 * Answers an error status before any stream.
		 * @param status the status
		 * @param body the body
		 * @return the script
		 */
		public static Script failing(int status, String body) {
			return new Script(status, body, List.of(), Duration.ZERO, -1, -1);
		}

		/**
		 * This answer, dropping the connection after some pieces.
		 * @param pieces how many pieces arrive
		 * @return the script
		 */
		public Script breakingAfter(int pieces) {
			return new Script(this.status, this.errorBody, this.pieces, this.gap, pieces, -1);
		}

		/**
		 * This answer, sending nothing more after some pieces (0: after the headers), the
		 * connection open.
		 * @param pieces how many pieces arrive
		 * @return the script
		 */
		public Script stallingAfter(int pieces) {
			return new Script(this.status, this.errorBody, this.pieces, this.gap, -1, pieces);
		}

	}

}
