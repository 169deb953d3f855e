package io.github.hfoauth.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 written by hand to the app on this machine, for what {@code java.net.http} refuses
 * to send: a backslash or an invalid percent-escape in the request target, a target without a
 * leading slash, bytes that are not UTF-8. One request per connection.
 */
final class RawHttp {

	private static final int TIMEOUT_MILLIS = 20_000;

	private RawHttp() {
	}

	/**
	 * Sends one request.
	 * @param port the app's port on localhost
	 * @param method the method, e.g. {@code GET}
	 * @param target the request target exactly as it goes on the wire
	 * @param headers header lines such as {@code Accept: text/html}; Host and Connection are added
	 * @param body the body, sent with a Content-Length, or {@code null}
	 * @return the app's answer
	 * @throws IOException when the connection fails, e.g. the app resets it
	 */
	static Response send(int port, String method, String target, List<String> headers, byte[] body)
			throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			// ISO-8859-1 writes each char as the one byte the caller meant, UTF-8 sequences included.
			request.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
			List<String> lines = new ArrayList<>(headers);
			lines.add("Host: localhost:" + port);
			lines.add("Connection: close");
			if (body != null) {
				lines.add("Content-Length: " + body.length);
			}
			for (String line : lines) {
				request.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				request.writeBytes(body);
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toByteArray());
			out.flush();
			return Response.parse(socket.getInputStream());
		}
	}

	/** An answer: status, headers (names in lower case) and the body as text. */
	record Response(int status, Map<String, List<String>> headers, String body) {

		Optional<String> header(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
		}

		List<String> headers(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		/** The value of a cookie the answer sets, or {@code null}. */
		String setCookie(String name) {
			for (String cookie : headers("Set-Cookie")) {
				if (cookie.startsWith(name + "=")) {
					int end = cookie.indexOf(';');
					return cookie.substring(name.length() + 1, (end < 0) ? cookie.length() : end);
				}
			}
			return null;
		}

		static Response parse(InputStream in) throws IOException {
			byte[] bytes = in.readAllBytes();
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int headEnd = text.indexOf("\r\n\r\n");
			if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
				throw new IOException("Not an HTTP answer: " + text.substring(0, Math.min(200, text.length())));
			}
			String[] head = text.substring(0, headEnd).split("\r\n");
			int status = Integer.parseInt(head[0].substring(9, 12));
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.computeIfAbsent(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						(key) -> new ArrayList<>())
					.add(head[i].substring(colon + 1).trim());
			}
			byte[] body = Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
			boolean chunked = headers.getOrDefault("transfer-encoding", List.of()).contains("chunked");
			return new Response(status, headers,
					new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] body) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int position = 0;
			while (position < body.length) {
				int lineEnd = indexOfCrLf(body, position);
				if (lineEnd < 0) {
					break;
				}
				String size = new String(body, position, lineEnd - position, StandardCharsets.ISO_8859_1);
				int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
				if (length == 0) {
					break;
				}
				out.write(body, lineEnd + 2, Math.min(length, body.length - lineEnd - 2));
				position = lineEnd + 2 + length + 2;
			}
			return out.toByteArray();
		}

		private static int indexOfCrLf(byte[] bytes, int from) {
			for (int i = from; i < bytes.length - 1; i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
					return i;
				}
			}
			return -1;
		}

	}

}
